package dev.componentize.core.bindings;

import dev.componentize.core.wit.Function;
import dev.componentize.core.wit.FunctionKind;
import dev.componentize.core.wit.Interface;
import dev.componentize.core.wit.InterfaceId;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.Type;
import dev.componentize.core.wit.TypeDef;
import dev.componentize.core.wit.TypeDefKind;
import dev.componentize.core.wit.TypeId;
import dev.componentize.core.wit.WorldItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the {@code wit_world} Python package of a world (docs/design/python-glue.md, "Python
 * side"): the names, classes and type hints an app is written against. All conversion between
 * Python objects and canonical-ABI values happens in the C glue; the generated code only calls
 * {@code _componentize.call_import} and {@code _componentize.drop} with the indices of the {@link
 * WorldPlan}, and registers its classes in the order of the {@link Descriptor}.
 *
 * <p>Every module starts with {@code from __future__ import annotations} (PEP 563), so type hints
 * may name classes defined later or in other modules without import-order constraints; only aliases
 * are evaluated, and they are emitted after the types they name.
 */
public final class PythonBindingsGenerator {
  private static final String HEADER =
      """
      from __future__ import annotations

      from abc import abstractmethod

      import _componentize
      import wit_world.types
      """;

  /**
   * What {@code wit_world.types} offers every module, unless a module defines the same name: the
   * result helpers and the light run-time bases of records, enums, flags and protocols (no {@code
   * dataclasses}, {@code enum} or {@code typing} import at run time; {@code types.pyi} gives type
   * checkers their {@code typing} forms).
   */
  private static final List<String> HELPERS =
      List.of("Any", "Enum", "Err", "Flag", "Ok", "Protocol", "Record", "Result", "Some");

  private final WorldPlan plan;
  private final Resolve resolve;
  private final Descriptor descriptor;
  private final Map<TypeId, Integer> closureOrder = new HashMap<>();
  private final Map<String, String> files = new LinkedHashMap<>();

  /** Type hints as written in the module being generated (set by {@link #header}). */
  private PythonHints hints;

  private PythonBindingsGenerator(WorldPlan plan, Descriptor descriptor) {
    this.plan = plan;
    this.resolve = plan.resolve();
    this.descriptor = descriptor;
    List<TypeId> closure = resolve.typeClosure(plan.world().id());
    for (int i = 0; i < closure.size(); i++) {
      closureOrder.put(closure.get(i), i);
    }
  }

  /**
   * The files of the {@code wit_world} package plus the {@code _componentize.pyi} stub, keyed by
   * path relative to the directory that goes on {@code sys.path}, in a fixed order.
   */
  public static Map<String, String> generate(WorldPlan plan, Descriptor descriptor) {
    return new PythonBindingsGenerator(plan, descriptor).run();
  }

  private Map<String, String> run() {
    files.put("wit_world/__init__.py", packageInit());
    files.put("wit_world/types.py", resource("types.py"));
    files.put("wit_world/types.pyi", resource("types.pyi"));
    files.put("wit_world/py.typed", "");
    files.put(
        "wit_world/imports/__init__.py",
        "\"\"\"Interfaces world " + plan.world().name() + " imports, one module each.\"\"\"\n");
    for (Map.Entry<InterfaceId, String> e : plan.importModules().entrySet()) {
      files.put(path(e.getValue()), interfaceModule(e.getKey(), e.getValue(), false));
    }
    files.put("wit_world/exports/__init__.py", exportsInit());
    for (Map.Entry<InterfaceId, String> e : plan.exportModules().entrySet()) {
      files.put(path(e.getValue()), interfaceModule(e.getKey(), e.getValue(), true));
    }
    files.put("_componentize.pyi", COMPONENTIZE_STUB);
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  private static String path(String module) {
    return module.replace('.', '/') + ".py";
  }

  // ---- modules ----

  private String packageInit() {
    PythonWriter w = new PythonWriter();
    String docs = plan.world().docs();
    w.docstring(
        "Bindings of world "
            + resolve.pkg(plan.world().pkg()).name().qualify(plan.world().name())
            + (docs == null ? "." : ".\n\n" + docs));
    List<TypeId> worldTypes = new ArrayList<>();
    List<Function> worldFunctions = new ArrayList<>();
    for (WorldItem item : plan.world().imports().values()) {
      if (item instanceof WorldItem.TypeItem t) {
        worldTypes.add(t.id());
      } else if (item instanceof WorldItem.FunctionItem f) {
        worldFunctions.add(f.function());
      }
    }
    Set<String> names = classNames(worldTypes);
    names.add(WorldPlan.WORLD_CLASS);
    header(w, WorldPlan.PACKAGE, names);
    for (String module : plan.importModules().values()) {
      w.line("import " + module);
    }
    w.line("import wit_world.exports");
    types(w, worldTypes, worldFunctions, WorldPlan.PACKAGE, false);
    for (Function f : worldFunctions) {
      if (f.kind() instanceof FunctionKind.Freestanding) {
        importedFunction(w, f, WorldPlan.PACKAGE, false);
      }
    }
    List<WorldPlan.Export> worldExports =
        plan.exports().stream().filter(e -> e.iface() == null).toList();
    if (!worldExports.isEmpty()) {
      w.blank().blank();
      w.line("class " + WorldPlan.WORLD_CLASS + "(" + hints.helper("Protocol") + "):");
      w.indent();
      w.docstring(
          "The functions world "
              + plan.world().name()
              + " exports.\n\nThe app module defines a subclass named "
              + WorldPlan.WORLD_CLASS
              + " that implements them.");
      for (WorldPlan.Export e : worldExports) {
        exportedMethod(w, e.function(), WorldPlan.PACKAGE, false);
      }
      w.dedent();
    }
    w.blank().blank();
    w.line(
        "# The classes the descriptor's python_class fields index (docs/design/python-glue.md).");
    w.line("_componentize.register([");
    w.indent();
    for (String cls : descriptor.classes()) {
      if (cls.startsWith("(") && 4 + cls.length() + 1 > PythonWriter.MAX_LINE) {
        String inner = cls.substring(1, cls.length() - 1);
        inner = inner.endsWith(",") ? inner.substring(0, inner.length() - 1) : inner;
        w.wrapped("(", List.of(inner.split(", ")), "),");
      } else {
        w.line(cls + ",");
      }
    }
    w.dedent();
    w.line("])");
    return w.toString();
  }

  private String exportsInit() {
    PythonWriter w = new PythonWriter();
    w.docstring(
        "Interfaces world "
            + plan.world().name()
            + " exports.\n\nThe app module subclasses each class below under the same name.");
    header(w, WorldPlan.PACKAGE + ".exports", new LinkedHashSet<>(plan.exportClasses().values()));
    for (String module : plan.exportModules().values()) {
      w.line("import " + module);
    }
    for (Map.Entry<InterfaceId, String> e : plan.exportClasses().entrySet()) {
      Interface iface = resolve.iface(e.getKey());
      List<Function> freestanding =
          iface.functions().values().stream()
              .filter(f -> f.kind() instanceof FunctionKind.Freestanding)
              .toList();
      w.blank().blank();
      w.line("class " + e.getValue() + "(" + hints.helper("Protocol") + "):");
      w.indent();
      String name = plan.itemName(e.getKey());
      w.docstring(
          "Exported interface "
              + name
              + (iface.docs() == null ? "." : ".\n\n" + iface.docs())
              + "\n\nThe app module defines a subclass named "
              + e.getValue()
              + "; it is instantiated once.");
      for (Function f : freestanding) {
        exportedMethod(w, f, WorldPlan.PACKAGE + ".exports", false);
      }
      if (freestanding.isEmpty()) {
        w.line("pass");
      }
      w.dedent();
    }
    return w.toString();
  }

  private String interfaceModule(InterfaceId id, String module, boolean exported) {
    Interface iface = resolve.iface(id);
    PythonWriter w = new PythonWriter();
    String name = plan.itemName(id);
    w.docstring(
        (exported ? "Types of exported interface " : "Imported interface ")
            + name
            + (iface.docs() == null ? "." : ".\n\n" + iface.docs()));
    header(w, module, classNames(iface.types().values()));
    Set<String> dependencies = new LinkedHashSet<>();
    for (InterfaceId dep : resolve.interfaceDependencies(id)) {
      String depModule = plan.importModules().get(dep);
      if (depModule == null) {
        depModule = plan.exportModules().get(dep);
      }
      if (depModule != null && !depModule.equals(module)) {
        dependencies.add(depModule);
      }
    }
    for (String dep : dependencies) {
      w.line("import " + dep);
    }
    List<Function> functions = List.copyOf(iface.functions().values());
    types(w, List.copyOf(iface.types().values()), functions, module, exported);
    if (!exported) {
      for (Function f : functions) {
        if (f.kind() instanceof FunctionKind.Freestanding) {
          importedFunction(w, f, module, false);
        }
      }
    }
    return w.toString();
  }

  /** The module header; {@code names} are the classes the module defines. */
  private void header(PythonWriter w, String module, Set<String> names) {
    hints = new PythonHints(plan, module, names);
    w.line(HEADER.strip());
    List<String> helpers = HELPERS.stream().filter(h -> !names.contains(h)).toList();
    if (!helpers.isEmpty()) {
      w.wrapped("from wit_world.types import (", helpers, ")");
    }
  }

  private Set<String> classNames(java.util.Collection<TypeId> ids) {
    Set<String> names = new LinkedHashSet<>();
    for (TypeId id : ids) {
      names.add(plan.className(id));
      if (resolve.type(id).kind() instanceof TypeDefKind.Variant v) {
        for (TypeDefKind.Case c : v.cases()) {
          names.add(plan.caseClassName(id, c.name()));
        }
      }
    }
    return names;
  }

  private static String resource(String name) {
    try (java.io.InputStream in = PythonBindingsGenerator.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("linker-core lacks its resource bindings/" + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- types ----

  /**
   * Classes first (their hints are lazy), then aliases in dependency order (they are evaluated).
   */
  private void types(
      PythonWriter w, List<TypeId> ids, List<Function> functions, String module, boolean exported) {
    List<TypeId> ordered = new ArrayList<>(ids);
    ordered.sort(Comparator.comparingInt(id -> closureOrder.getOrDefault(id, Integer.MAX_VALUE)));
    for (TypeId id : ordered) {
      TypeDef def = resolve.type(id);
      if (!(def.kind() instanceof TypeDefKind.Alias)) {
        typeDefinition(w, def, functions, module, exported);
      }
    }
    boolean first = true;
    for (TypeId id : ordered) {
      TypeDef def = resolve.type(id);
      if (def.kind() instanceof TypeDefKind.Alias alias) {
        w.blank();
        if (first) {
          w.blank();
          first = false;
        }
        w.line(plan.className(id) + " = " + hints.of(alias.target()));
        w.docstring(def.docs());
      }
    }
  }

  private void typeDefinition(
      PythonWriter w, TypeDef def, List<Function> functions, String module, boolean exported) {
    String name = plan.className(def.id());
    TypeDefKind kind = def.kind();
    if (kind instanceof TypeDefKind.Record record) {
      List<String[]> fields = new ArrayList<>();
      List<String> fieldDocs = new ArrayList<>();
      for (TypeDefKind.Field f : record.fields()) {
        fields.add(new String[] {PythonNames.snake(f.name()), hints.of(f.type())});
        fieldDocs.add(f.docs());
      }
      recordClass(w, name, def.docs(), fields, fieldDocs);
    } else if (kind instanceof TypeDefKind.Variant variant) {
      List<String> cases = new ArrayList<>();
      for (TypeDefKind.Case c : variant.cases()) {
        String caseClass = plan.caseClassName(def.id(), c.name());
        cases.add(caseClass);
        List<String[]> fields = new ArrayList<>();
        if (c.payload() != null) {
          fields.add(new String[] {"value", hints.of(c.payload())});
        }
        recordClass(
            w,
            caseClass,
            "Case " + c.name() + " of " + name + "." + (c.docs() == null ? "" : "\n\n" + c.docs()),
            fields,
            java.util.Collections.nCopies(fields.size(), null));
      }
      w.blank().blank();
      w.line(name + " = " + String.join(" | ", cases));
      w.docstring(def.docs());
    } else if (kind instanceof TypeDefKind.Enum e) {
      w.blank().blank().line("class " + name + "(" + hints.helper("Enum") + "):").indent();
      w.docstring(def.docs());
      for (int i = 0; i < e.cases().size(); i++) {
        comment(w, e.cases().get(i).docs());
        w.line(PythonNames.upper(e.cases().get(i).name()) + " = " + i);
      }
      w.dedent();
    } else if (kind instanceof TypeDefKind.Flags f) {
      w.blank().blank().line("class " + name + "(" + hints.helper("Flag") + "):").indent();
      w.docstring(def.docs());
      for (int i = 0; i < f.flags().size(); i++) {
        comment(w, f.flags().get(i).docs());
        w.line(PythonNames.upper(f.flags().get(i).name()) + " = 1 << " + i);
      }
      w.dedent();
    } else if (kind instanceof TypeDefKind.Resource) {
      resource(w, def, functions, module, exported);
    }
  }

  /**
   * A record or variant case: a {@code Record} subclass with the fields annotated, {@code
   * __match_args__} naming them in WIT order, and a written-out {@code __init__} (what {@code
   * @dataclass} would generate with {@code exec} at import). {@code fields} are (name, hint) pairs.
   */
  private void recordClass(
      PythonWriter w, String name, String docs, List<String[]> fields, List<String> fieldDocs) {
    w.blank().blank().line("class " + name + "(" + hints.helper("Record") + "):").indent();
    w.docstring(docs);
    if (docs != null && !docs.isBlank()) {
      w.blank();
    }
    List<String> names = new ArrayList<>();
    for (String[] f : fields) {
      names.add("\"" + f[0] + "\"");
    }
    w.line("__match_args__ = (" + String.join(", ", names) + (names.size() == 1 ? ",)" : ")"));
    for (int i = 0; i < fields.size(); i++) {
      comment(w, fieldDocs.get(i));
      w.line(fields.get(i)[0] + ": " + fields.get(i)[1]);
    }
    if (fields.isEmpty()) {
      w.dedent();
      return;
    }
    // A field named self would clash with the usual name of the instance parameter.
    String self = fields.stream().anyMatch(f -> f[0].equals("self")) ? "_self" : "self";
    List<String> params = new ArrayList<>(List.of(self));
    for (String[] f : fields) {
      params.add(f[0] + ": " + f[1]);
    }
    w.blank().wrapped("def __init__(", params, ") -> None:").indent();
    for (String[] f : fields) {
      w.line(self + "." + f[0] + " = " + f[0]);
    }
    w.dedent().dedent();
  }

  private void resource(
      PythonWriter w, TypeDef def, List<Function> functions, String module, boolean exported) {
    String name = plan.className(def.id());
    List<Function> members = new ArrayList<>();
    for (Function f : functions) {
      TypeId owner = resourceOf(f.kind());
      if (owner != null && resolve.unalias(owner).id().equals(def.id())) {
        members.add(f);
      }
    }
    w.blank().blank();
    if (exported) {
      w.line("class " + name + "(" + hints.helper("Protocol") + "):").indent();
      w.docstring(
          (def.docs() == null ? "Resource " + def.name() + "." : def.docs())
              + "\n\nThe app module defines a subclass named "
              + name
              + " that implements it.");
      for (Function f : members) {
        exportedMethod(w, f, module, true);
      }
      if (members.isEmpty()) {
        w.line("pass");
      }
      w.dedent();
      return;
    }
    WorldPlan.Resource plan = this.plan.resource(def.id());
    // A WIT method called drop keeps its name; the release helper then becomes drop_handle.
    boolean dropTaken =
        members.stream()
            .anyMatch(
                f ->
                    !(f.kind() instanceof FunctionKind.Constructor)
                        && PythonNames.snake(f.name()).equals("drop"));
    String release = dropTaken ? "drop_handle" : "drop";
    w.line("class " + name + ":").indent();
    w.docstring(
        (def.docs() == null ? "Resource " + def.name() + "." : def.docs())
            + "\n\nUse it in a ``with`` block, or call ``"
            + release
            + "()``, to release it early.");
    w.blank().line("_handle: int | None");
    for (Function f : members) {
      importedFunction(w, f, module, true);
    }
    w.blank().line("def " + release + "(self) -> None:").indent();
    w.docstring("Releases the resource now; the object is unusable afterwards.");
    w.line("handle = self._handle");
    w.line("if handle is not None:").indent();
    w.line("self._handle = None");
    w.line("_componentize.drop(" + plan.dropIndex() + ", handle)");
    w.dedent().dedent();
    w.blank().line("def __enter__(self) -> " + name + ":").indent().line("return self").dedent();
    w.blank().line("def __exit__(self, *exc_info: " + hints.helper("Any") + ") -> None:").indent();
    w.line("self." + release + "()").dedent();
    w.dedent();
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

  // ---- functions ----

  private WorldPlan.Import importOf(Function f) {
    for (WorldPlan.Import i : plan.imports()) {
      if (i.function() == f) {
        return i;
      }
    }
    throw new IllegalStateException("function " + f.name() + " is not planned as an import");
  }

  /** A wrapper around {@code _componentize.call_import}; resource members inside their class. */
  private void importedFunction(PythonWriter w, Function f, String module, boolean member) {
    WorldPlan.Import planned = importOf(f);
    List<String> params = new ArrayList<>();
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(planned.index()));
    boolean method = f.kind() instanceof FunctionKind.Method;
    boolean constructor = f.kind() instanceof FunctionKind.Constructor;
    for (int i = 0; i < f.params().size(); i++) {
      Function.Param p = f.params().get(i);
      if (method && i == 0) {
        params.add("self");
        args.add("self");
        continue;
      }
      params.add(PythonNames.snake(p.name()) + ": " + hints.of(p.type()));
      args.add(PythonNames.snake(p.name()));
    }
    if (constructor) {
      params.add(0, "self");
    }
    w.blank();
    if (!member) {
      w.blank();
    }
    if (f.kind() instanceof FunctionKind.Static) {
      w.line("@staticmethod");
    }
    String def = constructor ? "__init__" : PythonNames.snake(f.name());
    String returns = constructor ? "None" : hints.ofReturn(f.result());
    // An async import is a coroutine: the call is a subtask the export's event loop awaits.
    boolean async = f.async() && !constructor;
    w.wrapped((async ? "async def " : "def ") + def + "(", params, ") -> " + returns + ":")
        .indent();
    w.docstring(withRaises(f));
    String call = "_componentize.call_import(";
    if (async) {
      w.line("import componentize_async");
      call = "await componentize_async.call_import(";
    }
    String target;
    if (f.result() instanceof Type.ResultType) {
      target = "_result = ";
    } else if (constructor) {
      target = "_new = ";
    } else {
      target = f.result() == null ? "" : "return ";
    }
    w.wrapped(target + call, args, ")");
    if (f.result() instanceof Type.ResultType) {
      w.line("if isinstance(_result, " + hints.helper("Err") + "):").indent();
      w.line("raise _result").dedent();
      w.line(constructor ? "_new = _result.value" : "return _result.value");
    }
    if (constructor) {
      // The glue lifts the new handle into a fresh object; this object adopts it instead.
      w.line("self._handle = _new._handle");
      w.line("_new._handle = None");
    }
    w.dedent();
  }

  /** An abstract method the app implements, for an exported function. */
  private void exportedMethod(PythonWriter w, Function f, String module, boolean resourceMember) {
    List<String> params = new ArrayList<>();
    boolean isStatic = f.kind() instanceof FunctionKind.Static;
    boolean constructor = f.kind() instanceof FunctionKind.Constructor;
    if (!isStatic) {
      params.add("self");
    }
    for (int i = 0; i < f.params().size(); i++) {
      Function.Param p = f.params().get(i);
      if (f.kind() instanceof FunctionKind.Method && i == 0) {
        continue;
      }
      params.add(PythonNames.snake(p.name()) + ": " + hints.of(p.type()));
    }
    w.blank();
    if (isStatic) {
      w.line("@staticmethod");
    }
    w.line("@abstractmethod");
    String def = constructor ? "__init__" : PythonNames.snake(f.name());
    String returns = constructor ? "None" : hints.ofReturn(f.result());
    // An async export is implemented with `async def`; the glue runs it on componentize_async.
    String keyword = f.async() && !constructor ? "async def " : "def ";
    w.wrapped(keyword + def + "(", params, ") -> " + returns + ":").indent();
    w.docstring(withRaises(f));
    w.line("raise NotImplementedError").dedent();
  }

  private String withRaises(Function f) {
    String docs = f.docs() == null ? "" : f.docs();
    if (f.result() instanceof Type.ResultType r) {
      String err = r.err() == null ? "None" : witName(r.err());
      docs += (docs.isEmpty() ? "" : "\n\n") + "Raises: ``Err(" + err + ")`` for the error case.";
    }
    return docs;
  }

  private String witName(Type type) {
    if (type instanceof Type.Primitive p) {
      return p.wit();
    } else if (type instanceof Type.Named n) {
      return resolve.type(n.id()).name();
    }
    return "value";
  }

  private static void comment(PythonWriter w, String docs) {
    if (docs == null || docs.isBlank()) {
      return;
    }
    for (String line : docs.strip().split("\n")) {
      w.line(("#: " + line.strip()).stripTrailing());
    }
  }

  /** Type stub of the glue's native module, so that IDEs resolve {@code import _componentize}. */
  private static final String COMPONENTIZE_STUB =
      """
      \"\"\"The native module of the componentize glue (libcomponentize.so); exists only inside a
      component. See docs/design/python-glue.md.\"\"\"
      from typing import Any, Sequence

      def register(classes: Sequence[Any]) -> None:
          \"\"\"Registers the classes the world descriptor's python_class fields index.\"\"\"

      def call_import(index: int, *args: Any) -> Any:
          \"\"\"Calls imported function ``index``; a ``result`` comes back as ``Ok`` or ``Err``.\"\"\"

      def drop(index: int, handle: int) -> None:
          \"\"\"Drops an imported resource's handle with resource intrinsic ``index``.\"\"\"
      """;
}
