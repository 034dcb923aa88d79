package dev.componentize.core.component;

import dev.componentize.core.wit.FeatureUse;
import dev.componentize.core.wit.Function;
import dev.componentize.core.wit.Interface;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.SourceSpan;
import dev.componentize.core.wit.TypeDef;
import dev.componentize.core.wit.TypeId;
import dev.componentize.core.wit.TypeOwner;
import dev.componentize.core.wit.WitException;
import dev.componentize.core.wit.World;
import dev.componentize.core.wit.WorldItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the later stages (the Python bindings, the canonical ABI and the component encoder) support
 * of the WIT language, checked once over the selected world before any of them runs. The WIT front
 * end reads all of WIT; a world that uses something those stages cannot carry yet is refused here
 * with every such use located in its file, not halfway through a stage with the first one.
 *
 * <p>{@code async func} passes here: the component encoder lifts and lowers it with the async ABI,
 * and the stage that cannot carry it yet (the Python bindings) refuses it with its location.
 *
 * <p>Not supported yet: the component-model async types ({@code stream}, {@code future}, {@code
 * error-context}), {@code map<K, V>}, fixed-size lists ({@code list<T, N>}), inline interfaces
 * ({@code import x: interface { ... }}, also the types defined inside one) and interfaces imported
 * or exported under a plain name ({@code import primary: store;}: the encoder and the bindings do
 * not fail on it, but what they make of it, above all of one interface under two names, has not
 * been verified on a host, so it is refused rather than built untested).
 */
public final class SupportedFeatures {
  private SupportedFeatures() {}

  /**
   * Fails if {@code world} uses a WIT feature the later stages do not support yet.
   *
   * @throws WitException listing every such use, each located, sorted by file and position
   */
  public static void check(Resolve resolve, World world) {
    check(
        resolve,
        world,
        false,
        " is not supported yet",
        "that is not supported yet",
        "that are not supported yet");
  }

  /**
   * Fails if {@code world} has an {@code async func}: the encoder carries it, but the Python
   * bindings and the glue do not yet (the stage that calls this, with its words).
   *
   * @throws WitException listing every async function, each located
   */
  public static void checkNoAsync(Resolve resolve, World world) {
    check(
        resolve,
        world,
        true,
        " is not supported yet by the Python bindings",
        "that the Python bindings do not support yet",
        "that the Python bindings do not support yet");
  }

  private static void check(
      Resolve resolve,
      World world,
      boolean asyncOnly,
      String notYet,
      String singular,
      String plural) {
    Map<SourceSpan, String> problems = new LinkedHashMap<>();
    Uses uses = new Uses(asyncOnly, notYet, problems);
    uses.add(world.features());
    List<WorldItem> items = new ArrayList<>(world.imports().values());
    items.addAll(world.exports().values());
    for (WorldItem item : items) {
      if (item instanceof WorldItem.InterfaceItem i) {
        Interface iface = resolve.iface(i.id());
        if (iface.name() == null && !asyncOnly) {
          problems.putIfAbsent(
              iface.span(),
              "inline interface ('name: interface { ... }') is not supported yet; define a named"
                  + " interface and import or export that");
        }
        for (Function f : iface.functions().values()) {
          uses.add(f.features());
        }
      } else if (item instanceof WorldItem.FunctionItem f) {
        uses.add(f.function().features());
      }
    }
    for (TypeId id : resolve.typeClosure(world.id())) {
      TypeDef def = resolve.type(id);
      uses.add(def.features());
      if (def.owner() instanceof TypeOwner.OfInterface owner && !asyncOnly) {
        Interface iface = resolve.iface(owner.id());
        if (iface.name() == null) {
          problems.putIfAbsent(
              def.span(),
              "type '"
                  + def.name()
                  + "' defined in an inline interface ('import name: interface { ... }') is not"
                  + " supported yet; define it in a named interface and import that");
        }
      }
    }
    if (problems.isEmpty()) {
      return;
    }
    List<SourceSpan> spans = new ArrayList<>(problems.keySet());
    spans.sort(
        Comparator.comparing((SourceSpan s) -> s.file() == null ? "" : s.file().toString())
            .thenComparingInt(SourceSpan::line)
            .thenComparingInt(SourceSpan::column));
    List<WitException> located = new ArrayList<>();
    for (SourceSpan at : spans) {
      located.add(new WitException(at.file(), at.line(), at.column(), problems.get(at)));
    }
    String name = resolve.pkg(world.pkg()).name().qualify(world.name());
    throw new WitException(
        "world "
            + name
            + (located.size() == 1
                ? " uses a WIT feature " + singular + ":"
                : " uses " + located.size() + " WIT features " + plural + ":"),
        located);
  }

  /** Collects feature uses: all but async functions, or (for the bindings) only those. */
  private record Uses(boolean asyncOnly, String notYet, Map<SourceSpan, String> problems) {
    void add(List<FeatureUse> found) {
      for (FeatureUse use : found) {
        // async func: the encoder supports it; the Python bindings refuse it (checkNoAsync).
        if ((use.feature() == FeatureUse.Feature.ASYNC_FUNCTION) != asyncOnly) {
          continue;
        }
        problems.putIfAbsent(
            use.at(), "`" + use.written() + "` (" + use.feature().proposal() + ")" + notYet);
      }
    }
  }
}
