package dev.componentize.core.wit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything resolved from a WIT directory and its dependencies: packages, interfaces, worlds and
 * named types, each addressed by an index id. This is what the component encoder and the bindings
 * generator consume.
 */
public final class Resolve {
  private final List<WitPackage> packages;
  private final List<Interface> interfaces;
  private final List<World> worlds;
  private final List<TypeDef> types;
  private final PackageId mainPackage;

  Resolve(
      List<WitPackage> packages,
      List<Interface> interfaces,
      List<World> worlds,
      List<TypeDef> types,
      PackageId mainPackage) {
    this.packages = List.copyOf(packages);
    this.interfaces = List.copyOf(interfaces);
    this.worlds = List.copyOf(worlds);
    this.types = List.copyOf(types);
    this.mainPackage = mainPackage;
  }

  public List<WitPackage> packages() {
    return packages;
  }

  public List<Interface> interfaces() {
    return interfaces;
  }

  public List<World> worlds() {
    return worlds;
  }

  public List<TypeDef> types() {
    return types;
  }

  /** The package the user's WIT directory or file declares. */
  public PackageId mainPackage() {
    return mainPackage;
  }

  public WitPackage pkg(PackageId id) {
    return packages.get(id.index());
  }

  public Interface iface(InterfaceId id) {
    return interfaces.get(id.index());
  }

  public World world(WorldId id) {
    return worlds.get(id.index());
  }

  public TypeDef type(TypeId id) {
    return types.get(id.index());
  }

  /** Follows {@code type a = b} and {@code use} aliases to the definition that is not an alias. */
  public TypeDef unalias(TypeId id) {
    return unalias(types, id);
  }

  static TypeDef unalias(List<TypeDef> types, TypeId id) {
    TypeDef def = types.get(id.index());
    while (def.kind() instanceof TypeDefKind.Alias alias
        && alias.target() instanceof Type.Named named) {
      def = types.get(named.id().index());
    }
    return def;
  }

  /** {@code ns:pkg/name@version}, or {@code null} for an inline interface. */
  public String interfaceName(InterfaceId id) {
    Interface iface = iface(id);
    return iface.name() == null ? null : pkg(iface.pkg()).name().qualify(iface.name());
  }

  /** The interfaces whose types {@code id} brings in with {@code use}, in the order first used. */
  public List<InterfaceId> interfaceDependencies(InterfaceId id) {
    return directDependencies(types, iface(id));
  }

  static List<InterfaceId> directDependencies(List<TypeDef> types, Interface iface) {
    Set<InterfaceId> deps = new LinkedHashSet<>();
    for (TypeId typeId : iface.types().values()) {
      InterfaceId dep = useSource(types, typeId);
      if (dep != null && !dep.equals(iface.id())) {
        deps.add(dep);
      }
    }
    return List.copyOf(deps);
  }

  /** For an alias of a type owned by an interface, that interface; otherwise {@code null}. */
  static InterfaceId useSource(List<TypeDef> types, TypeId id) {
    if (types.get(id.index()).kind() instanceof TypeDefKind.Alias alias
        && alias.target() instanceof Type.Named named
        && types.get(named.id().index()).owner() instanceof TypeOwner.OfInterface owner) {
      return owner.id();
    }
    return null;
  }

  /**
   * Picks a world of the main package: the only one when {@code nameOrNull} is {@code null},
   * otherwise the one with that name ({@code name}, or {@code ns:pkg/name@version} for a world of
   * any loaded package).
   *
   * @throws WitException naming the worlds that exist when the choice is missing or ambiguous
   */
  public World selectWorld(String nameOrNull) {
    WitPackage main = pkg(mainPackage);
    if (nameOrNull == null) {
      if (main.worlds().size() == 1) {
        return world(main.worlds().values().iterator().next());
      }
      if (main.worlds().isEmpty()) {
        throw new WitException("package " + main.name() + " defines no world");
      }
      throw new WitException(
          "package "
              + main.name()
              + " defines several worlds ("
              + String.join(", ", main.worlds().keySet())
              + "); name the one to use");
    }
    int slash = nameOrNull.indexOf('/');
    if (nameOrNull.contains(":") && slash > 0) {
      String worldName = nameOrNull.substring(slash + 1);
      String version = null;
      int at = worldName.indexOf('@');
      if (at >= 0) {
        version = worldName.substring(at + 1);
        worldName = worldName.substring(0, at);
      }
      String[] nsName = nameOrNull.substring(0, slash).split(":", 2);
      for (WitPackage p : packages) {
        PackageName n = p.name();
        if (n.namespace().equals(nsName[0])
            && n.name().equals(nsName[1])
            && (version == null || version.equals(n.version()))
            && p.worlds().containsKey(worldName)) {
          return world(p.worlds().get(worldName));
        }
      }
      throw new WitException("world '" + nameOrNull + "' not found (worlds: " + allWorlds() + ")");
    }
    WorldId id = main.worlds().get(nameOrNull);
    if (id == null) {
      throw new WitException(
          "world '"
              + nameOrNull
              + "' not found in package "
              + main.name()
              + " (worlds there: "
              + (main.worlds().isEmpty() ? "none" : String.join(", ", main.worlds().keySet()))
              + ")");
    }
    return world(id);
  }

  private String allWorlds() {
    List<String> names = new ArrayList<>();
    for (World w : worlds) {
      names.add(pkg(w.pkg()).name().qualify(w.name()));
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /**
   * Every named type a world reaches through its imports and exports, following aliases, {@code
   * use}s, fields, cases and handles, each listed after the types it refers to.
   */
  public List<TypeId> typeClosure(WorldId id) {
    TypeWalker walker = new TypeWalker(this);
    World w = world(id);
    for (WorldItem item : w.imports().values()) {
      walker.visit(item);
    }
    for (WorldItem item : w.exports().values()) {
      walker.visit(item);
    }
    return walker.ordered();
  }
}
