package dev.componentize.core.wit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves parsed packages into a {@link Resolve} (WIT.md, "Name resolution"): finds the interface
 * or world every path names (within the package, through top-level {@code use}, or in another
 * package), turns type expressions into {@link Type}s, rejects duplicates, recursive types and
 * cyclic {@code use}s, merges {@code include}d worlds and elaborates worlds so that interfaces used
 * by imports and exports are imported.
 *
 * <p>Interfaces and worlds are resolved on demand, so the order of files and packages does not
 * matter; a path that is being resolved when it is asked for again is a cycle.
 */
final class WitResolver {
  private final Set<String> features;
  private final List<PackageEntry> packages = new ArrayList<>();
  final List<TypeDef> types = new ArrayList<>();

  /** {@link TypeDepth} of each entry of {@link #types}, at the same index. */
  final List<Integer> typeDepths = new ArrayList<>();

  final List<Interface> interfaces = new ArrayList<>();
  final List<World> worlds = new ArrayList<>();

  /** The worlds each world includes, to order a package's worlds like wit-parser. */
  final Map<WorldId, List<WorldId>> worldIncludes = new HashMap<>();

  /** Interfaces and worlds being resolved, for the message when one depends on itself. */
  /** Longest chain of interfaces and worlds being resolved at once; see {@link #checkDepth}. */
  static final int MAX_DEPENDENCY_DEPTH = 100;

  private final Deque<String> resolving = new ArrayDeque<>();

  private WitResolver(Set<String> features) {
    this.features = Set.copyOf(features);
  }

  /**
   * Resolves {@code sources}; {@code main} must be one of their names.
   *
   * @param features the {@code @unstable} features to keep; items behind others are dropped
   */
  static Resolve resolve(List<Ast.Package> sources, PackageName main, Set<String> features) {
    WitResolver resolver = new WitResolver(features);
    for (Ast.Package source : sources) {
      resolver.add(source);
    }
    return resolver.run(main);
  }

  private void add(Ast.Package source) {
    PackageEntry entry = new PackageEntry(new PackageId(packages.size()), source);
    for (PackageEntry other : packages) {
      if (other.name.equals(entry.name)) {
        throw new WitException(
            source.name().span(),
            "package "
                + entry.name
                + " is defined twice (also at "
                + other.source.name().span()
                + ")");
      }
    }
    packages.add(entry);
    for (Ast.Items scope : source.scopes()) {
      if (entry.name.version() == null) {
        VersionGates.requireNone(entry.name, scope);
      } else {
        VersionGates.requireReleased(entry.name, scope);
      }
    }
    for (Ast.Items scope : source.scopes()) {
      for (Ast.InterfaceDecl decl : scope.interfaces()) {
        if (enabled(decl.gate())) {
          entry.define(decl.name(), new InterfaceEntry(entry, scope, decl));
        }
      }
      for (Ast.WorldDecl decl : scope.worlds()) {
        if (enabled(decl.gate())) {
          entry.define(decl.name(), new WorldEntry(entry, scope, decl));
        }
      }
    }
  }

  private Resolve run(PackageName main) {
    PackageId mainId = null;
    List<WitPackage> resolved = new ArrayList<>();
    for (PackageEntry p : packages) {
      for (Ast.Items scope : p.source.scopes()) {
        checkTopLevelUses(p, scope);
      }
      Map<String, InterfaceId> ifaceIds = new LinkedHashMap<>();
      Map<String, WorldId> worldIds = new LinkedHashMap<>();
      for (Map.Entry<String, Object> item : p.items.entrySet()) {
        if (item.getValue() instanceof InterfaceEntry i) {
          ifaceIds.put(item.getKey(), resolveInterface(i));
        } else {
          worldIds.put(item.getKey(), resolveWorld((WorldEntry) item.getValue()));
        }
      }
      Map<InterfaceId, List<InterfaceId>> ifaceDeps = new HashMap<>();
      for (InterfaceId id : ifaceIds.values()) {
        ifaceDeps.put(id, Resolve.directDependencies(types, interfaces.get(id.index())));
      }
      resolved.add(
          new WitPackage(
              p.id,
              p.name,
              dependencyOrder(ifaceIds, ifaceDeps),
              dependencyOrder(worldIds, worldIncludes),
              p.source.docs()));
      if (p.name.equals(main)) {
        mainId = p.id;
      }
    }
    if (mainId == null) {
      throw new IllegalArgumentException("main package " + main + " is not among the sources");
    }
    return new Resolve(resolved, interfaces, worlds, types, mainId);
  }

  /**
   * A package's interfaces (or worlds) in wit-parser's order: source order, except that one that
   * uses (or includes) one of the same package not yet listed is held back and listed as soon as
   * the last of those is.
   */
  private static <T> Map<String, T> dependencyOrder(
      Map<String, T> sourceOrder, Map<T, List<T>> allDeps) {
    Map<T, String> names = new LinkedHashMap<>();
    sourceOrder.forEach((name, id) -> names.put(id, name));
    Map<T, List<T>> deps = new HashMap<>();
    for (T id : names.keySet()) {
      List<T> local = new ArrayList<>(allDeps.getOrDefault(id, List.of()));
      local.retainAll(names.keySet());
      deps.put(id, local);
    }
    // Dependents of each id, in source order, so that listing one wakes only those; the listed
    // ids are also kept in a set. Scanning every id (and the result's values) per listing made this
    // cubic in the number of interfaces.
    Map<T, List<T>> dependents = new HashMap<>();
    for (T id : names.keySet()) {
      for (T dep : deps.get(id)) {
        dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(id);
      }
    }
    Map<String, T> result = new LinkedHashMap<>();
    Set<T> listed = new HashSet<>();
    Set<T> seen = new HashSet<>();
    for (T id : names.keySet()) {
      seen.add(id);
      emitWhenReady(id, names, deps, dependents, seen, listed, result);
    }
    return result;
  }

  /**
   * Lists {@code id} if its dependencies are listed, then any held-back dependents. Recursion is as
   * deep as a chain of held-back items, which {@link #MAX_DEPENDENCY_DEPTH} bounds.
   */
  private static <T> void emitWhenReady(
      T id,
      Map<T, String> names,
      Map<T, List<T>> deps,
      Map<T, List<T>> dependents,
      Set<T> seen,
      Set<T> listed,
      Map<String, T> result) {
    if (listed.contains(id) || !listed.containsAll(deps.get(id))) {
      return;
    }
    result.put(names.get(id), id);
    listed.add(id);
    for (T dependent : dependents.getOrDefault(id, List.of())) {
      if (seen.contains(dependent)) {
        emitWhenReady(dependent, names, deps, dependents, seen, listed, result);
      }
    }
  }

  boolean enabled(Stability gate) {
    return gate.unstableFeature() == null || features.contains(gate.unstableFeature());
  }

  // ---------------------------------------------------------------- paths

  private void checkTopLevelUses(PackageEntry pkg, Ast.Items scope) {
    Map<String, Ast.Name> seen = new HashMap<>();
    for (Ast.TopUse use : scope.uses()) {
      Ast.Name local = use.localName();
      if (seen.put(local.text(), local) != null || pkg.items.containsKey(local.text())) {
        throw new WitException(local.span(), "name '" + local.text() + "' is already defined");
      }
      lookupInterface(pkg, scope, use.path());
    }
  }

  /** The interface {@code path} names from {@code scope} of {@code pkg}. */
  InterfaceEntry lookupInterface(PackageEntry pkg, Ast.Items scope, Ast.UsePath path) {
    Object item = lookup(pkg, scope, path);
    if (item instanceof InterfaceEntry i) {
      return i;
    }
    throw new WitException(path.span(), "'" + path + "' is a world, not an interface");
  }

  WorldEntry lookupWorld(PackageEntry pkg, Ast.Items scope, Ast.UsePath path) {
    Object item = lookup(pkg, scope, path);
    if (item instanceof WorldEntry w) {
      return w;
    }
    throw new WitException(path.span(), "'" + path + "' is an interface, not a world");
  }

  private Object lookup(PackageEntry pkg, Ast.Items scope, Ast.UsePath path) {
    if (path.pkg() == null) {
      for (Ast.TopUse use : scope.uses()) {
        if (use.localName().text().equals(path.name().text())) {
          // What a top-level use names is looked up among packages only, never through another
          // top-level use: `use a as a;` or two uses naming each other would otherwise recurse
          // forever.
          if (packageItem(pkg, use.path()) instanceof InterfaceEntry i) {
            return i;
          }
          throw new WitException(
              use.path().span(), "'" + use.path() + "' is a world, not an interface");
        }
      }
    }
    return packageItem(pkg, path);
  }

  /** The interface or world {@code path} names in {@code pkg} or, if qualified, its package. */
  private Object packageItem(PackageEntry pkg, Ast.UsePath path) {
    if (path.pkg() == null) {
      String name = path.name().text();
      Object item = pkg.items.get(name);
      if (item == null) {
        throw new WitException(
            path.span(),
            "interface or world '"
                + name
                + "' not found in package "
                + pkg.name
                + " (defined"
                + " there: "
                + names(pkg.items.keySet())
                + ")");
      }
      return item;
    }
    PackageEntry target = findPackage(path.pkg());
    Object item = target.items.get(path.name().text());
    if (item == null) {
      throw new WitException(
          path.name().span(),
          "interface or world '"
              + path.name().text()
              + "' not found in package "
              + target.name
              + " (defined there: "
              + names(target.items.keySet())
              + ")");
    }
    return item;
  }

  /** A package by name; without a version, the only loaded version of it. */
  private PackageEntry findPackage(Ast.PackageRef ref) {
    PackageName wanted = ref.toName();
    List<PackageEntry> candidates = new ArrayList<>();
    for (PackageEntry p : packages) {
      if (p.name.equals(wanted)) {
        return p;
      }
      if (wanted.version() == null && p.name.sameUnversioned(wanted)) {
        candidates.add(p);
      }
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    List<String> known = new ArrayList<>();
    for (PackageEntry p : packages) {
      known.add(p.name.toString());
    }
    if (candidates.size() > 1) {
      throw new WitException(
          ref.span(), "package " + wanted + " is ambiguous: add a version (loaded: " + known + ")");
    }
    throw new WitException(
        ref.span(),
        "package "
            + wanted
            + " not found; add it to the deps/ folder next to your WIT (loaded: "
            + String.join(", ", known)
            + ")");
  }

  static String names(Iterable<String> names) {
    String joined = String.join(", ", names);
    return joined.isEmpty() ? "nothing" : joined;
  }

  // ---------------------------------------------------------------- interfaces

  InterfaceId resolveInterface(InterfaceEntry entry) {
    if (entry.id != null && entry.done) {
      return entry.id;
    }
    String label = entry.pkg.name.qualify(entry.decl.name().text());
    if (entry.id != null) {
      throw cycle(entry.decl.name().span(), label);
    }
    checkDepth(entry.decl.name().span(), label);
    entry.id = new InterfaceId(interfaces.size());
    interfaces.add(null);
    resolving.push(label);
    Interface iface =
        resolveInterfaceBody(
            entry.id,
            entry.decl.name().text(),
            entry.decl.name().span(),
            entry.pkg,
            entry.scope,
            entry.decl.members(),
            entry.decl.docs(),
            entry.decl.gate());
    resolving.pop();
    entry.done = true;
    return entry.id;
  }

  /**
   * Interfaces and worlds are resolved depth first, each pulling in what it {@code use}s or {@code
   * include}s, so a long enough chain of them would overflow the stack. Real WIT chains a few
   * (wasi:http/proxy reaches wasi:io/error in five steps); past {@link #MAX_DEPENDENCY_DEPTH} the
   * input is refused.
   */
  private void checkDepth(SourceSpan at, String label) {
    if (resolving.size() >= MAX_DEPENDENCY_DEPTH) {
      throw new WitException(
          at,
          label
              + " is reached through a chain of more than "
              + MAX_DEPENDENCY_DEPTH
              + " interfaces and worlds that use or include one another (starting at "
              + resolving.peekLast()
              + "); shorten the chain");
    }
  }

  private WitException cycle(SourceSpan at, String label) {
    List<String> chain = new ArrayList<>();
    for (String s : resolving) {
      chain.add(0, s);
      if (s.equals(label)) {
        break;
      }
    }
    chain.add(label);
    return new WitException(at, "cyclic dependency: " + String.join(" -> ", chain));
  }

  Interface resolveInterfaceBody(
      InterfaceId id,
      String name,
      SourceSpan span,
      PackageEntry pkg,
      Ast.Items scope,
      List<Ast.InterfaceMember> members,
      String docs,
      Stability gate) {
    TypeScope types = new TypeScope(this, new TypeOwner.OfInterface(id), pkg, scope);
    Map<String, Function> functions = new LinkedHashMap<>();
    for (Ast.InterfaceMember m : members) {
      if (m instanceof Ast.UseDecl use && enabled(use.gate())) {
        types.use(use);
      } else if (m instanceof Ast.TypeDecl t && enabled(t.gate())) {
        types.declare(t);
      } else if (m instanceof Ast.FuncDecl f && enabled(f.gate())) {
        types.reserve(f.name());
      }
    }
    types.resolveAll();
    for (Ast.InterfaceMember m : members) {
      if (m instanceof Ast.FuncDecl f && enabled(f.gate())) {
        Function fn = types.function(f.name(), f.type(), f.docs(), f.gate());
        functions.put(fn.externName(), fn);
      } else if (m instanceof Ast.TypeDecl t && enabled(t.gate())) {
        for (Function fn : types.resourceFunctions(t)) {
          functions.put(fn.externName(), fn);
        }
      }
    }
    Interface iface = new Interface(id, name, pkg.id, types.ordered(), functions, docs, gate, span);
    interfaces.set(id.index(), iface);
    return iface;
  }

  // ---------------------------------------------------------------- worlds

  WorldId resolveWorld(WorldEntry entry) {
    if (entry.id != null && entry.done) {
      return entry.id;
    }
    String label = entry.pkg.name.qualify(entry.decl.name().text());
    if (entry.id != null) {
      throw cycle(entry.decl.name().span(), label);
    }
    checkDepth(entry.decl.name().span(), label);
    entry.id = new WorldId(worlds.size());
    worlds.add(null);
    resolving.push(label);
    WorldBuilder builder = new WorldBuilder(this, entry);
    World world = builder.build();
    worlds.set(entry.id.index(), world);
    resolving.pop();
    entry.done = true;
    return entry.id;
  }

  String interfaceKey(InterfaceId id) {
    Interface iface = interfaces.get(id.index());
    return packages.get(iface.pkg().index()).name.qualify(iface.name());
  }

  // ---------------------------------------------------------------- entries

  /** A package being resolved: its interfaces and worlds by name (one namespace, WIT.md). */
  static final class PackageEntry {
    final PackageId id;
    final PackageName name;
    final Ast.Package source;
    final Map<String, Object> items = new LinkedHashMap<>();
    private final Map<String, SourceSpan> spans = new HashMap<>();

    PackageEntry(PackageId id, Ast.Package source) {
      this.id = id;
      this.name = source.name().toName();
      this.source = source;
    }

    void define(Ast.Name name, Object entry) {
      SourceSpan previous = spans.putIfAbsent(name.text(), name.span());
      if (previous != null) {
        throw new WitException(
            name.span(),
            "'"
                + name.text()
                + "' is already defined in package "
                + this.name
                + " (at "
                + previous
                + ")");
      }
      items.put(name.text(), entry);
    }
  }

  static final class InterfaceEntry {
    final PackageEntry pkg;
    final Ast.Items scope;
    final Ast.InterfaceDecl decl;
    InterfaceId id;
    boolean done;

    InterfaceEntry(PackageEntry pkg, Ast.Items scope, Ast.InterfaceDecl decl) {
      this.pkg = pkg;
      this.scope = scope;
      this.decl = decl;
    }
  }

  static final class WorldEntry {
    final PackageEntry pkg;
    final Ast.Items scope;
    final Ast.WorldDecl decl;
    WorldId id;
    boolean done;

    WorldEntry(PackageEntry pkg, Ast.Items scope, Ast.WorldDecl decl) {
      this.pkg = pkg;
      this.scope = scope;
      this.decl = decl;
    }
  }
}
