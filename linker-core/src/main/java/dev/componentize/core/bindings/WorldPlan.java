package dev.componentize.core.bindings;

import dev.componentize.core.component.CoreNames;
import dev.componentize.core.component.UnsupportedWitException;
import dev.componentize.core.component.WitTypes;
import dev.componentize.core.component.canon.AsyncHandles;
import dev.componentize.core.component.canon.CanonicalSignatures;
import dev.componentize.core.component.canon.FlatSignature;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.wit.Function;
import dev.componentize.core.wit.FunctionKind;
import dev.componentize.core.wit.Interface;
import dev.componentize.core.wit.InterfaceId;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.Type;
import dev.componentize.core.wit.TypeDef;
import dev.componentize.core.wit.TypeDefKind;
import dev.componentize.core.wit.TypeId;
import dev.componentize.core.wit.TypeOwner;
import dev.componentize.core.wit.World;
import dev.componentize.core.wit.WorldItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbering and naming that the three per-world artifacts must agree on
 * (docs/design/python-glue.md): export indices (passed to {@code componentize_call_export}), import
 * indices (the {@code br_table} of {@code componentize_call_import}, world functions first, then
 * resource intrinsics), the Python module of every interface and the Python class of every named
 * type. Built once from a resolved world; everything iterates the world's declaration order, so
 * equal inputs give equal plans.
 */
public final class WorldPlan {
  /** Python package of the generated bindings. */
  public static final String PACKAGE = "wit_world";

  /** Class of the world-level exports the app implements (as componentize-py names it). */
  public static final String WORLD_CLASS = "WitWorld";

  /** Descriptor flag bits of a function (docs/design/python-glue.md, "function" record). */
  public static final int FLAG_METHOD = 1;

  public static final int FLAG_STATIC = 2;
  public static final int FLAG_CONSTRUCTOR = 4;

  /** An {@code async func}: lifted with the callback ABI, or lowered with the async ABI. */
  public static final int FLAG_ASYNC = 8;

  /**
   * The task and waitable built-ins libworld.so imports when the world has an async function, in
   * the order of their import indices (from {@link #asyncBuiltinsBase()}).
   */
  public static final List<String> ASYNC_BUILTINS =
      List.of(
          CoreNames.WAITABLE_SET_NEW,
          CoreNames.WAITABLE_SET_DROP,
          CoreNames.WAITABLE_JOIN,
          CoreNames.SUBTASK_DROP,
          CoreNames.CONTEXT_GET,
          CoreNames.CONTEXT_SET);

  /**
   * An exported function.
   *
   * @param index its export index
   * @param coreName the core export name ({@code <interface>#<function>} or the plain name)
   * @param iface the exported interface, or {@code null} for a world-level function
   * @param function the WIT function
   * @param type its component type
   * @param pythonCallable the dotted path resolved from the app module
   * @param flags {@link #FLAG_METHOD}, {@link #FLAG_STATIC} or {@link #FLAG_CONSTRUCTOR}, plus
   *     {@link #FLAG_ASYNC}
   * @param taskReturnIndex for an async export, the import index of its {@code task.return}; else
   *     -1
   */
  public record Export(
      int index,
      String coreName,
      InterfaceId iface,
      Function function,
      ComponentFuncType type,
      String pythonCallable,
      int flags,
      int taskReturnIndex) {
    /** The core signature of {@code canon lift} (async: with the callback ABI). */
    public FlatSignature lift() {
      return type.async() ? CanonicalSignatures.liftAsync(type) : CanonicalSignatures.lift(type);
    }

    /** The export name without the {@code [async-lift]} prefix. */
    public String exportName() {
      return coreName.startsWith(CoreNames.ASYNC_LIFT)
          ? coreName.substring(CoreNames.ASYNC_LIFT.length())
          : coreName;
    }
  }

  /**
   * An imported function.
   *
   * @param index its import index
   * @param module the core import module (interface name, or {@code $root})
   * @param field the core import field (the function's extern name)
   * @param function the WIT function
   * @param type its component type
   * @param pythonPath the generated wrapper's dotted path
   * @param flags as for exports
   */
  public record Import(
      int index,
      String module,
      String field,
      Function function,
      ComponentFuncType type,
      String pythonPath,
      int flags) {
    /** The core signature of {@code canon lower} (async: with the async ABI). */
    public FlatSignature lower() {
      return type.async() ? CanonicalSignatures.lowerAsync(type) : CanonicalSignatures.lower(type);
    }
  }

  /**
   * A resource of the world and the import indices of its intrinsics.
   *
   * @param id the resource's definition
   * @param witName its WIT name
   * @param iface the interface defining it, or {@code null} for a world-level resource
   * @param exported whether the world exports it (the app implements it)
   * @param intrinsicModule the core module its intrinsics are imported from
   * @param dropIndex import index of {@code [resource-drop]}
   * @param newIndex import index of {@code [resource-new]}, or -1 for an imported resource
   * @param repIndex import index of {@code [resource-rep]}, or -1 for an imported resource
   */
  public record Resource(
      TypeId id,
      String witName,
      InterfaceId iface,
      boolean exported,
      String intrinsicModule,
      int dropIndex,
      int newIndex,
      int repIndex) {}

  /**
   * A stream or future type of the world with its built-ins ({@code CoreNames.HANDLE_OPERATIONS},
   * imported in that order from {@code firstImport}), named after the first function that has it.
   *
   * @param type the structural type (names dropped: equal streams share their built-ins)
   * @param module the core module the built-ins are imported from (the function's module)
   * @param builtin the first built-in's name ({@code new}); the others differ in the operation only
   * @param firstImport the import index of the {@code new} built-in
   */
  public record HandleType(
      ComponentValType type, String module, CoreNames.HandleBuiltin builtin, int firstImport) {
    /** Whether it is a future (else a stream). */
    public boolean future() {
      return builtin.future();
    }

    /** The core import field of built-in {@code operation}. */
    public String field(String operation) {
      return new CoreNames.HandleBuiltin(
              builtin.future(), operation, builtin.index(), builtin.function())
          .field();
    }
  }

  /** The error-context built-ins, in import order (from {@link #errorContextBase()}). */
  public static final List<String> ERROR_CONTEXT_BUILTINS =
      List.of(
          CoreNames.ERROR_CONTEXT_NEW,
          CoreNames.ERROR_CONTEXT_DEBUG_MESSAGE,
          CoreNames.ERROR_CONTEXT_DROP);

  private final List<HandleType> handleTypes = new ArrayList<>();
  private int errorContextBase = -1;
  private final Resolve resolve;
  private final World world;
  private final String appModule;
  private final WitTypes types;
  private final Map<InterfaceId, String> importModules = new LinkedHashMap<>();
  private final Map<InterfaceId, String> exportModules = new LinkedHashMap<>();
  private final Map<InterfaceId, String> exportClasses = new LinkedHashMap<>();
  private final Map<InterfaceId, String> itemNames = new HashMap<>();
  private final List<Export> exports = new ArrayList<>();
  private final List<Import> imports = new ArrayList<>();
  private final List<Resource> resources = new ArrayList<>();
  private int asyncBuiltinsBase = -1;

  private WorldPlan(Resolve resolve, World world, String appModule) {
    this.resolve = resolve;
    this.world = world;
    this.appModule = appModule;
    this.types = new WitTypes(resolve);
  }

  /**
   * Plans the bindings of {@code world}.
   *
   * @param appModule the Python module that implements the exports (e.g. {@code app})
   * @throws BindingsException if the world uses something the bindings cannot carry
   */
  public static WorldPlan of(Resolve resolve, World world, String appModule) {
    if (!appModule.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
      throw new BindingsException("app module '" + appModule + "' is not a Python module name");
    }
    WorldPlan plan = new WorldPlan(resolve, world, appModule);
    plan.nameModules();
    plan.planImports();
    plan.planExports();
    plan.planResources();
    plan.planAsync();
    return plan;
  }

  public Resolve resolve() {
    return resolve;
  }

  public World world() {
    return world;
  }

  public String appModule() {
    return appModule;
  }

  public List<Export> exports() {
    return List.copyOf(exports);
  }

  public List<Import> imports() {
    return List.copyOf(imports);
  }

  public List<Resource> resources() {
    return List.copyOf(resources);
  }

  /**
   * The import index of the first of {@link #ASYNC_BUILTINS}, after the resource intrinsics; -1
   * when the world has no async function. The {@code task.return} of each async export follows
   * them, in export order.
   */
  public int asyncBuiltinsBase() {
    return asyncBuiltinsBase;
  }

  /** Imported interfaces and their Python modules ({@code wit_world.imports.streams}). */
  public Map<InterfaceId, String> importModules() {
    return importModules;
  }

  /** Exported interfaces and the Python modules holding their types. */
  public Map<InterfaceId, String> exportModules() {
    return exportModules;
  }

  /** Exported interfaces and the name of the class the app subclasses. */
  public Map<InterfaceId, String> exportClasses() {
    return exportClasses;
  }

  /** The name of interface {@code id} as the world lists it ({@code ns:pkg/name@v} or inline). */
  public String itemName(InterfaceId id) {
    return itemNames.get(id);
  }

  /** The component-model type of {@code function}, for the canonical ABI. */
  ComponentFuncType functionType(Function function) {
    try {
      return types.functionType(function);
    } catch (UnsupportedWitException e) {
      if (e.construct() == null) {
        throw new BindingsException(function.name() + ": " + e.getMessage());
      }
      throw new BindingsException(
          e.construct()
              + " in "
              + function.name()
              + " is not supported by the Python bindings yet");
    }
  }

  /**
   * The Python module that defines the class or alias for named type {@code id}: the imported
   * interface's module if the owner is imported, else the exported one's, else the package.
   */
  public String moduleOf(TypeId id) {
    TypeOwner owner = resolve.type(id).owner();
    if (owner instanceof TypeOwner.OfInterface i) {
      String module = importModules.get(i.id());
      if (module == null) {
        module = exportModules.get(i.id());
      }
      if (module == null) {
        throw new BindingsException(
            "type "
                + resolve.type(id).name()
                + " belongs to interface "
                + resolve.interfaceName(i.id())
                + ", which world "
                + world.name()
                + " neither imports nor exports");
      }
      return module;
    }
    return PACKAGE;
  }

  /** The Python class (or alias) name of named type {@code id}. */
  public String className(TypeId id) {
    return PythonNames.pascal(resolve.type(id).name());
  }

  /**
   * The class of case {@code caseName} of variant {@code variant}: the variant's class name and the
   * case's, e.g. {@code ShapeCircle} (no keyword escape inside: {@code ShapeNone}).
   */
  public String caseClassName(TypeId variant, String caseName) {
    return className(variant) + PythonNames.pascalUnescaped(caseName);
  }

  /** {@code module.Class} of named type {@code id}. */
  public String qualifiedClass(TypeId id) {
    return moduleOf(id) + "." + className(id);
  }

  private void nameModules() {
    nameModules(world.imports(), importModules, PACKAGE + ".imports");
    nameModules(world.exports(), exportModules, PACKAGE + ".exports");
    Set<String> taken = new HashSet<>();
    for (Map.Entry<InterfaceId, String> e : exportModules.entrySet()) {
      String leaf = e.getValue().substring(e.getValue().lastIndexOf('.') + 1);
      String name = PythonNames.pascal(leaf.replace('_', '-'));
      exportClasses.put(e.getKey(), taken.add(name) ? name : name + taken.size());
    }
  }

  /**
   * One module per interface, named after the interface ({@code streams}); when two interfaces of
   * different packages share a name, both are qualified by namespace and package ({@code
   * wasi_io_streams}).
   */
  private void nameModules(
      Map<String, WorldItem> items, Map<InterfaceId, String> modules, String parent) {
    Map<String, Integer> counts = new HashMap<>();
    List<InterfaceId> ids = new ArrayList<>();
    for (Map.Entry<String, WorldItem> e : items.entrySet()) {
      if (e.getValue() instanceof WorldItem.InterfaceItem item) {
        ids.add(item.id());
        itemNames.put(item.id(), e.getKey());
        counts.merge(shortName(item.id(), e.getKey()), 1, Integer::sum);
      }
    }
    for (InterfaceId id : ids) {
      String shortName = shortName(id, itemNames.get(id));
      String name = shortName;
      if (counts.get(shortName) > 1) {
        Interface iface = resolve.iface(id);
        var pkg = resolve.pkg(iface.pkg()).name();
        name = pkg.namespace() + "-" + pkg.name() + "-" + shortName;
      }
      modules.put(id, parent + "." + PythonNames.snake(name));
    }
  }

  private String shortName(InterfaceId id, String itemName) {
    String name = resolve.iface(id).name();
    return name != null ? name : itemName;
  }

  private void planImports() {
    for (Map.Entry<String, WorldItem> e : world.imports().entrySet()) {
      if (e.getValue() instanceof WorldItem.InterfaceItem item) {
        String module = e.getKey();
        for (Function f : resolve.iface(item.id()).functions().values()) {
          addImport(module, f, importModules.get(item.id()));
        }
      } else if (e.getValue() instanceof WorldItem.FunctionItem item) {
        addImport(CoreNames.ROOT_MODULE, item.function(), PACKAGE);
      }
    }
  }

  private void addImport(String module, Function f, String pythonModule) {
    String path = pythonModule + "." + pythonMember(f);
    String field = f.async() ? CoreNames.ASYNC_LOWER + f.externName() : f.externName();
    imports.add(new Import(imports.size(), module, field, f, functionType(f), path, flags(f)));
  }

  private void planExports() {
    for (Map.Entry<String, WorldItem> e : world.exports().entrySet()) {
      if (e.getValue() instanceof WorldItem.InterfaceItem item) {
        Interface iface = resolve.iface(item.id());
        String exportClass = exportClasses.get(item.id());
        for (Function f : iface.functions().values()) {
          String callable =
              f.kind() instanceof FunctionKind.Freestanding
                  ? exportClass + "." + PythonNames.snake(f.name())
                  : pythonMember(f);
          exports.add(
              new Export(
                  exports.size(),
                  liftName(f, CoreNames.export(e.getKey(), f.externName())),
                  item.id(),
                  f,
                  functionType(f),
                  callable,
                  flags(f),
                  -1));
        }
      } else if (e.getValue() instanceof WorldItem.FunctionItem item) {
        Function f = item.function();
        exports.add(
            new Export(
                exports.size(),
                liftName(f, f.externName()),
                null,
                f,
                functionType(f),
                WORLD_CLASS + "." + PythonNames.snake(f.name()),
                f.async() ? FLAG_ASYNC : 0,
                -1));
      }
    }
  }

  private void planResources() {
    int next = imports.size();
    List<TypeId> seen = new ArrayList<>();
    for (boolean exported : new boolean[] {false, true}) {
      Map<String, WorldItem> items = exported ? world.exports() : world.imports();
      for (Map.Entry<String, WorldItem> e : items.entrySet()) {
        List<TypeId> ids = new ArrayList<>();
        InterfaceId iface = null;
        if (e.getValue() instanceof WorldItem.InterfaceItem item) {
          iface = item.id();
          ids.addAll(resolve.iface(item.id()).types().values());
        } else if (e.getValue() instanceof WorldItem.TypeItem item) {
          ids.add(item.id());
        }
        for (TypeId id : ids) {
          TypeDef def = resolve.type(id);
          if (!(def.kind() instanceof TypeDefKind.Resource) || seen.contains(id)) {
            continue;
          }
          seen.add(id);
          String owner = iface == null ? CoreNames.ROOT_MODULE : e.getKey();
          int drop = next++;
          int created = exported ? next++ : -1;
          int rep = exported ? next++ : -1;
          resources.add(
              new Resource(
                  id,
                  def.name(),
                  iface,
                  exported,
                  exported ? CoreNames.exportModule(owner) : owner,
                  drop,
                  created,
                  rep));
        }
      }
    }
  }

  /**
   * After the resource intrinsics: the task and waitable built-ins, then each async export's {@code
   * task.return}, when the world has an async function.
   */
  private void planAsync() {
    boolean handles =
        exports.stream().anyMatch(e -> AsyncHandles.usesAsyncTypes(e.type()))
            || imports.stream().anyMatch(i -> AsyncHandles.usesAsyncTypes(i.type()));
    boolean async =
        handles
            || exports.stream().anyMatch(e -> e.type().async())
            || imports.stream().anyMatch(i -> i.type().async());
    if (!async) {
      return;
    }
    int next = imports.size();
    for (Resource r : resources) {
      next += r.exported() ? 3 : 1;
    }
    asyncBuiltinsBase = next;
    next += ASYNC_BUILTINS.size();
    for (int k = 0; k < exports.size(); k++) {
      Export e = exports.get(k);
      if (e.type().async()) {
        exports.set(
            k,
            new Export(
                e.index(),
                e.coreName(),
                e.iface(),
                e.function(),
                e.type(),
                e.pythonCallable(),
                e.flags(),
                next++));
      }
    }
    if (!handles) {
      return;
    }
    // Then the built-ins of each distinct stream and future type, then those of error-context.
    for (Import i : imports) {
      next = planHandles(i.type(), i.module(), i.function().externName(), next);
    }
    for (Export e : exports) {
      next = planHandles(e.type(), taskReturnModule(e), e.function().externName(), next);
    }
    // Only for a world that has one: hosts enable error-context separately (wasmtime 49:
    // -W component-model-error-context=y).
    if (exports.stream().anyMatch(e -> AsyncHandles.usesErrorContext(e.type()))
        || imports.stream().anyMatch(i -> AsyncHandles.usesErrorContext(i.type()))) {
      errorContextBase = next;
    }
  }

  private int planHandles(ComponentFuncType type, String module, String function, int next) {
    List<ComponentValType> found = AsyncHandles.of(type);
    for (int n = 0; n < found.size(); n++) {
      ComponentValType t = found.get(n);
      if (handleTypes.stream().anyMatch(h -> h.type().equals(t))) {
        continue;
      }
      CoreNames.HandleBuiltin builtin =
          new CoreNames.HandleBuiltin(t instanceof FutureType, "new", n, function);
      handleTypes.add(new HandleType(t, module, builtin, next));
      next += CoreNames.HANDLE_OPERATIONS.size();
    }
    return next;
  }

  /** The world's stream and future types with their built-ins' import indices. */
  public List<HandleType> handleTypes() {
    return List.copyOf(handleTypes);
  }

  /**
   * The import index of the first of {@link #ERROR_CONTEXT_BUILTINS}, after the stream and future
   * built-ins; -1 when the world has no error-context.
   */
  public int errorContextBase() {
    return errorContextBase;
  }

  /** The stream or future type {@code type} (used by {@code where}) is planned as. */
  HandleType handleType(Type type, String where) {
    ComponentValType t = types.valueType(type, where);
    for (HandleType h : handleTypes) {
      if (h.type().equals(t)) {
        return h;
      }
    }
    throw new IllegalStateException("no built-ins planned for " + t + " in " + where);
  }

  /**
   * The core module of the {@code task.return} of async export {@code e}: {@code [export]<iface>}
   * or {@code [export]$root}.
   */
  public String taskReturnModule(Export e) {
    return CoreNames.exportModule(e.iface() == null ? CoreNames.ROOT_MODULE : itemName(e.iface()));
  }

  private static String liftName(Function f, String exportName) {
    return f.async() ? CoreNames.ASYNC_LIFT + exportName : exportName;
  }

  /** The resource plan for resource definition {@code id}. */
  public Resource resource(TypeId id) {
    TypeId definition = resolve.unalias(id).id();
    for (Resource r : resources) {
      if (r.id().equals(definition)) {
        return r;
      }
    }
    throw new BindingsException(
        "resource " + resolve.type(definition).name() + " is not part of world " + world.name());
  }

  /** Name of a function inside its Python module: {@code greet} or {@code File.read}. */
  String pythonMember(Function f) {
    FunctionKind kind = f.kind();
    if (kind instanceof FunctionKind.Method m) {
      return className(resolve.unalias(m.resource()).id()) + "." + PythonNames.snake(f.name());
    } else if (kind instanceof FunctionKind.Static s) {
      return className(resolve.unalias(s.resource()).id()) + "." + PythonNames.snake(f.name());
    } else if (kind instanceof FunctionKind.Constructor c) {
      return className(resolve.unalias(c.resource()).id());
    }
    return PythonNames.snake(f.name());
  }

  private static int flags(Function f) {
    int async = f.async() ? FLAG_ASYNC : 0;
    FunctionKind kind = f.kind();
    if (kind instanceof FunctionKind.Method) {
      return FLAG_METHOD | async;
    } else if (kind instanceof FunctionKind.Static) {
      return FLAG_STATIC | async;
    } else if (kind instanceof FunctionKind.Constructor) {
      return FLAG_CONSTRUCTOR | async;
    }
    return async;
  }
}
