package dev.componentize.core.wit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints resolved WIT as text laid out the way {@code wasm-tools component wit} (1.262) lays it
 * out, so that the two can be compared as strings: blank lines between the items of an interface, a
 * world's interface imports, then its types, then its function imports, then its exports (functions
 * first), and other packages as nested {@code package ... { ... }} blocks. The output parses back
 * to the same model, and printing that again gives the same text.
 */
public final class WitPrinter {
  private static final String INDENT = "  ";

  private final Resolve resolve;
  private final StringBuilder out = new StringBuilder();

  private WitPrinter(Resolve resolve) {
    this.resolve = resolve;
  }

  /**
   * A world and what it needs: the interfaces of its own package that it reaches first, then the
   * world, then every other package it reaches as a nested block holding those interfaces, in the
   * order the world first reaches them.
   */
  public static String printWorld(Resolve resolve, WorldId id) {
    WitPrinter p = new WitPrinter(resolve);
    World world = resolve.world(id);
    WitPackage home = resolve.pkg(world.pkg());
    Map<PackageId, List<InterfaceId>> needed = p.neededInterfaces(world);
    p.docs(home.docs(), "");
    p.out.append("package ").append(home.name()).append(";\n\n");
    for (InterfaceId i : needed.getOrDefault(home.id(), List.of())) {
      p.iface(resolve.iface(i), "");
      p.out.append('\n');
    }
    p.world(world, "");
    boolean first = true;
    for (Map.Entry<PackageId, List<InterfaceId>> e : needed.entrySet()) {
      if (e.getKey().equals(home.id())) {
        continue;
      }
      if (!first) {
        p.out.append("\n\n");
      }
      first = false;
      WitPackage pkg = resolve.pkg(e.getKey());
      p.docs(pkg.docs(), "");
      p.out.append("package ").append(pkg.name()).append(" {\n");
      for (InterfaceId i : e.getValue()) {
        p.iface(resolve.iface(i), INDENT);
      }
      p.out.append("}\n");
    }
    return p.out.toString();
  }

  /** One whole package: its declaration, interfaces, then worlds. */
  public static String printPackage(Resolve resolve, PackageId id) {
    WitPrinter p = new WitPrinter(resolve);
    WitPackage pkg = resolve.pkg(id);
    p.docs(pkg.docs(), "");
    p.out.append("package ").append(pkg.name()).append(";\n\n");
    for (InterfaceId i : pkg.interfaces().values()) {
      p.iface(resolve.iface(i), "");
      p.out.append('\n');
    }
    for (WorldId w : pkg.worlds().values()) {
      p.world(resolve.world(w), "");
    }
    return p.out.toString();
  }

  /** Named interfaces the world reaches, by package, both in order of first appearance. */
  private Map<PackageId, List<InterfaceId>> neededInterfaces(World world) {
    Set<InterfaceId> needed = new LinkedHashSet<>();
    List<WorldItem> items = new ArrayList<>(world.imports().values());
    items.addAll(world.exports().values());
    for (WorldItem item : items) {
      if (item instanceof WorldItem.InterfaceItem i) {
        addWithDependencies(i.id(), needed);
      } else if (item instanceof WorldItem.TypeItem t) {
        InterfaceId source = Resolve.useSource(resolve.types(), t.id());
        if (source != null) {
          addWithDependencies(source, needed);
        }
      }
    }
    Map<PackageId, List<InterfaceId>> byPackage = new LinkedHashMap<>();
    for (InterfaceId i : needed) {
      Interface iface = resolve.iface(i);
      if (iface.name() != null) {
        byPackage.computeIfAbsent(iface.pkg(), k -> new ArrayList<>()).add(i);
      }
    }
    return byPackage;
  }

  private void addWithDependencies(InterfaceId id, Set<InterfaceId> into) {
    if (into.contains(id)) {
      return;
    }
    for (InterfaceId dep : resolve.interfaceDependencies(id)) {
      addWithDependencies(dep, into);
    }
    into.add(id);
  }

  private void iface(Interface iface, String indent) {
    docs(iface.docs(), indent);
    gate(iface.stability(), indent);
    out.append(indent).append("interface ").append(id(iface.name())).append(" {\n");
    body(iface, indent + INDENT);
    out.append(indent).append("}\n");
  }

  /** The use group, types (resources with their functions), then functions; blank-separated. */
  private void body(Interface iface, String indent) {
    TypeOwner owner = new TypeOwner.OfInterface(iface.id());
    List<Runnable> items = new ArrayList<>();
    List<TypeDef> uses = new ArrayList<>();
    for (TypeId t : iface.types().values()) {
      TypeDef def = resolve.type(t);
      if (useSource(def, owner) != null) {
        uses.add(def);
      } else {
        List<Function> functions = resourceFunctions(iface.functions(), t);
        items.add(() -> typeDef(def, owner, functions, indent));
      }
    }
    if (!uses.isEmpty()) {
      items.add(0, () -> uses(uses, owner, pkgOf(owner), indent));
    }
    for (Function f : iface.functions().values()) {
      if (f.kind() instanceof FunctionKind.Freestanding) {
        items.add(() -> function(f, indent));
      }
    }
    separated(items);
  }

  private void separated(List<Runnable> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      items.get(i).run();
    }
  }

  private List<Function> resourceFunctions(Map<String, Function> functions, TypeId resource) {
    List<Function> result = new ArrayList<>();
    for (Function f : functions.values()) {
      if (resource.equals(resourceOf(f.kind()))) {
        result.add(f);
      }
    }
    return result;
  }

  private static TypeId resourceOf(FunctionKind kind) {
    if (kind instanceof FunctionKind.Method m) {
      return m.resource();
    } else if (kind instanceof FunctionKind.Static s) {
      return s.resource();
    } else if (kind instanceof FunctionKind.Constructor c) {
      return c.resource();
    }
    return null;
  }

  private void world(World world, String indent) {
    docs(world.docs(), indent);
    gate(world.stability(), indent);
    out.append(indent).append("world ").append(id(world.name())).append(" {\n");
    String inner = indent + INDENT;
    TypeOwner owner = new TypeOwner.OfWorld(world.id());
    Map<String, Function> worldFunctions = new LinkedHashMap<>();
    for (WorldItem item : world.imports().values()) {
      if (item instanceof WorldItem.FunctionItem f) {
        worldFunctions.put(f.function().externName(), f.function());
      }
    }
    int before = out.length();
    List<TypeDef> uses = new ArrayList<>();
    List<Runnable> types = new ArrayList<>();
    for (Map.Entry<String, WorldItem> e : world.imports().entrySet()) {
      if (e.getValue() instanceof WorldItem.InterfaceItem i) {
        interfaceItem("import", e.getKey(), i, world.pkg(), inner);
      } else if (e.getValue() instanceof WorldItem.TypeItem t) {
        TypeDef def = resolve.type(t.id());
        if (useSource(def, owner) != null) {
          uses.add(def);
        } else {
          List<Function> functions = resourceFunctions(worldFunctions, t.id());
          types.add(() -> typeDef(def, owner, functions, inner));
        }
      }
    }
    if (!uses.isEmpty()) {
      types.add(0, () -> uses(uses, owner, world.pkg(), inner));
    }
    separated(types);
    for (Map.Entry<String, WorldItem> e : world.imports().entrySet()) {
      if (e.getValue() instanceof WorldItem.FunctionItem f) {
        functionItem("import", e.getKey(), f.function(), inner);
      }
    }
    if (!world.exports().isEmpty() && out.length() > before) {
      out.append('\n');
    }
    for (Map.Entry<String, WorldItem> e : world.exports().entrySet()) {
      if (e.getValue() instanceof WorldItem.FunctionItem f) {
        functionItem("export", e.getKey(), f.function(), inner);
      }
    }
    for (Map.Entry<String, WorldItem> e : world.exports().entrySet()) {
      if (e.getValue() instanceof WorldItem.InterfaceItem i) {
        interfaceItem("export", e.getKey(), i, world.pkg(), inner);
      }
    }
    out.append(indent).append("}\n");
  }

  private void functionItem(String keyword, String key, Function f, String indent) {
    if (!(f.kind() instanceof FunctionKind.Freestanding)) {
      return; // printed inside its resource
    }
    docs(f.docs(), indent);
    gate(f.stability(), indent);
    out.append(indent).append(keyword).append(' ').append(id(key)).append(": ");
    functionType(f);
    out.append(";\n");
  }

  private void interfaceItem(
      String keyword, String key, WorldItem.InterfaceItem item, PackageId from, String indent) {
    Interface iface = resolve.iface(item.id());
    if (iface.name() == null) {
      docs(iface.docs(), indent);
      gate(item.stability(), indent);
      out.append(indent).append(keyword).append(' ').append(id(key)).append(": interface {\n");
      body(iface, indent + INDENT);
      out.append(indent).append("}\n");
    } else {
      gate(item.stability(), indent);
      out.append(indent).append(keyword).append(' ');
      if (!key.equals(resolve.interfaceName(item.id()))) {
        out.append(id(key)).append(": ");
      }
      out.append(interfacePath(item.id(), from)).append(";\n");
    }
  }

  private PackageId pkgOf(TypeOwner owner) {
    if (owner instanceof TypeOwner.OfInterface i) {
      return resolve.iface(i.id()).pkg();
    }
    return resolve.world(((TypeOwner.OfWorld) owner).id()).pkg();
  }

  private String interfacePath(InterfaceId id, PackageId from) {
    Interface iface = resolve.iface(id);
    if (iface.pkg().equals(from)) {
      return id(iface.name());
    }
    return resolve.pkg(iface.pkg()).name().qualify(id(iface.name()));
  }

  /** The interface a {@code use} alias owned by {@code owner} comes from, or {@code null}. */
  private InterfaceId useSource(TypeDef def, TypeOwner owner) {
    if (def.kind() instanceof TypeDefKind.Alias a
        && a.target() instanceof Type.Named n
        && !resolve.type(n.id()).owner().equals(owner)
        && resolve.type(n.id()).owner() instanceof TypeOwner.OfInterface source) {
      return source.id();
    }
    return null;
  }

  /**
   * One {@code use path.{a, b as c};} line per source interface and gate, in order of first
   * appearance.
   */
  private void uses(List<TypeDef> aliases, TypeOwner owner, PackageId pkg, String indent) {
    Map<List<Object>, List<TypeDef>> groups = new LinkedHashMap<>();
    for (TypeDef def : aliases) {
      List<Object> key = List.of(useSource(def, owner), def.stability());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(def);
    }
    for (Map.Entry<List<Object>, List<TypeDef>> group : groups.entrySet()) {
      List<TypeDef> defs = group.getValue();
      docs(defs.get(0).docs(), indent);
      gate(defs.get(0).stability(), indent);
      InterfaceId source = (InterfaceId) group.getKey().get(0);
      out.append(indent).append("use ").append(interfacePath(source, pkg)).append(".{");
      for (int i = 0; i < defs.size(); i++) {
        TypeDef def = defs.get(i);
        Type.Named target = (Type.Named) ((TypeDefKind.Alias) def.kind()).target();
        String targetName = resolve.type(target.id()).name();
        out.append(i > 0 ? ", " : "").append(id(targetName));
        if (!targetName.equals(def.name())) {
          out.append(" as ").append(id(def.name()));
        }
      }
      out.append("};\n");
    }
  }

  private void typeDef(TypeDef def, TypeOwner owner, List<Function> functions, String indent) {
    TypeDefKind kind = def.kind();
    docs(def.docs(), indent);
    gate(def.stability(), indent);
    String name = id(def.name());
    String inner = indent + INDENT;
    if (kind instanceof TypeDefKind.Alias a) {
      out.append(indent).append("type ").append(name).append(" = ");
      type(a.target());
      out.append(";\n");
    } else if (kind instanceof TypeDefKind.Record r) {
      out.append(indent).append("record ").append(name).append(" {\n");
      for (TypeDefKind.Field f : r.fields()) {
        docs(f.docs(), inner);
        out.append(inner).append(id(f.name())).append(": ");
        type(f.type());
        out.append(",\n");
      }
      out.append(indent).append("}\n");
    } else if (kind instanceof TypeDefKind.Variant v) {
      out.append(indent).append("variant ").append(name).append(" {\n");
      for (TypeDefKind.Case c : v.cases()) {
        docs(c.docs(), inner);
        out.append(inner).append(id(c.name()));
        if (c.payload() != null) {
          out.append('(');
          type(c.payload());
          out.append(')');
        }
        out.append(",\n");
      }
      out.append(indent).append("}\n");
    } else if (kind instanceof TypeDefKind.Enum e) {
      labels("enum", name, e.cases(), indent);
    } else if (kind instanceof TypeDefKind.Flags f) {
      labels("flags", name, f.flags(), indent);
    } else {
      out.append(indent).append("resource ").append(name);
      if (functions.isEmpty()) {
        out.append(";\n");
        return;
      }
      out.append(" {\n");
      for (Function f : functions) {
        function(f, inner);
      }
      out.append(indent).append("}\n");
    }
  }

  private void labels(String keyword, String name, List<TypeDefKind.Label> labels, String indent) {
    out.append(indent).append(keyword).append(' ').append(name).append(" {\n");
    for (TypeDefKind.Label l : labels) {
      docs(l.docs(), indent + INDENT);
      out.append(indent).append(INDENT).append(id(l.name())).append(",\n");
    }
    out.append(indent).append("}\n");
  }

  private void function(Function f, String indent) {
    docs(f.docs(), indent);
    gate(f.stability(), indent);
    out.append(indent);
    if (f.kind() instanceof FunctionKind.Constructor) {
      out.append("constructor");
      params(f.params());
      if (f.result() instanceof Type.ResultType) {
        out.append(" -> ");
        type(f.result());
      }
      out.append(";\n");
      return;
    }
    out.append(id(f.name())).append(": ");
    if (f.kind() instanceof FunctionKind.Static) {
      out.append("static ");
    }
    functionType(f);
    out.append(";\n");
  }

  private void functionType(Function f) {
    if (f.async()) {
      out.append("async ");
    }
    out.append("func");
    List<Function.Param> params = f.params();
    if (f.kind() instanceof FunctionKind.Method) {
      params = params.subList(1, params.size());
    }
    params(params);
    if (f.result() != null) {
      out.append(" -> ");
      type(f.result());
    }
  }

  private void params(List<Function.Param> params) {
    out.append('(');
    for (int i = 0; i < params.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(id(params.get(i).name())).append(": ");
      type(params.get(i).type());
    }
    out.append(')');
  }

  private void type(Type type) {
    if (type instanceof Type.Primitive p) {
      out.append(p.wit());
    } else if (type instanceof Type.Named n) {
      out.append(id(resolve.type(n.id()).name()));
    } else if (type instanceof Type.Handle h) {
      String name = id(resolve.type(h.resource()).name());
      out.append(h.kind() == Type.HandleKind.BORROW ? "borrow<" + name + ">" : name);
    } else if (type instanceof Type.ListType l) {
      out.append("list<");
      type(l.element());
      out.append('>');
    } else if (type instanceof Type.FixedListType l) {
      out.append("list<");
      type(l.element());
      out.append(", ").append(l.size()).append('>');
    } else if (type instanceof Type.MapType m) {
      out.append("map<");
      type(m.key());
      out.append(", ");
      type(m.value());
      out.append('>');
    } else if (type instanceof Type.OptionType o) {
      out.append("option<");
      type(o.some());
      out.append('>');
    } else if (type instanceof Type.ResultType r) {
      result(r);
    } else if (type instanceof Type.TupleType t) {
      out.append("tuple<");
      for (int i = 0; i < t.elements().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        type(t.elements().get(i));
      }
      out.append('>');
    } else if (type instanceof Type.FutureType f) {
      payload("future", f.payload());
    } else if (type instanceof Type.StreamType s) {
      payload("stream", s.payload());
    }
  }

  private void result(Type.ResultType r) {
    out.append("result");
    if (r.ok() == null && r.err() == null) {
      return;
    }
    out.append('<');
    if (r.ok() == null) {
      out.append('_');
    } else {
      type(r.ok());
    }
    if (r.err() != null) {
      out.append(", ");
      type(r.err());
    }
    out.append('>');
  }

  private void payload(String keyword, Type payload) {
    out.append(keyword);
    if (payload != null) {
      out.append('<');
      type(payload);
      out.append('>');
    }
  }

  private void docs(String docs, String indent) {
    if (docs == null) {
      return;
    }
    for (String line : docs.split("\n", -1)) {
      out.append(indent).append("///");
      if (!line.isEmpty()) {
        out.append(' ').append(line);
      }
      out.append('\n');
    }
  }

  private void gate(Stability s, String indent) {
    if (s.since() != null) {
      out.append(indent).append("@since(version = ").append(s.since()).append(")\n");
    }
    if (s.unstableFeature() != null) {
      out.append(indent).append("@unstable(feature = ").append(s.unstableFeature()).append(")\n");
    }
    if (s.deprecated() != null) {
      out.append(indent).append("@deprecated(version = ").append(s.deprecated()).append(")\n");
    }
  }

  /**
   * An identifier, escaped with {@code %} when it is spelled like a keyword or like the legacy type
   * names {@code float32}/{@code float64}, which wasm-tools also escapes.
   */
  private static String id(String name) {
    boolean reserved =
        WitLexer.KEYWORDS.contains(name) || name.equals("float32") || name.equals("float64");
    return reserved ? "%" + name : name;
  }
}
