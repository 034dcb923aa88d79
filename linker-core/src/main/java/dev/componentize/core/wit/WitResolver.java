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
  private final List<TypeDef> types = new ArrayList<>();
  private final List<Interface> interfaces = new ArrayList<>();
  private final List<World> worlds = new ArrayList<>();

  /** The worlds each world includes, to order a package's worlds like wit-parser. */
  private final Map<WorldId, List<WorldId>> worldIncludes = new HashMap<>();

  /** Interfaces and worlds being resolved, for the message when one depends on itself. */
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
    if (entry.name.version() == null) {
      for (Ast.Items scope : source.scopes()) {
        VersionGates.requireNone(entry.name, scope);
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
    Map<String, T> result = new LinkedHashMap<>();
    Set<T> seen = new HashSet<>();
    for (T id : names.keySet()) {
      seen.add(id);
      emitWhenReady(id, names, deps, seen, result);
    }
    return result;
  }

  private static <T> void emitWhenReady(
      T id, Map<T, String> names, Map<T, List<T>> deps, Set<T> seen, Map<String, T> result) {
    if (result.containsValue(id) || !result.values().containsAll(deps.get(id))) {
      return;
    }
    result.put(names.get(id), id);
    for (T dependent : names.keySet()) {
      if (seen.contains(dependent) && deps.get(dependent).contains(id)) {
        emitWhenReady(dependent, names, deps, seen, result);
      }
    }
  }

  private boolean enabled(Stability gate) {
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
  private InterfaceEntry lookupInterface(PackageEntry pkg, Ast.Items scope, Ast.UsePath path) {
    Object item = lookup(pkg, scope, path);
    if (item instanceof InterfaceEntry i) {
      return i;
    }
    throw new WitException(path.span(), "'" + path + "' is a world, not an interface");
  }

  private WorldEntry lookupWorld(PackageEntry pkg, Ast.Items scope, Ast.UsePath path) {
    Object item = lookup(pkg, scope, path);
    if (item instanceof WorldEntry w) {
      return w;
    }
    throw new WitException(path.span(), "'" + path + "' is an interface, not a world");
  }

  private Object lookup(PackageEntry pkg, Ast.Items scope, Ast.UsePath path) {
    if (path.pkg() == null) {
      String name = path.name().text();
      for (Ast.TopUse use : scope.uses()) {
        if (use.localName().text().equals(name)) {
          return lookupInterface(pkg, scope, use.path());
        }
      }
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

  private static String names(Iterable<String> names) {
    String joined = String.join(", ", names);
    return joined.isEmpty() ? "nothing" : joined;
  }

  // ---------------------------------------------------------------- interfaces

  private InterfaceId resolveInterface(InterfaceEntry entry) {
    if (entry.id != null && entry.done) {
      return entry.id;
    }
    String label = entry.pkg.name.qualify(entry.decl.name().text());
    if (entry.id != null) {
      throw cycle(entry.decl.name().span(), label);
    }
    entry.id = new InterfaceId(interfaces.size());
    interfaces.add(null);
    resolving.push(label);
    Interface iface =
        resolveInterfaceBody(
            entry.id,
            entry.decl.name().text(),
            entry.pkg,
            entry.scope,
            entry.decl.members(),
            entry.decl.docs(),
            entry.decl.gate());
    resolving.pop();
    entry.done = true;
    return entry.id;
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

  private Interface resolveInterfaceBody(
      InterfaceId id,
      String name,
      PackageEntry pkg,
      Ast.Items scope,
      List<Ast.InterfaceMember> members,
      String docs,
      Stability gate) {
    TypeScope types = new TypeScope(new TypeOwner.OfInterface(id), pkg, scope);
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
    Interface iface = new Interface(id, name, pkg.id, types.ordered(), functions, docs, gate);
    interfaces.set(id.index(), iface);
    return iface;
  }

  // ---------------------------------------------------------------- worlds

  private WorldId resolveWorld(WorldEntry entry) {
    if (entry.id != null && entry.done) {
      return entry.id;
    }
    String label = entry.pkg.name.qualify(entry.decl.name().text());
    if (entry.id != null) {
      throw cycle(entry.decl.name().span(), label);
    }
    entry.id = new WorldId(worlds.size());
    worlds.add(null);
    resolving.push(label);
    WorldBuilder builder = new WorldBuilder(entry);
    World world = builder.build();
    worlds.set(entry.id.index(), world);
    resolving.pop();
    entry.done = true;
    return entry.id;
  }

  /** Builds one world: its own items, then includes, then elaboration. */
  private final class WorldBuilder {
    private final WorldEntry entry;
    private final TypeScope scope;
    private final Map<String, WorldItem> imports = new LinkedHashMap<>();
    private final Map<String, WorldItem> exports = new LinkedHashMap<>();

    WorldBuilder(WorldEntry entry) {
      this.entry = entry;
      this.scope = new TypeScope(new TypeOwner.OfWorld(entry.id), entry.pkg, entry.scope);
    }

    World build() {
      List<Ast.WorldMember> members = new ArrayList<>();
      for (Ast.WorldMember m : entry.decl.members()) {
        if (enabled(gateOf(m))) {
          members.add(m);
        }
      }
      for (Ast.WorldMember m : members) {
        if (m instanceof Ast.UseDecl use) {
          scope.use(use);
        } else if (m instanceof Ast.TypeDecl t) {
          scope.declare(t);
        }
      }
      scope.resolveAll();
      for (Ast.WorldMember m : members) {
        if (m instanceof Ast.ExternFunc f) {
          Function fn = scope.function(f.name(), f.type(), f.docs(), f.gate());
          put(f.export() ? exports : imports, f.name(), new WorldItem.FunctionItem(fn));
        } else if (m instanceof Ast.ExternInline inline) {
          InterfaceId id = new InterfaceId(interfaces.size());
          interfaces.add(null);
          resolveInterfaceBody(
              id, null, entry.pkg, entry.scope, inline.members(), inline.docs(), inline.gate());
          put(
              inline.export() ? exports : imports,
              inline.name(),
              new WorldItem.InterfaceItem(id, inline.gate()));
        } else if (m instanceof Ast.ExternPath p) {
          InterfaceId id = resolveInterface(lookupInterface(entry.pkg, entry.scope, p.path()));
          Map<String, WorldItem> target = p.export() ? exports : imports;
          String key = interfaceKey(id);
          if (target.containsKey(key)) {
            throw new WitException(
                p.path().span(),
                "interface " + key + " is " + (p.export() ? "exported" : "imported") + " twice");
          }
          target.put(key, new WorldItem.InterfaceItem(id, p.gate()));
        }
      }
      // wit-parser lists a world's types (and resource functions) after its other imports.
      for (Map.Entry<String, TypeId> type : scope.ordered().entrySet()) {
        Ast.Name name = new Ast.Name(type.getKey(), scope.spanOf(type.getKey()));
        put(imports, name, new WorldItem.TypeItem(type.getValue()));
        Ast.TypeDecl decl = scope.decls.get(type.getKey());
        if (decl != null) {
          for (Function fn : scope.resourceFunctions(decl)) {
            imports.put(fn.externName(), new WorldItem.FunctionItem(fn));
          }
        }
      }
      for (Ast.WorldMember m : members) {
        if (m instanceof Ast.IncludeDecl include) {
          include(include);
        }
      }
      elaborateImports();
      // Exports may add imports (interfaces they use but do not export), so they come second.
      Map<String, WorldItem> elaboratedExports = elaborateExports();
      Ast.WorldDecl decl = entry.decl;
      return new World(
          entry.id,
          decl.name().text(),
          entry.pkg.id,
          imports,
          elaboratedExports,
          decl.docs(),
          decl.gate());
    }

    private void put(Map<String, WorldItem> target, Ast.Name name, WorldItem item) {
      if (target.containsKey(name.text())) {
        throw new WitException(
            name.span(),
            "'"
                + name.text()
                + "' is already "
                + (target == exports ? "exported" : "imported")
                + " by world '"
                + entry.decl.name().text()
                + "'");
      }
      target.put(name.text(), item);
    }

    /** WIT.md, "Item: include": the union of this world with another, names renamed by with. */
    private void include(Ast.IncludeDecl include) {
      WorldId otherId = resolveWorld(lookupWorld(entry.pkg, entry.scope, include.path()));
      worldIncludes.computeIfAbsent(entry.id, k -> new ArrayList<>()).add(otherId);
      World other = worlds.get(otherId.index());
      Map<String, Ast.Name> renames = new LinkedHashMap<>();
      Map<String, Ast.Name> asNames = new HashMap<>();
      for (Ast.IncludeName n : include.renames()) {
        renames.put(n.name().text(), n.as());
        asNames.put(n.name().text(), n.name());
      }
      Set<String> used = new HashSet<>();
      merge(include, other.imports(), imports, renames, used);
      merge(include, other.exports(), exports, renames, used);
      for (Map.Entry<String, Ast.Name> r : asNames.entrySet()) {
        if (!used.contains(r.getKey())) {
          throw new WitException(
              r.getValue().span(),
              "'" + r.getKey() + "' is not a plain-named item of world " + include.path());
        }
      }
    }

    private void merge(
        Ast.IncludeDecl include,
        Map<String, WorldItem> from,
        Map<String, WorldItem> into,
        Map<String, Ast.Name> renames,
        Set<String> used) {
      for (Map.Entry<String, WorldItem> e : from.entrySet()) {
        String key = e.getKey();
        WorldItem item = e.getValue();
        if (item instanceof WorldItem.InterfaceItem i && key.equals(interfaceKey(i.id()))) {
          into.putIfAbsent(key, item);
          continue;
        }
        if (renames.containsKey(key)) {
          used.add(key);
          key = renames.get(key).text();
        }
        if (into.containsKey(key)) {
          throw new WitException(
              include.path().span(),
              "including "
                  + include.path()
                  + " brings a second '"
                  + key
                  + "'; rename it with 'with { "
                  + key
                  + " as new-name }'");
        }
        into.put(key, item);
      }
    }

    /**
     * Imports with every interface they depend on through {@code use} imported first (wit-parser
     * calls this elaboration; the component encoder relies on the order).
     */
    private void elaborateImports() {
      Map<String, WorldItem> result = new LinkedHashMap<>();
      for (Map.Entry<String, WorldItem> e : imports.entrySet()) {
        WorldItem item = e.getValue();
        if (item instanceof WorldItem.InterfaceItem i) {
          addImport(result, e.getKey(), i);
        } else {
          if (item instanceof WorldItem.TypeItem t) {
            InterfaceId dep = Resolve.useSource(types, t.id());
            if (dep != null) {
              addImport(
                  result, interfaceKey(dep), new WorldItem.InterfaceItem(dep, Stability.UNKNOWN));
            }
          }
          result.put(e.getKey(), item);
        }
      }
      imports.clear();
      imports.putAll(result);
    }

    private void addImport(Map<String, WorldItem> into, String key, WorldItem.InterfaceItem item) {
      if (into.containsKey(key)) {
        return;
      }
      for (InterfaceId dep : Resolve.directDependencies(types, interfaces.get(item.id().index()))) {
        addImport(into, interfaceKey(dep), new WorldItem.InterfaceItem(dep, Stability.UNKNOWN));
      }
      into.put(key, item);
    }

    /**
     * Exports, each after the exported interfaces it uses; interfaces it uses that are not exported
     * become imports.
     */
    private Map<String, WorldItem> elaborateExports() {
      Set<InterfaceId> exported = new HashSet<>();
      for (WorldItem item : exports.values()) {
        if (item instanceof WorldItem.InterfaceItem i) {
          exported.add(i.id());
        }
      }
      Map<String, WorldItem> result = new LinkedHashMap<>();
      for (Map.Entry<String, WorldItem> e : exports.entrySet()) {
        if (e.getValue() instanceof WorldItem.InterfaceItem i) {
          addExport(result, e.getKey(), i, exported);
        } else {
          result.put(e.getKey(), e.getValue());
        }
      }
      return result;
    }

    private void addExport(
        Map<String, WorldItem> into,
        String key,
        WorldItem.InterfaceItem item,
        Set<InterfaceId> exported) {
      if (into.containsKey(key)) {
        return;
      }
      for (InterfaceId dep : Resolve.directDependencies(types, interfaces.get(item.id().index()))) {
        WorldItem.InterfaceItem depItem = new WorldItem.InterfaceItem(dep, Stability.UNKNOWN);
        if (exported.contains(dep)) {
          WorldItem declared = exports.get(interfaceKey(dep));
          addExport(into, interfaceKey(dep), (WorldItem.InterfaceItem) declared, exported);
        } else {
          addImport(imports, interfaceKey(dep), depItem);
        }
      }
      into.put(key, item);
    }
  }

  private static Stability gateOf(Ast.WorldMember m) {
    if (m instanceof Ast.UseDecl u) {
      return u.gate();
    } else if (m instanceof Ast.TypeDecl t) {
      return t.gate();
    } else if (m instanceof Ast.ExternPath p) {
      return p.gate();
    } else if (m instanceof Ast.ExternFunc f) {
      return f.gate();
    } else if (m instanceof Ast.ExternInline i) {
      return i.gate();
    }
    return ((Ast.IncludeDecl) m).gate();
  }

  private String interfaceKey(InterfaceId id) {
    Interface iface = interfaces.get(id.index());
    return packages.get(iface.pkg().index()).name.qualify(iface.name());
  }

  // ---------------------------------------------------------------- types

  /**
   * The named types of one interface or world: {@code use}d names, declared types (resolved in
   * dependency order, so a type's id is always greater than the ids it refers to) and the names
   * functions take, which share the namespace.
   */
  private final class TypeScope {
    private final TypeOwner owner;
    private final PackageEntry pkg;
    private final Ast.Items fileScope;
    private final Map<String, SourceSpan> names = new HashMap<>();
    private final Map<String, Ast.TypeDecl> decls = new LinkedHashMap<>();
    private final Map<String, TypeId> resolved = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Set<String> inProgress = new HashSet<>();

    TypeScope(TypeOwner owner, PackageEntry pkg, Ast.Items fileScope) {
      this.owner = owner;
      this.pkg = pkg;
      this.fileScope = fileScope;
    }

    void reserve(Ast.Name name) {
      SourceSpan previous = names.putIfAbsent(name.text(), name.span());
      if (previous != null) {
        throw new WitException(
            name.span(), "name '" + name.text() + "' is already defined (at " + previous + ")");
      }
    }

    void use(Ast.UseDecl use) {
      InterfaceId source = resolveInterface(lookupInterface(pkg, fileScope, use.path()));
      Interface from = interfaces.get(source.index());
      for (Ast.UseName n : use.names()) {
        TypeId target = from.types().get(n.name().text());
        if (target == null) {
          throw new WitException(
              n.name().span(),
              "type '"
                  + n.name().text()
                  + "' not found in interface "
                  + use.path()
                  + " (types there: "
                  + names(from.types().keySet())
                  + ")");
        }
        Ast.Name local = n.localName();
        reserve(local);
        TypeId id =
            add(
                local.text(),
                new TypeDefKind.Alias(new Type.Named(target)),
                use.docs(),
                use.gate());
        resolved.put(local.text(), id);
        order.add(local.text());
      }
    }

    void declare(Ast.TypeDecl decl) {
      reserve(decl.name());
      decls.put(decl.name().text(), decl);
      order.add(decl.name().text());
    }

    void resolveAll() {
      for (Ast.TypeDecl decl : decls.values()) {
        named(decl.name());
      }
    }

    SourceSpan spanOf(String name) {
      return names.get(name);
    }

    /**
     * Names in the order wit-parser lists them (and so {@code wasm-tools component wit} prints
     * them): {@code use}d names first, then declarations in source order, except that one that
     * refers to a declaration not yet listed is held back and listed as soon as the last of those
     * is.
     */
    Map<String, TypeId> ordered() {
      Map<String, TypeId> result = new LinkedHashMap<>();
      for (String name : order) {
        if (!decls.containsKey(name)) {
          result.put(name, resolved.get(name));
        }
      }
      Map<String, Set<String>> deps = new HashMap<>();
      for (Ast.TypeDecl decl : decls.values()) {
        Set<String> refs = new HashSet<>();
        TypeRefs.collect(decl.body(), refs);
        refs.retainAll(decls.keySet());
        refs.remove(decl.name().text());
        deps.put(decl.name().text(), refs);
      }
      Set<String> seen = new HashSet<>();
      for (String name : decls.keySet()) {
        seen.add(name);
        emitWhenReady(name, deps, seen, result);
      }
      return result;
    }

    /** Lists {@code name} if its dependencies are listed, then any held-back dependents. */
    private void emitWhenReady(
        String name, Map<String, Set<String>> deps, Set<String> seen, Map<String, TypeId> result) {
      if (result.containsKey(name) || !result.keySet().containsAll(deps.get(name))) {
        return;
      }
      result.put(name, resolved.get(name));
      for (String dependent : decls.keySet()) {
        if (seen.contains(dependent) && deps.get(dependent).contains(name)) {
          emitWhenReady(dependent, deps, seen, result);
        }
      }
    }

    private TypeId add(String name, TypeDefKind kind, String docs, Stability gate) {
      TypeId id = new TypeId(types.size());
      types.add(new TypeDef(id, name, kind, owner, docs, gate));
      return id;
    }

    /** The id of the type {@code ref} names, resolving its declaration first if needed. */
    private TypeId named(Ast.Name ref) {
      TypeId id = resolved.get(ref.text());
      if (id != null) {
        return id;
      }
      Ast.TypeDecl decl = decls.get(ref.text());
      if (decl == null) {
        throw new WitException(ref.span(), "unknown type '" + ref.text() + "'");
      }
      if (!inProgress.add(ref.text())) {
        throw new WitException(
            decl.name().span(),
            "type '" + ref.text() + "' refers to itself (types cannot be" + " recursive)");
      }
      TypeDefKind kind = body(decl);
      inProgress.remove(ref.text());
      id = add(ref.text(), kind, decl.docs(), decl.gate());
      resolved.put(ref.text(), id);
      return id;
    }

    private TypeDefKind body(Ast.TypeDecl decl) {
      Ast.TypeBody body = decl.body();
      if (body instanceof Ast.AliasBody a) {
        // `type r2 = r;` names the resource itself, not a handle to it.
        return new TypeDefKind.Alias(
            a.target() instanceof Ast.NameExpr n
                ? new Type.Named(named(n.name()))
                : type(a.target()));
      }
      if (body instanceof Ast.RecordBody r) {
        Set<String> seen = new HashSet<>();
        List<TypeDefKind.Field> fields = new ArrayList<>();
        for (Ast.Field f : r.fields()) {
          unique(seen, f.name(), "field");
          fields.add(new TypeDefKind.Field(f.name().text(), type(f.type()), f.docs()));
        }
        return new TypeDefKind.Record(fields);
      }
      if (body instanceof Ast.VariantBody v) {
        Set<String> seen = new HashSet<>();
        List<TypeDefKind.Case> cases = new ArrayList<>();
        for (Ast.Case c : v.cases()) {
          unique(seen, c.name(), "case");
          Type payload = c.payload() == null ? null : type(c.payload());
          cases.add(new TypeDefKind.Case(c.name().text(), payload, c.docs()));
        }
        return new TypeDefKind.Variant(cases);
      }
      if (body instanceof Ast.EnumBody e) {
        return new TypeDefKind.Enum(labels(e.cases(), "case"));
      }
      if (body instanceof Ast.FlagsBody f) {
        return new TypeDefKind.Flags(labels(f.flags(), "flag"));
      }
      return new TypeDefKind.Resource();
    }

    private List<TypeDefKind.Label> labels(List<Ast.Label> labels, String what) {
      Set<String> seen = new HashSet<>();
      List<TypeDefKind.Label> result = new ArrayList<>();
      for (Ast.Label l : labels) {
        unique(seen, l.name(), what);
        result.add(new TypeDefKind.Label(l.name().text(), l.docs()));
      }
      return result;
    }

    private void unique(Set<String> seen, Ast.Name name, String what) {
      if (!seen.add(name.text())) {
        throw new WitException(name.span(), "duplicate " + what + " '" + name.text() + "'");
      }
    }

    Type type(Ast.TypeExpr e) {
      if (e instanceof Ast.PrimitiveExpr p) {
        return p.primitive();
      }
      if (e instanceof Ast.NameExpr n) {
        TypeId id = named(n.name());
        return isResource(id) ? new Type.Handle(Type.HandleKind.OWN, id) : new Type.Named(id);
      }
      if (e instanceof Ast.HandleExpr h) {
        TypeId id = named(h.resource());
        if (!isResource(id)) {
          throw new WitException(
              h.resource().span(),
              "'"
                  + h.resource().text()
                  + "' is not a resource, so it has no "
                  + (h.kind() == Type.HandleKind.OWN ? "own" : "borrow")
                  + " handle");
        }
        return new Type.Handle(h.kind(), id);
      }
      if (e instanceof Ast.ListExpr l) {
        Type element = type(l.element());
        return l.size() == null
            ? new Type.ListType(element)
            : new Type.FixedListType(element, l.size());
      }
      if (e instanceof Ast.OptionExpr o) {
        return new Type.OptionType(type(o.some()));
      }
      if (e instanceof Ast.ResultExpr r) {
        return new Type.ResultType(
            r.ok() == null ? null : type(r.ok()), r.err() == null ? null : type(r.err()));
      }
      if (e instanceof Ast.TupleExpr t) {
        List<Type> elements = new ArrayList<>();
        for (Ast.TypeExpr x : t.elements()) {
          elements.add(type(x));
        }
        return new Type.TupleType(elements);
      }
      if (e instanceof Ast.FutureExpr f) {
        return new Type.FutureType(f.payload() == null ? null : type(f.payload()));
      }
      Ast.StreamExpr s = (Ast.StreamExpr) e;
      return new Type.StreamType(s.payload() == null ? null : type(s.payload()));
    }

    private boolean isResource(TypeId id) {
      return Resolve.unalias(types, id).kind() instanceof TypeDefKind.Resource;
    }

    Function function(Ast.Name name, Ast.FuncType type, String docs, Stability gate) {
      List<Function.Param> params = params(type, new ArrayList<>(), new HashSet<>());
      Type result = type.result() == null ? null : type(type.result());
      return new Function(
          name.text(),
          name.text(),
          new FunctionKind.Freestanding(),
          params,
          result,
          type.async(),
          docs,
          gate);
    }

    private List<Function.Param> params(
        Ast.FuncType type, List<Function.Param> params, Set<String> seen) {
      for (Function.Param p : params) {
        seen.add(p.name());
      }
      for (Ast.Param p : type.params()) {
        unique(seen, p.name(), "parameter");
        params.add(new Function.Param(p.name().text(), type(p.type())));
      }
      return params;
    }

    /** The desugared functions of a resource declaration (WIT.md, "Item: resource"). */
    List<Function> resourceFunctions(Ast.TypeDecl decl) {
      List<Function> result = new ArrayList<>();
      if (!(decl.body() instanceof Ast.ResourceBody body)) {
        return result;
      }
      String resource = decl.name().text();
      TypeId id = resolved.get(resource);
      Set<String> seen = new HashSet<>();
      for (Ast.ResourceFunc f : body.functions()) {
        if (!enabled(f.gate())) {
          continue;
        }
        Ast.FuncType type = f.type();
        List<Function.Param> params = new ArrayList<>();
        FunctionKind kind;
        String externName;
        Type result1;
        switch (f.kind()) {
          case CONSTRUCTOR -> {
            if (!seen.add("[constructor]")) {
              throw new WitException(
                  f.name().span(), "resource '" + resource + "' has more than one constructor");
            }
            kind = new FunctionKind.Constructor(id);
            externName = "[constructor]" + resource;
            result1 = constructorResult(f, id, resource);
          }
          case STATIC -> {
            unique(seen, f.name(), "function");
            kind = new FunctionKind.Static(id);
            externName = "[static]" + resource + "." + f.name().text();
            result1 = type.result() == null ? null : type(type.result());
          }
          default -> {
            unique(seen, f.name(), "function");
            kind = new FunctionKind.Method(id);
            externName = "[method]" + resource + "." + f.name().text();
            params.add(new Function.Param("self", new Type.Handle(Type.HandleKind.BORROW, id)));
            result1 = type.result() == null ? null : type(type.result());
          }
        }
        params(type, params, new HashSet<>());
        String name = f.kind() == Ast.ResourceFuncKind.CONSTRUCTOR ? resource : f.name().text();
        result.add(
            new Function(
                name, externName, kind, params, result1, type.async(), f.docs(), f.gate()));
      }
      return result;
    }

    /**
     * A constructor returns an owned handle; a fallible one declares {@code result<r, E>} (WIT.md,
     * "Item: resource").
     */
    private Type constructorResult(Ast.ResourceFunc f, TypeId id, String resource) {
      Type own = new Type.Handle(Type.HandleKind.OWN, id);
      if (f.type().result() == null) {
        return own;
      }
      Type declared = type(f.type().result());
      if (declared instanceof Type.ResultType r && own.equals(r.ok())) {
        return declared;
      }
      throw new WitException(
          f.type().result().span(),
          "a constructor may only return result<"
              + resource
              + "> or result<"
              + resource
              + ", error-type>");
    }
  }

  // ---------------------------------------------------------------- entries

  /** A package being resolved: its interfaces and worlds by name (one namespace, WIT.md). */
  private static final class PackageEntry {
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

  private static final class InterfaceEntry {
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

  private static final class WorldEntry {
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
