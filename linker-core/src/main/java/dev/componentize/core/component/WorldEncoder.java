package dev.componentize.core.component;

import dev.componentize.core.component.binary.Alias;
import dev.componentize.core.component.binary.CanonOption;
import dev.componentize.core.component.binary.ComponentBuilder;
import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.binary.CoreModuleInterface;
import dev.componentize.core.component.binary.CoreModuleWriter;
import dev.componentize.core.component.binary.ExternDesc;
import dev.componentize.core.component.binary.IndexedTypeDef;
import dev.componentize.core.component.binary.NameSection;
import dev.componentize.core.component.binary.NamedItem;
import dev.componentize.core.component.binary.Sort;
import dev.componentize.core.component.binary.TypeIndexScope;
import dev.componentize.core.component.canon.AsyncHandles;
import dev.componentize.core.component.canon.CanonicalSignatures;
import dev.componentize.core.component.canon.CoreSignature;
import dev.componentize.core.component.canon.FlatSignature;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.Types;
import dev.componentize.core.component.types.UsedType;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.link.ImportBinding;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.WasmWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Wraps one core module into a component that has the type of a world (component-model
 * Explainer.md, "Component Definitions"; Binary.md for the encoding). The core module meets the
 * world through the names in {@link CoreNames}.
 *
 * <p>Layout of the result, in order:
 *
 * <ol>
 *   <li>each imported interface: its instance type and the import; each imported function;
 *   <li>the core modules (the main module, and the preview1 adapter if there is one); if some core
 *       import can only be made after an instantiation (a lowering that needs the importer's memory
 *       or realloc, a preview1 function of the adapter, a resource destructor), the shim module and
 *       its instance (see {@link CoreModuleWriter});
 *   <li>the exported resource types; per core module, one core instance per core import module
 *       (lowered functions, shim forwarders, resource intrinsics, the main module's memory and
 *       exports for the adapter), then the module's instance;
 *   <li>the fixup instance that fills the shim's table and runs the main module's {@code
 *       _initialize};
 *   <li>exported functions (lifted) and exported interfaces: lifted functions re-exported through a
 *       small nested component that gives the interface's types their names ({@link NestedExport});
 *   <li>a {@code component-name} section naming the core modules and instances.
 * </ol>
 *
 * <p>Every step iterates lists in the world's order, so equal inputs give equal bytes.
 */
public final class WorldEncoder {
  /** The core module name under which a wasi-libc program imports WASI preview1. */
  public static final String PREVIEW1 = "wasi_snapshot_preview1";

  private static final String MAIN_LABEL = "main";
  private static final String ADAPTER_LABEL = "preview1-adapter";
  private static final String ENV_MODULE = "env";
  private static final String MAIN_MODULE = "__main_module__";
  private static final String ADAPTER_REALLOC = "cabi_import_realloc";

  private final WorldType world;
  private final Unit main;
  private final Unit adapter;
  private final List<Unit> units;
  private final ComponentBuilder b = new ComponentBuilder();
  private final NameSection names = new NameSection();

  private final Map<String, InterfaceType> importedInterfaces = new LinkedHashMap<>();
  private final Map<String, InterfaceType> exportedInterfaces = new LinkedHashMap<>();
  private final Map<String, ComponentFunction> importedFunctions = new LinkedHashMap<>();
  private final Map<String, ComponentFunction> exportedFunctions = new LinkedHashMap<>();
  private final Map<String, Integer> importedInstances = new HashMap<>();
  private final Map<String, Integer> exportedInstances = new HashMap<>();
  private final Map<String, Integer> importedFuncIndices = new HashMap<>();
  private final Map<TypeName, Integer> topNamed = new HashMap<>();
  private final Map<String, Integer> aliasedFuncs = new HashMap<>();
  private final TypeIndexScope top;

  private int shimInstance = -1;
  private Integer memory;
  private Integer pageRealloc;

  private WorldEncoder(WorldType world, List<Unit> program, byte[] adapter)
      throws ComponentEncodingException {
    this.world = world;
    this.main = program.size() == 1 ? program.get(0) : null;
    this.adapter = adapter == null ? null : new Unit(ADAPTER_LABEL, adapter, ADAPTER_REALLOC, true);
    this.units = order(program, this.adapter);
    for (ComponentWorldItem item : world.imports()) {
      if (item instanceof InterfaceType iface) {
        importedInterfaces.put(iface.name(), iface);
      } else {
        importedFunctions.put(item.name(), (ComponentFunction) item);
      }
    }
    for (ComponentWorldItem item : world.exports()) {
      if (item instanceof InterfaceType iface) {
        exportedInterfaces.put(iface.name(), iface);
      } else {
        exportedFunctions.put(item.name(), (ComponentFunction) item);
      }
    }
    ComponentBuilder builder = b;
    top =
        new TypeIndexScope() {
          @Override
          protected int define(IndexedTypeDef def) {
            return builder.type(def);
          }

          @Override
          protected int named(ExportedType type) {
            return topLevelNamed(type);
          }
        };
  }

  /**
   * Encodes a component of type {@code world} around the core module {@code module}.
   *
   * @throws ComponentEncodingException if the module lacks an export the world needs, imports
   *     something the world does not provide, or is malformed
   */
  public static byte[] encode(WorldType world, byte[] module) throws ComponentEncodingException {
    return new WorldEncoder(world, List.of(mainUnit(module)), null).run();
  }

  /**
   * Encodes a component of type {@code world} around a main module that imports WASI preview1
   * ({@value #PREVIEW1}, e.g. a wasi-libc program) and the preview1 {@code adapter} module that
   * implements preview1 on top of the world's WASI 0.2 imports. The adapter shares the main
   * module's memory, is given a stack (see {@link AdapterStack}), and may export world functions
   * itself (the command adapter exports {@code wasi:cli/run#run}, which calls the main module's
   * {@code _start}).
   *
   * @throws ComponentEncodingException as for {@link #encode(WorldType, byte[])}, naming the module
   */
  public static byte[] encodeWithAdapter(WorldType world, byte[] module, byte[] adapter)
      throws ComponentEncodingException {
    return new WorldEncoder(world, List.of(mainUnit(module)), adapter).run();
  }

  /**
   * Encodes a component of type {@code world} around a linked program (docs/design/linker.md): its
   * instances are created in the program's order, each import wired to the earlier instance's
   * export the linker chose, and the program's external imports served by the world or, for WASI
   * preview1, by {@code adapter} (null for none), which is placed right after the instance that
   * owns the memory. Imports that can only be served by a later instance go through the shim; the
   * fixup that fills it runs as soon as their providers exist, so before the linker's {@code init}
   * instance runs constructors.
   *
   * @throws ComponentEncodingException as for {@link #encode(WorldType, byte[])}, naming the
   *     instance
   */
  public static byte[] encodeProgram(WorldType world, LinkedProgram program, byte[] adapter)
      throws ComponentEncodingException {
    List<Unit> units = new ArrayList<>();
    Map<String, Unit> byName = new HashMap<>();
    for (ProgramInstance instance : program.instances()) {
      Unit unit =
          new Unit(instance.name(), WasmWriter.write(instance.module()), CoreNames.REALLOC, false);
      for (int i = 0; i < instance.imports().size(); i++) {
        if (instance.imports().get(i).source() instanceof ImportBinding.FromInstance from) {
          Unit provider = byName.get(from.instance());
          if (provider == null) {
            throw new ComponentEncodingException(
                "instance '"
                    + instance.name()
                    + "' imports from '"
                    + from.instance()
                    + "', which is not an earlier instance of the program");
          }
          unit.providers.set(i, new Provided(provider, from.export()));
        }
      }
      units.add(unit);
      byName.put(instance.name(), unit);
    }
    return new WorldEncoder(world, units, adapter).run();
  }

  private static Unit mainUnit(byte[] module) throws ComponentEncodingException {
    return new Unit(MAIN_LABEL, module, CoreNames.REALLOC, false);
  }

  private byte[] run() throws ComponentEncodingException {
    for (ComponentWorldItem item : world.imports()) {
      if (item instanceof InterfaceType iface) {
        importInterface(iface);
      } else {
        ComponentFunction f = (ComponentFunction) item;
        int type = top.funcType(f.type());
        importedFuncIndices.put(f.name(), b.importItem(f.name(), new ExternDesc.Func(type)));
      }
    }
    instantiateCore();
    for (ComponentWorldItem item : world.exports()) {
      if (item instanceof InterfaceType iface) {
        exportInterface(iface);
      } else {
        ComponentFunction f = (ComponentFunction) item;
        int lifted = lift(f.name(), f.type());
        b.export(f.name(), Sort.FUNC, lifted, Optional.empty());
      }
    }
    names.writeTo(b);
    return b.toBytes();
  }

  // ---------------------------------------------------------------------------------------------
  // Types at the top level

  /**
   * How a named type is known at the top level: aliased out of the imported instance that owns it,
   * defined here for exported interfaces (they get their names in the nested component), or
   * imported by name for types declared directly in the world.
   */
  private int topLevelNamed(ExportedType type) {
    TypeName name = type.name();
    Integer known = topNamed.get(name);
    if (known != null) {
      return known;
    }
    int index;
    if (importedInstances.containsKey(name.owner())) {
      index =
          b.alias(
              new Alias.InstanceExport(
                  Sort.TYPE, importedInstances.get(name.owner()), name.name()));
    } else if (exportedInterfaces.containsKey(name.owner()) && type instanceof UsedType used) {
      index = topLevelNamed(used.target());
    } else if (exportedInterfaces.containsKey(name.owner())) {
      if (type instanceof ResourceType) {
        throw new IllegalStateException("exported resource " + name + " used before definition");
      }
      index = top.index(((NamedType) type).definition());
    } else if (name.owner().isEmpty() && type instanceof NamedType named) {
      int body = top.index(named.definition());
      index = b.importItem(name.name(), new ExternDesc.TypeEq(body));
    } else {
      throw new IllegalArgumentException(
          "type '"
              + name.name()
              + "' belongs to "
              + (name.owner().isEmpty() ? "the world" : "interface '" + name.owner() + "'")
              + ", which this world does not import before using it");
    }
    topNamed.put(name, index);
    return index;
  }

  // ---------------------------------------------------------------------------------------------
  // Imports

  /** {@code (import "<iface>" (instance (type ...)))} with the interface's instance type. */
  private void importInterface(InterfaceType iface) {
    int type = b.type(ImportedInstanceType.build(iface, top));
    importedInstances.put(iface.name(), b.importItem(iface.name(), new ExternDesc.Instance(type)));
  }

  // ---------------------------------------------------------------------------------------------
  // The core modules and their instances

  /** Where an import of a core module comes from when not from the world: another core module. */
  private record Provided(Unit unit, String export) {}

  /**
   * A core module of the component and its instance: the main module (or each instance of a linked
   * program), and the preview1 adapter.
   */
  private static final class Unit {
    final String label;
    final byte[] bytes;
    final CoreModuleInterface iface;
    final String reallocExport;
    final boolean isAdapter;

    /** Per import, in import order: the providing module, or null for an import of the world. */
    final List<Provided> providers = new ArrayList<>();

    int position = -1;
    int module = -1;
    int instance = -1;
    Integer realloc;

    Unit(String label, byte[] bytes, String reallocExport, boolean isAdapter)
        throws ComponentEncodingException {
      this.label = label;
      this.bytes = bytes.clone();
      this.reallocExport = reallocExport;
      this.isAdapter = isAdapter;
      try {
        this.iface = CoreModuleInterface.read(bytes);
      } catch (ComponentEncodingException e) {
        throw new ComponentEncodingException(label + ": " + e.getMessage());
      }
      for (int i = 0; i < iface.imports().size(); i++) {
        providers.add(null);
      }
    }

    boolean exportsFunc(String name) {
      return iface.exportsFunc(name);
    }

    boolean exportsMemory() {
      return iface
          .export(CoreNames.MEMORY)
          .map(e -> e.kind() == CoreModuleInterface.Kind.MEMORY)
          .orElse(false);
    }
  }

  private enum SlotKind {
    /** A world import lowered with options that need memory or realloc not yet there. */
    LOWER,
    /** A function exported by a core module instantiated later (e.g. the adapter's fd_write). */
    UNIT_EXPORT,
    /** The destructor of an exported resource, a core export. */
    DESTRUCTOR
  }

  /**
   * A function a core module must import before the function exists: the module gets a shim
   * forwarder, and the fixup fills in the real function once every provider is instantiated.
   */
  private record Slot(
      SlotKind kind,
      CoreSignature signature,
      Unit importer,
      String module,
      String field,
      Provided source,
      List<Unit> providers) {
    static String key(Unit importer, String module, String field) {
      return importer.label + "\0" + module + "\0" + field;
    }
  }

  /** Places the adapter right after the module that owns the memory, then numbers positions. */
  private static List<Unit> order(List<Unit> program, Unit adapter) {
    List<Unit> order = new ArrayList<>(program);
    if (adapter != null) {
      int owner = 0;
      for (int i = 0; i < program.size(); i++) {
        if (program.get(i).exportsMemory()) {
          owner = i;
          break;
        }
      }
      order.add(owner + 1, adapter);
    }
    for (int i = 0; i < order.size(); i++) {
      order.get(i).position = i;
    }
    return List.copyOf(order);
  }

  /** The module whose {@code memory} every core module shares. */
  private Unit memoryOwner() {
    for (Unit unit : units) {
      if (!unit.isAdapter && unit.exportsMemory()) {
        return unit;
      }
    }
    return units.get(0);
  }

  /**
   * The allocator for values lowered into {@code unit}: its own ({@code cabi_realloc}, or the
   * adapter's {@code cabi_import_realloc}), else the first module of the program that exports
   * {@code cabi_realloc} (the memory is shared), else null.
   */
  private Unit reallocProvider(Unit unit) {
    if (unit.exportsFunc(unit.reallocExport)) {
      return unit;
    }
    for (Unit u : units) {
      if (!u.isAdapter && u.exportsFunc(CoreNames.REALLOC)) {
        return u;
      }
    }
    return null;
  }

  /** The adapter's imports from {@code env} and {@code __main_module__}: the program's exports. */
  private void bindAdapter() throws ComponentEncodingException {
    for (int i = 0; i < adapter.iface.imports().size(); i++) {
      CoreModuleInterface.Import imp = adapter.iface.imports().get(i);
      if (imp.module().equals(ENV_MODULE)) {
        if (imp.kind() != CoreModuleInterface.Kind.MEMORY) {
          throw unknownImport(adapter, imp, "only the memory is taken from 'env'");
        }
        adapter.providers.set(i, new Provided(memoryOwner(), CoreNames.MEMORY));
      } else if (imp.module().equals(MAIN_MODULE)) {
        Unit provider = null;
        for (Unit u : units) {
          if (!u.isAdapter && u.exportsFunc(imp.field())) {
            provider = u;
            break;
          }
        }
        if (provider != null) {
          adapter.providers.set(i, new Provided(provider, imp.field()));
        } else if (!imp.field().equals(CoreNames.REALLOC)) {
          throw unknownImport(adapter, imp, "no core module exports '" + imp.field() + "'");
        }
        // A missing cabi_realloc is served by the page allocator (directImport).
      }
    }
  }

  private void instantiateCore() throws ComponentEncodingException {
    if (adapter != null) {
      bindAdapter();
      for (Unit unit : units) {
        for (int i = 0; i < unit.iface.imports().size(); i++) {
          if (!unit.isAdapter
              && unit.providers.get(i) == null
              && unit.iface.imports().get(i).module().equals(PREVIEW1)) {
            unit.providers.set(i, new Provided(adapter, unit.iface.imports().get(i).field()));
          }
        }
      }
    }
    Unit memoryOwner = memoryOwner();

    // Decide, before emitting anything, which imports need the shim.
    List<Slot> slots = new ArrayList<>();
    for (Unit unit : units) {
      for (int i = 0; i < unit.iface.imports().size(); i++) {
        CoreModuleInterface.Import imp = unit.iface.imports().get(i);
        Provided provided = unit.providers.get(i);
        if (provided != null) {
          if (provided.unit().position < unit.position) {
            continue;
          }
          if (imp.kind() != CoreModuleInterface.Kind.FUNC) {
            throw unknownImport(
                unit, imp, "its provider '" + provided.unit().label + "' is instantiated later");
          }
          if (!provided.unit().exportsFunc(provided.export())) {
            throw unknownImport(
                unit,
                imp,
                provided.unit().label + " exports no function '" + provided.export() + "'");
          }
          slots.add(
              new Slot(
                  SlotKind.UNIT_EXPORT,
                  unit.iface.signature(i).orElseThrow(),
                  unit,
                  imp.module(),
                  imp.field(),
                  provided,
                  List.of(provided.unit())));
          continue;
        }
        if (imp.kind() != CoreModuleInterface.Kind.FUNC
            || (unit.isAdapter && imp.module().equals(MAIN_MODULE))) {
          continue;
        }
        Optional<FlatSignature> canon = canonSignature(unit, imp);
        if (canon.isPresent()) {
          FlatSignature sig = canon.get();
          Unit realloc = reallocProvider(unit);
          boolean memoryLater = sig.needsMemory() && memoryOwner.position >= unit.position;
          boolean reallocLater =
              sig.needsRealloc() && (realloc == null || realloc.position >= unit.position);
          if (memoryLater || reallocLater) {
            List<Unit> providers = new ArrayList<>(List.of(memoryOwner));
            if (sig.needsRealloc() && realloc != null) {
              providers.add(realloc);
            }
            slots.add(
                new Slot(
                    SlotKind.LOWER, sig.core(), unit, imp.module(), imp.field(), null, providers));
          }
        }
      }
    }
    List<ResourceType> exportedResources = new ArrayList<>();
    for (InterfaceType iface : exportedInterfaces.values()) {
      for (ExportedType type : iface.types()) {
        if (type instanceof ResourceType resource) {
          exportedResources.add(resource);
          String dtor = CoreNames.destructor(iface.name(), resource.name().name());
          for (Unit unit : units) {
            if (unit.exportsFunc(dtor)) {
              slots.add(
                  new Slot(
                      SlotKind.DESTRUCTOR,
                      CanonicalSignatures.RESOURCE_DTOR,
                      unit,
                      resource.name().toString(),
                      dtor,
                      new Provided(unit, dtor),
                      List.of(unit)));
              break;
            }
          }
        }
      }
    }
    Unit initializer = main;
    boolean callInitializer = initializer != null && initializer.exportsFunc(CoreNames.INITIALIZER);
    int fixupAfter = -1;
    for (Slot slot : slots) {
      for (Unit provider : slot.providers()) {
        fixupAfter = Math.max(fixupAfter, provider.position);
      }
    }
    if (callInitializer) {
      fixupAfter = Math.max(fixupAfter, initializer.position);
    }

    for (Unit unit : units) {
      unit.module = b.coreModule(unit.isAdapter ? AdapterStack.prepare(unit.bytes) : unit.bytes);
      names.name(Sort.CORE_MODULE, unit.module, unit.label);
    }
    Map<String, Integer> slotIndex = new HashMap<>();
    if (!slots.isEmpty()) {
      List<CoreSignature> signatures = slots.stream().map(Slot::signature).toList();
      int shim = b.coreModule(CoreModuleWriter.shim(signatures));
      shimInstance = b.coreInstantiate(shim, List.of());
      names.name(Sort.CORE_MODULE, shim, "shim");
      names.name(Sort.CORE_INSTANCE, shimInstance, "shim");
      for (int i = 0; i < slots.size(); i++) {
        Slot slot = slots.get(i);
        if (slot.kind() != SlotKind.DESTRUCTOR) {
          slotIndex.put(Slot.key(slot.importer(), slot.module(), slot.field()), i);
        }
      }
    }

    // Exported resources: defined here (generative), with destructors through the shim.
    for (ResourceType resource : exportedResources) {
      Optional<Integer> dtor = Optional.empty();
      for (int i = 0; i < slots.size(); i++) {
        Slot slot = slots.get(i);
        if (slot.kind() == SlotKind.DESTRUCTOR
            && slot.module().equals(resource.name().toString())) {
          dtor = Optional.of(shimExport(i));
        }
      }
      topNamed.put(resource.name(), b.type(new IndexedTypeDef.Resource(dtor)));
    }

    for (Unit unit : units) {
      Map<String, List<NamedItem>> byModule = new LinkedHashMap<>();
      for (int i = 0; i < unit.iface.imports().size(); i++) {
        CoreModuleInterface.Import imp = unit.iface.imports().get(i);
        List<NamedItem> items = byModule.computeIfAbsent(imp.module(), m -> new ArrayList<>());
        Integer slot = slotIndex.get(Slot.key(unit, imp.module(), imp.field()));
        Provided provided = unit.providers.get(i);
        if (slot != null) {
          items.add(new NamedItem(imp.field(), Sort.CORE_FUNC, shimExport(slot)));
        } else if (provided != null) {
          items.add(fromUnit(imp, provided));
        } else {
          items.add(directImport(unit, imp));
        }
      }
      List<NamedItem> args = new ArrayList<>();
      for (Map.Entry<String, List<NamedItem>> entry : byModule.entrySet()) {
        args.add(
            new NamedItem(entry.getKey(), Sort.CORE_INSTANCE, b.coreInstanceOf(entry.getValue())));
      }
      unit.instance = b.coreInstantiate(unit.module, args);
      names.name(Sort.CORE_INSTANCE, unit.instance, unit.label);
      if (unit.position == fixupAfter) {
        fixup(slots, callInitializer ? initializer : null);
      }
    }
  }

  /** The fixup instance: fills the shim's table, then runs the initializer, if any. */
  private void fixup(List<Slot> slots, Unit initializer) throws ComponentEncodingException {
    List<NamedItem> fixupItems = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      Slot slot = slots.get(i);
      int coreFunc;
      if (slot.kind() == SlotKind.LOWER) {
        CoreModuleInterface.Import imp =
            new CoreModuleInterface.Import(
                slot.module(), slot.field(), CoreModuleInterface.Kind.FUNC);
        coreFunc = canonFunc(slot.importer(), imp);
      } else {
        coreFunc = coreExport(slot.source().unit(), slot.source().export());
      }
      fixupItems.add(new NamedItem(Integer.toString(i), Sort.CORE_FUNC, coreFunc));
    }
    if (!slots.isEmpty()) {
      int table =
          b.alias(
              new Alias.CoreInstanceExport(
                  Sort.CORE_TABLE, shimInstance, CoreModuleWriter.TABLE_NAME));
      fixupItems.add(new NamedItem(CoreModuleWriter.TABLE_NAME, Sort.CORE_TABLE, table));
    }
    if (initializer != null) {
      fixupItems.add(
          new NamedItem(
              CoreNames.INITIALIZER,
              Sort.CORE_FUNC,
              coreExport(initializer, CoreNames.INITIALIZER)));
    }
    int fixupArgs = b.coreInstanceOf(fixupItems);
    int fixup =
        b.coreModule(
            CoreModuleWriter.fixup(
                slots.stream().map(Slot::signature).toList(),
                initializer != null ? Optional.of(CoreNames.INITIALIZER) : Optional.empty()));
    int fixupInstance =
        b.coreInstantiate(fixup, List.of(new NamedItem("", Sort.CORE_INSTANCE, fixupArgs)));
    names.name(Sort.CORE_MODULE, fixup, "fixup");
    names.name(Sort.CORE_INSTANCE, fixupInstance, "fixup");
  }

  /** An import served by an export of an earlier core instance. */
  private NamedItem fromUnit(CoreModuleInterface.Import imp, Provided provided) {
    Sort sort =
        switch (imp.kind()) {
          case FUNC -> Sort.CORE_FUNC;
          case TABLE -> Sort.CORE_TABLE;
          case MEMORY -> Sort.CORE_MEMORY;
          case GLOBAL -> Sort.CORE_GLOBAL;
          case TAG -> throw new IllegalArgumentException("tags cannot be linked: " + imp);
        };
    if (sort == Sort.CORE_MEMORY
        && provided.unit() == memoryOwner()
        && provided.export().equals(CoreNames.MEMORY)
        && memory != null) {
      return new NamedItem(imp.field(), sort, memory);
    }
    int index =
        b.alias(new Alias.CoreInstanceExport(sort, provided.unit().instance, provided.export()));
    return new NamedItem(imp.field(), sort, index);
  }

  private int shimExport(int slot) {
    return b.alias(
        new Alias.CoreInstanceExport(Sort.CORE_FUNC, shimInstance, Integer.toString(slot)));
  }

  /**
   * The component function type behind a core import, if it is a lowered function (as opposed to a
   * resource intrinsic).
   */
  private Optional<ComponentFuncType> loweredType(Unit unit, CoreModuleInterface.Import imp)
      throws ComponentEncodingException {
    String name = CoreNames.lowered(imp.field());
    if (imp.module().equals(CoreNames.ROOT_MODULE)) {
      if (CoreNames.isAsyncBuiltin(imp.field()) || CoreNames.isErrorContextBuiltin(imp.field())) {
        return Optional.empty();
      }
      ComponentFunction f = importedFunctions.get(name);
      if (f == null) {
        throw unknownImport(unit, imp, "the world imports no function '" + name + "'");
      }
      return Optional.of(f.type());
    }
    if (imp.module().startsWith(CoreNames.EXPORT_MODULE_PREFIX)) {
      return Optional.empty();
    }
    InterfaceType iface =
        importedInterfaces.get(
            InterfaceNames.servingImport(importedInterfaces.keySet(), imp.module()));
    if (iface == null) {
      throw unknownImport(unit, imp, "the world does not import interface '" + imp.module() + "'");
    }
    if (imp.field().startsWith(CoreNames.RESOURCE_DROP)) {
      return Optional.empty();
    }
    for (ComponentFunction f : iface.functions()) {
      if (f.name().equals(name)) {
        return Optional.of(f.type());
      }
    }
    throw unknownImport(
        unit, imp, "interface '" + imp.module() + "' has no function '" + name + "'");
  }

  /**
   * The export whose {@code task.return} the core import {@code [export]<iface>}/{@code
   * [task-return]<function>} is, if it is one.
   */
  private Optional<ComponentFuncType> taskReturnType(Unit unit, CoreModuleInterface.Import imp)
      throws ComponentEncodingException {
    if (!imp.module().startsWith(CoreNames.EXPORT_MODULE_PREFIX)
        || !imp.field().startsWith(CoreNames.TASK_RETURN)) {
      return Optional.empty();
    }
    String iface = imp.module().substring(CoreNames.EXPORT_MODULE_PREFIX.length());
    String name = imp.field().substring(CoreNames.TASK_RETURN.length());
    ComponentFunction f = null;
    if (iface.equals(CoreNames.ROOT_MODULE)) {
      f = exportedFunctions.get(name);
    } else if (exportedInterfaces.containsKey(iface)) {
      for (ComponentFunction candidate : exportedInterfaces.get(iface).functions()) {
        if (candidate.name().equals(name)) {
          f = candidate;
        }
      }
    }
    if (f == null || !f.type().async()) {
      throw unknownImport(
          unit, imp, "the world exports no async function '" + name + "' from '" + iface + "'");
    }
    return Optional.of(f.type());
  }

  /**
   * The canonical signature of a core import made by {@code canon lower} (sync or async) or {@code
   * canon task.return}, which may need the memory and realloc; empty for other imports.
   */
  private Optional<FlatSignature> canonSignature(Unit unit, CoreModuleInterface.Import imp)
      throws ComponentEncodingException {
    Optional<FlatSignature> builtin = handleBuiltinSignature(unit, imp);
    if (builtin.isPresent()) {
      return builtin;
    }
    Optional<ComponentFuncType> taskReturn = taskReturnType(unit, imp);
    if (taskReturn.isPresent()) {
      return Optional.of(CanonicalSignatures.taskReturn(taskReturn.get()));
    }
    Optional<ComponentFuncType> lowered = loweredType(unit, imp);
    if (lowered.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        imp.field().startsWith(CoreNames.ASYNC_LOWER)
            ? CanonicalSignatures.lowerAsync(lowered.get())
            : CanonicalSignatures.lower(lowered.get()));
  }

  /** The core function of an import that {@link #canonSignature} describes. */
  private int canonFunc(Unit unit, CoreModuleInterface.Import imp)
      throws ComponentEncodingException {
    FlatSignature sig = canonSignature(unit, imp).orElseThrow();
    if (isErrorContextBuiltin(imp) || CoreNames.handleBuiltin(imp.field()).isPresent()) {
      return handleBuiltinFunc(unit, imp, sig);
    }
    Optional<ComponentFuncType> taskReturn = taskReturnType(unit, imp);
    String user = unit.label + " import '" + imp.module() + "' '" + imp.field() + "'";
    List<CanonOption> options = new ArrayList<>();
    if (sig.needsMemory()) {
      options.add(new CanonOption.Memory(memory(user)));
    }
    if (taskReturn.isPresent()) {
      if (sig.needsMemory()) {
        options.add(new CanonOption.Utf8());
      }
      return b.taskReturn(taskReturn.get().result().map(top::valType), options);
    }
    if (sig.needsRealloc()) {
      options.add(new CanonOption.Realloc(realloc(unit, user)));
    }
    if (sig.needsMemory()) {
      options.add(new CanonOption.Utf8());
    }
    if (imp.field().startsWith(CoreNames.ASYNC_LOWER)) {
      options.add(new CanonOption.Async());
    }
    return b.canonLower(componentFunc(imp), options);
  }

  private static boolean isErrorContextBuiltin(CoreModuleInterface.Import imp) {
    return imp.module().equals(CoreNames.ROOT_MODULE)
        && CoreNames.isErrorContextBuiltin(imp.field());
  }

  /**
   * The stream or future type a {@code [stream-...-N]<function>} built-in is for: the {@code N}th
   * of the function's ({@code canon.AsyncHandles}); the function is imported from the import's
   * module, or exported when the module is {@code [export]<interface>}.
   */
  private ComponentValType handleType(
      Unit unit, CoreModuleInterface.Import imp, CoreNames.HandleBuiltin builtin)
      throws ComponentEncodingException {
    String module = imp.module();
    ComponentFunction f = null;
    if (module.startsWith(CoreNames.EXPORT_MODULE_PREFIX)) {
      String iface = module.substring(CoreNames.EXPORT_MODULE_PREFIX.length());
      if (iface.equals(CoreNames.ROOT_MODULE)) {
        f = exportedFunctions.get(builtin.function());
      } else if (exportedInterfaces.containsKey(iface)) {
        f = functionNamed(exportedInterfaces.get(iface), builtin.function());
      }
    } else if (module.equals(CoreNames.ROOT_MODULE)) {
      f = importedFunctions.get(builtin.function());
    } else {
      InterfaceType iface =
          importedInterfaces.get(InterfaceNames.servingImport(importedInterfaces.keySet(), module));
      f = iface == null ? null : functionNamed(iface, builtin.function());
    }
    if (f == null) {
      throw unknownImport(
          unit, imp, "'" + module + "' has no function '" + builtin.function() + "'");
    }
    List<ComponentValType> handles = AsyncHandles.of(f.type());
    if (builtin.index() >= handles.size()
        || (handles.get(builtin.index()) instanceof FutureType) != builtin.future()) {
      throw unknownImport(
          unit,
          imp,
          "function '"
              + builtin.function()
              + "' has no "
              + (builtin.future() ? "future" : "stream")
              + " number "
              + builtin.index()
              + " (it has "
              + (handles.size() == 1
                  ? "one stream or future"
                  : handles.size() + " streams and futures")
              + ", numbered from 0 in the order of its parameters and result)");
    }
    return handles.get(builtin.index());
  }

  private static ComponentFunction functionNamed(InterfaceType iface, String name) {
    for (ComponentFunction f : iface.functions()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** The core signature of a stream, future or error-context built-in, if {@code imp} is one. */
  private Optional<FlatSignature> handleBuiltinSignature(Unit unit, CoreModuleInterface.Import imp)
      throws ComponentEncodingException {
    if (isErrorContextBuiltin(imp)) {
      return Optional.of(
          switch (imp.field()) {
            case CoreNames.ERROR_CONTEXT_NEW ->
                builtinSignature(CanonicalSignatures.ERROR_CONTEXT_NEW, true, false);
            case CoreNames.ERROR_CONTEXT_DEBUG_MESSAGE ->
                builtinSignature(CanonicalSignatures.ERROR_CONTEXT_DEBUG_MESSAGE, true, true);
            default -> builtinSignature(CanonicalSignatures.I32_PARAM, false, false);
          });
    }
    Optional<CoreNames.HandleBuiltin> parsed = CoreNames.handleBuiltin(imp.field());
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    CoreNames.HandleBuiltin builtin = parsed.get();
    ComponentValType type = handleType(unit, imp, builtin);
    boolean pointers = AsyncHandles.payload(type).map(Types::containsPointers).orElse(false);
    CoreSignature copy =
        builtin.future() ? CanonicalSignatures.FUTURE_COPY : CanonicalSignatures.STREAM_COPY;
    return Optional.of(
        switch (builtin.operation()) {
          case "new" -> builtinSignature(CanonicalSignatures.HANDLE_NEW, false, false);
          case "read" -> builtinSignature(copy, true, pointers);
          case "write" -> builtinSignature(copy, true, false);
          case "cancel-read", "cancel-write" ->
              builtinSignature(CanonicalSignatures.CANCEL_COPY, false, false);
          default -> builtinSignature(CanonicalSignatures.I32_PARAM, false, false);
        });
  }

  private static FlatSignature builtinSignature(
      CoreSignature core, boolean memory, boolean realloc) {
    return new FlatSignature(core, false, false, memory, realloc);
  }

  /** The canon function of a stream, future or error-context built-in. */
  private int handleBuiltinFunc(Unit unit, CoreModuleInterface.Import imp, FlatSignature sig)
      throws ComponentEncodingException {
    String user = unit.label + " import '" + imp.module() + "' '" + imp.field() + "'";
    List<CanonOption> options = new ArrayList<>();
    if (sig.needsMemory()) {
      options.add(new CanonOption.Memory(memory(user)));
    }
    if (sig.needsRealloc()) {
      options.add(new CanonOption.Realloc(realloc(unit, user)));
    }
    if (isErrorContextBuiltin(imp)) {
      return switch (imp.field()) {
        case CoreNames.ERROR_CONTEXT_NEW -> {
          options.add(new CanonOption.Utf8());
          yield b.errorContextNew(options);
        }
        case CoreNames.ERROR_CONTEXT_DEBUG_MESSAGE -> {
          options.add(new CanonOption.Utf8());
          yield b.errorContextDebugMessage(options);
        }
        default -> b.errorContextDrop();
      };
    }
    CoreNames.HandleBuiltin builtin = CoreNames.handleBuiltin(imp.field()).orElseThrow();
    ComponentValType type = handleType(unit, imp, builtin);
    if (sig.needsMemory()
        && AsyncHandles.payload(type).map(Types::containsPointers).orElse(false)) {
      options.add(new CanonOption.Utf8());
    }
    ComponentBuilder.HandleBuiltin op =
        ComponentBuilder.HandleBuiltin.values()[
            CoreNames.HANDLE_OPERATIONS.indexOf(builtin.operation())];
    if (op == ComponentBuilder.HandleBuiltin.READ || op == ComponentBuilder.HandleBuiltin.WRITE) {
      options.add(0, new CanonOption.Async());
    }
    return b.handleBuiltin(op, builtin.future(), top.index(type), options);
  }

  /** A task or waitable built-in imported from {@value CoreNames#ROOT_MODULE}. */
  private int asyncBuiltin(String field) {
    return switch (field) {
      case CoreNames.WAITABLE_SET_NEW ->
          b.asyncBuiltin(ComponentBuilder.AsyncBuiltin.WAITABLE_SET_NEW);
      case CoreNames.WAITABLE_SET_DROP ->
          b.asyncBuiltin(ComponentBuilder.AsyncBuiltin.WAITABLE_SET_DROP);
      case CoreNames.WAITABLE_JOIN -> b.asyncBuiltin(ComponentBuilder.AsyncBuiltin.WAITABLE_JOIN);
      case CoreNames.SUBTASK_DROP -> b.asyncBuiltin(ComponentBuilder.AsyncBuiltin.SUBTASK_DROP);
      case CoreNames.CONTEXT_GET -> b.context(false, 0);
      case CoreNames.CONTEXT_SET -> b.context(true, 0);
      default -> throw new IllegalArgumentException("not an async built-in: " + field);
    };
  }

  /**
   * An import satisfied without the shim: the main module's memory or exports (for the adapter), a
   * lowering that needs at most the (already existing) main memory, or a resource intrinsic.
   */
  private NamedItem directImport(Unit unit, CoreModuleInterface.Import imp)
      throws ComponentEncodingException {
    String field = imp.field();
    if (unit.isAdapter && imp.module().equals(MAIN_MODULE)) {
      return new NamedItem(field, Sort.CORE_FUNC, pageRealloc()); // see bindAdapter
    }
    if (imp.kind() != CoreModuleInterface.Kind.FUNC) {
      throw unknownImport(
          unit,
          imp,
          "only functions can be imported from a world, not a "
              + imp.kind().name().toLowerCase(Locale.ROOT));
    }
    if (imp.module().equals(CoreNames.ROOT_MODULE) && CoreNames.isAsyncBuiltin(field)) {
      return new NamedItem(field, Sort.CORE_FUNC, asyncBuiltin(field));
    }
    if (canonSignature(unit, imp).isPresent()) {
      return new NamedItem(field, Sort.CORE_FUNC, canonFunc(unit, imp));
    }
    if (imp.module().startsWith(CoreNames.EXPORT_MODULE_PREFIX)) {
      String iface = imp.module().substring(CoreNames.EXPORT_MODULE_PREFIX.length());
      if (!exportedInterfaces.containsKey(iface)) {
        throw unknownImport(unit, imp, "the world does not export interface '" + iface + "'");
      }
      int func;
      if (field.startsWith(CoreNames.RESOURCE_NEW)) {
        func =
            b.resourceNew(
                resource(unit, imp, iface, field.substring(CoreNames.RESOURCE_NEW.length())));
      } else if (field.startsWith(CoreNames.RESOURCE_REP)) {
        func =
            b.resourceRep(
                resource(unit, imp, iface, field.substring(CoreNames.RESOURCE_REP.length())));
      } else if (field.startsWith(CoreNames.RESOURCE_DROP)) {
        func =
            b.resourceDrop(
                resource(unit, imp, iface, field.substring(CoreNames.RESOURCE_DROP.length())));
      } else {
        throw unknownImport(unit, imp, "expected [resource-new|rep|drop]<resource>");
      }
      return new NamedItem(field, Sort.CORE_FUNC, func);
    }
    // [resource-drop]<r> of an imported resource.
    return new NamedItem(
        field,
        Sort.CORE_FUNC,
        b.resourceDrop(
            resource(
                unit,
                imp,
                InterfaceNames.servingImport(importedInterfaces.keySet(), imp.module()),
                field.substring(CoreNames.RESOURCE_DROP.length()))));
  }

  private int pageRealloc() {
    if (pageRealloc == null) {
      int module = b.coreModule(CoreModuleWriter.pageRealloc());
      names.name(Sort.CORE_MODULE, module, "page-realloc");
      int memoryArgs;
      try {
        memoryArgs =
            b.coreInstanceOf(
                List.of(new NamedItem("memory", Sort.CORE_MEMORY, memory("page allocator"))));
      } catch (ComponentEncodingException e) {
        throw new IllegalStateException(e);
      }
      int instance =
          b.coreInstantiate(module, List.of(new NamedItem("", Sort.CORE_INSTANCE, memoryArgs)));
      pageRealloc =
          b.alias(new Alias.CoreInstanceExport(Sort.CORE_FUNC, instance, CoreNames.REALLOC));
    }
    return pageRealloc;
  }

  private int resource(Unit unit, CoreModuleInterface.Import imp, String iface, String name)
      throws ComponentEncodingException {
    InterfaceType owner =
        importedInterfaces.containsKey(iface)
            ? importedInterfaces.get(iface)
            : exportedInterfaces.get(iface);
    for (ExportedType type : owner.types()) {
      if (type instanceof ResourceType r && r.name().name().equals(name)) {
        return topLevelNamed(r);
      }
    }
    throw unknownImport(unit, imp, "interface '" + iface + "' has no resource '" + name + "'");
  }

  /** The component-level function a lowered core import calls. */
  private int componentFunc(CoreModuleInterface.Import imp) {
    String name = CoreNames.lowered(imp.field());
    if (imp.module().equals(CoreNames.ROOT_MODULE)) {
      return importedFuncIndices.get(name);
    }
    return aliasedFuncs.computeIfAbsent(
        imp.module() + "\0" + name,
        k ->
            b.alias(
                new Alias.InstanceExport(
                    Sort.FUNC,
                    importedInstances.get(
                        InterfaceNames.servingImport(importedInterfaces.keySet(), imp.module())),
                    name)));
  }

  /** The main module's memory, which every core module of the component shares. */
  private int memory(String user) throws ComponentEncodingException {
    if (memory == null) {
      Unit owner = memoryOwner();
      if (!owner.exportsMemory()) {
        throw new ComponentEncodingException(
            user
                + " passes values through memory, but the core module exports no memory named '"
                + CoreNames.MEMORY
                + "'");
      }
      memory =
          b.alias(new Alias.CoreInstanceExport(Sort.CORE_MEMORY, owner.instance, CoreNames.MEMORY));
    }
    return memory;
  }

  private int realloc(Unit unit, String user) throws ComponentEncodingException {
    Unit provider = reallocProvider(unit);
    if (provider == null) {
      throw new ComponentEncodingException(
          user
              + " needs an allocator, but the "
              + unit.label
              + " exports no function '"
              + unit.reallocExport
              + "'");
    }
    if (provider.realloc == null) {
      provider.realloc =
          coreExport(provider, provider == unit ? unit.reallocExport : CoreNames.REALLOC);
    }
    return provider.realloc;
  }

  private int coreExport(Unit unit, String name) {
    return b.alias(new Alias.CoreInstanceExport(Sort.CORE_FUNC, unit.instance, name));
  }

  private static ComponentEncodingException unknownImport(
      Unit unit, CoreModuleInterface.Import imp, String why) {
    String what =
        unit == null || unit.label.equals(MAIN_LABEL)
            ? "core module"
            : unit.isAdapter ? "preview1 adapter" : "instance '" + unit.label + "'";
    return new ComponentEncodingException(
        what + " imports '" + imp.module() + "' '" + imp.field() + "', but " + why);
  }

  // ---------------------------------------------------------------------------------------------
  // Exports

  /** {@code canon lift} of the core export {@code coreName} as a function of {@code type}. */
  private int lift(String exportName, ComponentFuncType type) throws ComponentEncodingException {
    // An async export is lifted with the callback ABI (Async.md "Async Export ABI").
    String coreName = type.async() ? CoreNames.ASYNC_LIFT + exportName : exportName;
    Unit unit = null;
    for (Unit u : units) {
      if (u.iface.exportsFunc(coreName)) {
        unit = u;
        break;
      }
    }
    if (unit == null) {
      throw new ComponentEncodingException(
          "the world exports '" + coreName + "', but the core module exports no such function");
    }
    int funcType = top.funcType(type);
    int coreFunc = coreExport(unit, coreName);
    FlatSignature sig =
        type.async() ? CanonicalSignatures.liftAsync(type) : CanonicalSignatures.lift(type);
    List<CanonOption> options = new ArrayList<>();
    String user = "export '" + coreName + "'";
    if (sig.needsMemory()) {
      options.add(new CanonOption.Memory(memory(user)));
    }
    if (sig.needsRealloc()) {
      options.add(new CanonOption.Realloc(realloc(unit, user)));
    }
    if (sig.needsMemory()) {
      options.add(new CanonOption.Utf8());
    }
    if (type.async()) {
      String callback = CoreNames.CALLBACK + coreName;
      if (!unit.iface.exportsFunc(callback)) {
        throw new ComponentEncodingException(
            "the world exports async '"
                + exportName
                + "', but the core module exports no callback '"
                + callback
                + "' (only the callback ABI is supported)");
      }
      options.add(new CanonOption.Async());
      options.add(new CanonOption.Callback(coreExport(unit, callback)));
      return b.canonLift(coreFunc, options, funcType);
    }
    String post = CoreNames.postReturn(coreName);
    if (unit.iface.exportsFunc(post)) {
      options.add(new CanonOption.PostReturn(coreExport(unit, post)));
    }
    return b.canonLift(coreFunc, options, funcType);
  }

  /**
   * Exports an interface: its functions are lifted at the top level, then a nested component
   * imports them with the interface's types and re-exports both under their WIT names, so the
   * instance it exports has exactly the interface's instance type.
   */
  private void exportInterface(InterfaceType iface) throws ComponentEncodingException {
    Map<String, Integer> lifted = new LinkedHashMap<>();
    for (ComponentFunction f : iface.functions()) {
      lifted.put(f.name(), lift(CoreNames.export(iface.name(), f.name()), f.type()));
    }
    NestedExport nested = new NestedExport(iface);
    byte[] component = nested.encode();
    List<NamedItem> args = new ArrayList<>();
    for (Map.Entry<String, ExportedType> imported : nested.importedTypes.entrySet()) {
      ExportedType type = imported.getValue();
      Integer owner = exportedInstances.get(type.name().owner());
      // A type of an interface exported earlier comes out of that instance, so that the printed
      // WIT says `use a.{r}` instead of repeating a structurally equal definition.
      int index =
          owner != null
              ? b.alias(new Alias.InstanceExport(Sort.TYPE, owner, type.name().name()))
              : top.indexOf(type);
      args.add(new NamedItem(imported.getKey(), Sort.TYPE, index));
    }
    for (ComponentFunction f : iface.functions()) {
      args.add(new NamedItem(NestedExport.funcImportName(f), Sort.FUNC, lifted.get(f.name())));
    }
    int nestedComponent = b.component(component);
    int instance = b.instantiate(nestedComponent, args);
    names.name(Sort.COMPONENT, nestedComponent, iface.name() + "-shim-component");
    names.name(Sort.INSTANCE, instance, iface.name() + "-shim-instance");
    exportedInstances.put(
        iface.name(), b.export(iface.name(), Sort.INSTANCE, instance, Optional.empty()));
  }
}
