package dev.componentize.core.wit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds one world: its own items, then includes, then elaboration. */
final class WorldBuilder {
  private final WitResolver resolver;
  private final List<TypeDef> types;
  private final List<Interface> interfaces;
  private final List<World> worlds;
  private final WitResolver.WorldEntry entry;
  private final TypeScope scope;
  private final Map<String, WorldItem> imports = new LinkedHashMap<>();
  private final Map<String, WorldItem> exports = new LinkedHashMap<>();

  /** Plain names of {@link #imports} and {@link #exports} by {@link Names#key}. */
  private final Map<String, Ast.Name> caselessImports = new HashMap<>();

  private final Map<String, Ast.Name> caselessExports = new HashMap<>();

  /** Uses of newer features by this world's own items and those it includes. */
  private final List<FeatureUse> features = new ArrayList<>();

  /** Where each interface export (by key) was declared or included, for located errors. */
  private final Map<String, SourceSpan> exportSpans = new HashMap<>();

  WorldBuilder(WitResolver resolver, WitResolver.WorldEntry entry) {
    this.resolver = resolver;
    this.types = resolver.types;
    this.interfaces = resolver.interfaces;
    this.worlds = resolver.worlds;
    this.entry = entry;
    this.scope = new TypeScope(resolver, new TypeOwner.OfWorld(entry.id), entry.pkg, entry.scope);
  }

  World build() {
    List<Ast.WorldMember> members = new ArrayList<>();
    for (Ast.WorldMember m : entry.decl.members()) {
      if (resolver.enabled(gateOf(m))) {
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
        resolver.resolveInterfaceBody(
            id,
            null,
            inline.name().span(),
            entry.pkg,
            entry.scope,
            inline.members(),
            inline.docs(),
            inline.gate());
        put(
            inline.export() ? exports : imports,
            inline.name(),
            new WorldItem.InterfaceItem(id, inline.gate()));
      } else if (m instanceof Ast.ExternPath p && p.plainName() != null) {
        InterfaceId id =
            resolver.resolveInterface(resolver.lookupInterface(entry.pkg, entry.scope, p.path()));
        put(
            p.export() ? exports : imports,
            p.plainName(),
            new WorldItem.InterfaceItem(id, p.gate()));
        features.add(
            new FeatureUse(
                FeatureUse.Feature.NAMED_INTERFACE,
                (p.export() ? "export " : "import ") + p.plainName().text() + ": " + p.path(),
                p.plainName().span()));
      } else if (m instanceof Ast.ExternPath p) {
        InterfaceId id =
            resolver.resolveInterface(resolver.lookupInterface(entry.pkg, entry.scope, p.path()));
        Map<String, WorldItem> target = p.export() ? exports : imports;
        String key = resolver.interfaceKey(id);
        if (target.containsKey(key)) {
          throw new WitException(
              p.path().span(),
              "interface " + key + " is " + (p.export() ? "exported" : "imported") + " twice");
        }
        target.put(key, new WorldItem.InterfaceItem(id, p.gate()));
        if (p.export()) {
          exportSpans.put(key, p.path().span());
        }
      }
    }
    // wit-parser lists a world's types (and resource functions) after its other imports.
    for (Map.Entry<String, TypeId> type : scope.ordered().entrySet()) {
      Ast.Name name = new Ast.Name(type.getKey(), scope.spanOf(type.getKey()));
      put(imports, name, new WorldItem.TypeItem(type.getValue()));
      Ast.TypeDecl decl = scope.declaration(type.getKey());
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
        decl.gate(),
        features);
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
    Names.requireDistinct(
        target == exports ? caselessExports : caselessImports,
        name,
        target == exports ? "export" : "import");
    target.put(name.text(), item);
  }

  /** WIT.md, "Item: include": the union of this world with another, names renamed by with. */
  private void include(Ast.IncludeDecl include) {
    WorldId otherId =
        resolver.resolveWorld(resolver.lookupWorld(entry.pkg, entry.scope, include.path()));
    resolver.worldIncludes.computeIfAbsent(entry.id, k -> new ArrayList<>()).add(otherId);
    World other = worlds.get(otherId.index());
    features.addAll(other.features());
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
      if (item instanceof WorldItem.InterfaceItem i && key.equals(resolver.interfaceKey(i.id()))) {
        into.putIfAbsent(key, item);
        if (into == exports) {
          exportSpans.putIfAbsent(key, include.path().span());
        }
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
                result,
                resolver.interfaceKey(dep),
                new WorldItem.InterfaceItem(dep, Stability.UNKNOWN));
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
      addImport(
          into, resolver.interfaceKey(dep), new WorldItem.InterfaceItem(dep, Stability.UNKNOWN));
    }
    into.put(key, item);
  }

  /**
   * Exports, each after the exported interfaces it uses; interfaces it uses that are not exported
   * become imports.
   */
  private Map<String, WorldItem> elaborateExports() {
    // Exported by path: what another export's dependency resolves to (an interface exported only
    // under a plain name is a different export).
    Set<InterfaceId> exported = new HashSet<>();
    for (Map.Entry<String, WorldItem> e : exports.entrySet()) {
      if (e.getValue() instanceof WorldItem.InterfaceItem i
          && e.getKey().equals(resolver.interfaceKey(i.id()))) {
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
        WorldItem declared = exports.get(resolver.interfaceKey(dep));
        addExport(into, resolver.interfaceKey(dep), (WorldItem.InterfaceItem) declared, exported);
      } else {
        requireImportable(key, dep, exported);
        addImport(imports, resolver.interfaceKey(dep), depItem);
      }
    }
    into.put(key, item);
  }

  /**
   * An exported interface that uses a non-exported one makes that one an import, and an import can
   * only use other imports. So if the import (directly or further down) uses an interface the world
   * exports, the export would see that interface both as the import's dependency and as its own
   * export: wit-parser refuses such a world, and so do we.
   */
  private void requireImportable(
      String exportKey, InterfaceId imported, Set<InterfaceId> exported) {
    Set<InterfaceId> seen = new HashSet<>();
    List<InterfaceId> pending = new ArrayList<>(List.of(imported));
    while (!pending.isEmpty()) {
      InterfaceId next = pending.remove(pending.size() - 1);
      for (InterfaceId dep : Resolve.directDependencies(types, interfaces.get(next.index()))) {
        if (exported.contains(dep)) {
          throw new WitException(
              exportSpans.getOrDefault(exportKey, entry.decl.name().span()),
              "exported interface "
                  + exportKey
                  + " uses "
                  + resolver.interfaceKey(imported)
                  + ", which the world imports, and that import depends on "
                  + resolver.interfaceKey(dep)
                  + ", which the world exports: an import cannot depend on an export; export "
                  + resolver.interfaceKey(imported)
                  + " too, or import "
                  + resolver.interfaceKey(dep)
                  + " instead of exporting it");
        }
        if (seen.add(dep)) {
          pending.add(dep);
        }
      }
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
}
