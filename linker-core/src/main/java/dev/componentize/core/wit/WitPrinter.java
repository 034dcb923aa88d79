package dev.componentize.core.wit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints resolved WIT back as text, in the shape {@code wasm-tools component wit} uses: the world's
 * package first, then every other package the world needs as a nested {@code package ... { ... }}
 * block holding just the interfaces it needs. The output parses back to the same model, and
 * printing that again gives the same text.
 */
public final class WitPrinter {
  private static final String INDENT = "  ";

  private final Resolve resolve;
  private final StringBuilder out = new StringBuilder();

  private WitPrinter(Resolve resolve) {
    this.resolve = resolve;
  }

  /** A world with the interfaces it imports, exports and uses, transitively. */
  public static String printWorld(Resolve resolve, WorldId id) {
    WitPrinter p = new WitPrinter(resolve);
    World world = resolve.world(id);
    Set<InterfaceId> needed = p.neededInterfaces(world);
    WitPackage home = resolve.pkg(world.pkg());
    p.packageHeader(home, "", ";");
    p.out.append('\n');
    p.world(world, "");
    for (InterfaceId i : needed) {
      if (resolve.iface(i).pkg().equals(home.id())) {
        p.out.append('\n');
        p.iface(resolve.iface(i), "");
      }
    }
    for (WitPackage other : resolve.packages()) {
      if (other.id().equals(home.id())) {
        continue;
      }
      List<Interface> members = new ArrayList<>();
      for (InterfaceId i : other.interfaces().values()) {
        if (needed.contains(i)) {
          members.add(resolve.iface(i));
        }
      }
      if (members.isEmpty()) {
        continue;
      }
      p.out.append('\n');
      p.packageHeader(other, "", " {");
      for (int k = 0; k < members.size(); k++) {
        if (k > 0) {
          p.out.append('\n');
        }
        p.iface(members.get(k), INDENT);
      }
      p.out.append("}\n");
    }
    return p.out.toString();
  }

  /** One whole package: its declaration, interfaces, then worlds. */
  public static String printPackage(Resolve resolve, PackageId id) {
    WitPrinter p = new WitPrinter(resolve);
    WitPackage pkg = resolve.pkg(id);
    p.packageHeader(pkg, "", ";");
    for (InterfaceId i : pkg.interfaces().values()) {
      p.out.append('\n');
      p.iface(resolve.iface(i), "");
    }
    for (WorldId w : pkg.worlds().values()) {
      p.out.append('\n');
      p.world(resolve.world(w), "");
    }
    return p.out.toString();
  }

  /** Interfaces reachable from the world's items through {@code use}, dependencies first. */
  private Set<InterfaceId> neededInterfaces(World world) {
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
    needed.removeIf(i -> resolve.iface(i).name() == null);
    return needed;
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

  private void packageHeader(WitPackage pkg, String indent, String end) {
    docs(pkg.docs(), indent);
    out.append(indent).append("package ").append(pkg.name()).append(end).append('\n');
  }

  private void iface(Interface iface, String indent) {
    docs(iface.docs(), indent);
    gate(iface.stability(), indent);
    out.append(indent).append("interface ").append(id(iface.name())).append(" {\n");
    body(iface, indent + INDENT);
    out.append(indent).append("}\n");
  }

  /** The types (with their resources' functions) then the freestanding functions. */
  private void body(Interface iface, String indent) {
    TypeOwner owner = new TypeOwner.OfInterface(iface.id());
    List<TypeDef> run = new ArrayList<>();
    InterfaceId runSource = null;
    for (TypeId t : iface.types().values()) {
      TypeDef def = resolve.type(t);
      InterfaceId source = useSource(def, owner);
      boolean extendsRun =
          source != null
              && source.equals(runSource)
              && def.docs() == null
              && def.stability().equals(run.get(0).stability());
      if (!run.isEmpty() && !extendsRun) {
        uses(run, runSource, iface.pkg(), indent);
        run.clear();
      }
      if (source != null) {
        run.add(def);
        runSource = source;
      } else {
        runSource = null;
        typeDef(def, owner, iface.pkg(), resourceFunctions(iface.functions(), t), indent);
      }
    }
    if (!run.isEmpty()) {
      uses(run, runSource, iface.pkg(), indent);
    }
    for (Function f : iface.functions().values()) {
      if (f.kind() instanceof FunctionKind.Freestanding) {
        function(f, indent);
      }
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
    List<Function> worldFunctions = new ArrayList<>();
    for (WorldItem item : world.imports().values()) {
      if (item instanceof WorldItem.FunctionItem f) {
        worldFunctions.add(f.function());
      }
    }
    Map<String, WorldItem> imports = world.imports();
    for (Map.Entry<String, WorldItem> e : imports.entrySet()) {
      worldItem("import", e.getKey(), e.getValue(), world, worldFunctions, inner);
    }
    for (Map.Entry<String, WorldItem> e : world.exports().entrySet()) {
      worldItem("export", e.getKey(), e.getValue(), world, worldFunctions, inner);
    }
    out.append(indent).append("}\n");
  }

  private void worldItem(
      String keyword,
      String key,
      WorldItem item,
      World world,
      List<Function> worldFunctions,
      String indent) {
    if (item instanceof WorldItem.TypeItem t) {
      Map<String, Function> byName = new java.util.LinkedHashMap<>();
      for (Function f : worldFunctions) {
        byName.put(f.externName(), f);
      }
      typeDef(
          resolve.type(t.id()),
          new TypeOwner.OfWorld(world.id()),
          world.pkg(),
          resourceFunctions(byName, t.id()),
          indent);
    } else if (item instanceof WorldItem.FunctionItem f) {
      if (!(f.function().kind() instanceof FunctionKind.Freestanding)) {
        return;
      }
      docs(f.function().docs(), indent);
      gate(f.function().stability(), indent);
      out.append(indent).append(keyword).append(' ').append(id(key)).append(": ");
      functionType(f.function());
      out.append(";\n");
    } else {
      WorldItem.InterfaceItem i = (WorldItem.InterfaceItem) item;
      Interface iface = resolve.iface(i.id());
      gate(i.stability(), indent);
      if (iface.name() == null) {
        docs(iface.docs(), indent);
        out.append(indent).append(keyword).append(' ').append(id(key)).append(": interface {\n");
        body(iface, indent + INDENT);
        out.append(indent).append("}\n");
      } else {
        out.append(indent)
            .append(keyword)
            .append(' ')
            .append(interfacePath(i.id(), world.pkg()))
            .append(";\n");
      }
    }
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
   * {@code use path.{a, b as c};} for a run of aliases from the same interface with the same gate
   * and no doc comments after the first.
   */
  private void uses(List<TypeDef> run, InterfaceId source, PackageId pkg, String indent) {
    docs(run.get(0).docs(), indent);
    gate(run.get(0).stability(), indent);
    out.append(indent).append("use ").append(interfacePath(source, pkg)).append(".{");
    for (int i = 0; i < run.size(); i++) {
      TypeDef def = run.get(i);
      Type.Named target = (Type.Named) ((TypeDefKind.Alias) def.kind()).target();
      String targetName = resolve.type(target.id()).name();
      out.append(i > 0 ? ", " : "").append(id(targetName));
      if (!targetName.equals(def.name())) {
        out.append(" as ").append(id(def.name()));
      }
    }
    out.append("};\n");
  }

  private void typeDef(
      TypeDef def, TypeOwner owner, PackageId pkg, List<Function> functions, String indent) {
    TypeDefKind kind = def.kind();
    InterfaceId source = useSource(def, owner);
    if (source != null) {
      uses(List.of(def), source, pkg, indent);
      return;
    }
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
    } else if (type instanceof Type.OptionType o) {
      out.append("option<");
      type(o.some());
      out.append('>');
    } else if (type instanceof Type.ResultType r) {
      out.append("result");
      if (r.ok() != null || r.err() != null) {
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

  /** An identifier, escaped with {@code %} when it is spelled like a keyword. */
  private static String id(String name) {
    return WitLexer.KEYWORDS.contains(name) ? "%" + name : name;
  }
}
