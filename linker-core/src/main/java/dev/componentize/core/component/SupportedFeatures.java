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
import java.util.Optional;

/**
 * What the later stages (the Python bindings, the canonical ABI and the component encoder) support
 * of the WIT language, checked once over the selected world before any of them runs. The WIT front
 * end reads all of WIT; a world that uses something those stages cannot carry yet is refused here
 * with every such use located in its file, not halfway through a stage with the first one.
 *
 * <p>{@code async func} passes: the encoder lifts and lowers it with the async ABI and the Python
 * bindings make it an {@code async def} (docs/design/python-glue.md, "Async"); so do {@code
 * stream<T>}, {@code future<T>} and {@code error-context} (Python stream, future and error
 * objects).
 *
 * <p>Not supported yet: {@code map<K, V>}, fixed-size lists ({@code list<T, N>}), inline interfaces
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
    Map<SourceSpan, String> problems = new LinkedHashMap<>();
    uses(world.features(), problems);
    List<WorldItem> items = new ArrayList<>(world.imports().values());
    items.addAll(world.exports().values());
    for (WorldItem item : items) {
      if (item instanceof WorldItem.InterfaceItem i) {
        Interface iface = resolve.iface(i.id());
        if (iface.name() == null) {
          problems.putIfAbsent(
              iface.span(),
              "inline interface ('name: interface { ... }') is not supported yet; define a named"
                  + " interface and import or export that");
        }
        for (Function f : iface.functions().values()) {
          uses(f.features(), problems);
        }
      } else if (item instanceof WorldItem.FunctionItem f) {
        uses(f.function().features(), problems);
      }
    }
    for (TypeId id : resolve.typeClosure(world.id())) {
      TypeDef def = resolve.type(id);
      uses(def.features(), problems);
      if (def.owner() instanceof TypeOwner.OfInterface owner) {
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
                ? " uses a WIT feature that is not supported yet:"
                : " uses " + located.size() + " WIT features that are not supported yet:"),
        located);
  }

  /**
   * Where {@code world} first has an {@code async func}, if it does: its own functions first
   * (exports, then imports: they are written in the world's file), then those of its interfaces.
   */
  public static Optional<SourceSpan> firstAsyncFunction(Resolve resolve, World world) {
    List<WorldItem> items = new ArrayList<>(world.exports().values());
    items.addAll(world.imports().values());
    List<Function> functions = new ArrayList<>();
    for (WorldItem item : items) {
      if (item instanceof WorldItem.FunctionItem f) {
        functions.add(f.function());
      }
    }
    for (WorldItem item : items) {
      if (item instanceof WorldItem.InterfaceItem i) {
        functions.addAll(resolve.iface(i.id()).functions().values());
      }
    }
    return functions.stream().filter(Function::async).map(Function::span).findFirst();
  }

  private static void uses(List<FeatureUse> uses, Map<SourceSpan, String> problems) {
    for (FeatureUse use : uses) {
      switch (use.feature()) {
        case ASYNC_FUNCTION, STREAM, FUTURE, ERROR_CONTEXT -> {
          continue; // carried by every later stage
        }
        default -> {}
      }
      problems.putIfAbsent(
          use.at(),
          "`" + use.written() + "` (" + use.feature().proposal() + ") is not supported yet");
    }
  }
}
