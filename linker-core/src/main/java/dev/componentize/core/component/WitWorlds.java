package dev.componentize.core.component;

import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Interface;
import dev.componentize.core.wit.InterfaceId;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.TypeId;
import dev.componentize.core.wit.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps a resolved WIT world ({@code dev.componentize.core.wit}) to the component type model the
 * encoder takes (component-model WIT.md to Explainer.md: "interfaces become instance types, worlds
 * become component types").
 *
 * <ul>
 *   <li>an interface becomes an {@link InterfaceType} named {@code ns:pkg/name@version}, with its
 *       types in source order as their owner exports them ({@link WitTypes#exported});
 *   <li>world-level functions become {@link ComponentFunction}s; world-level types are imported by
 *       name when a function refers to them.
 * </ul>
 *
 * The types themselves come from {@link WitTypes}, the one translation of WIT types that the
 * bindings use too. {@code async func} becomes an async function type; {@code stream}, {@code
 * future} and {@code error-context} their component types. Not supported: fixed-size lists, inline
 * (unnamed) interfaces; they raise {@link UnsupportedWitException}.
 */
public final class WitWorlds {
  private final Resolve resolve;
  private final WitTypes types;

  private WitWorlds(Resolve resolve) {
    this.resolve = resolve;
    this.types = new WitTypes(resolve);
  }

  /**
   * The component-level shape of {@code world}.
   *
   * @throws UnsupportedWitException if the world uses a construct the encoder cannot carry yet
   */
  public static WorldType toWorldType(Resolve resolve, World world) {
    WitWorlds mapper = new WitWorlds(resolve);
    return new WorldType(mapper.items(world.imports()), mapper.items(world.exports()));
  }

  private List<ComponentWorldItem> items(Map<String, dev.componentize.core.wit.WorldItem> items) {
    List<ComponentWorldItem> out = new ArrayList<>();
    for (Map.Entry<String, dev.componentize.core.wit.WorldItem> entry : items.entrySet()) {
      dev.componentize.core.wit.WorldItem item = entry.getValue();
      if (item instanceof dev.componentize.core.wit.WorldItem.InterfaceItem i) {
        out.add(iface(i.id()));
      } else if (item instanceof dev.componentize.core.wit.WorldItem.FunctionItem f) {
        out.add(types.function(f.function()));
      }
      // TypeItems need no entry: a world-level type is imported when a function refers to it.
    }
    return out;
  }

  private InterfaceType iface(InterfaceId id) {
    Interface iface = resolve.iface(id);
    String name = resolve.interfaceName(id);
    if (name == null) {
      throw new UnsupportedWitException(
          "inline interfaces are not supported yet; give the interface a name");
    }
    List<ExportedType> exported = new ArrayList<>();
    for (TypeId typeId : iface.types().values()) {
      exported.add(types.exported(typeId));
    }
    List<ComponentFunction> functions = new ArrayList<>();
    for (dev.componentize.core.wit.Function f : iface.functions().values()) {
      functions.add(types.function(f));
    }
    return new InterfaceType(name, exported, functions);
  }
}
