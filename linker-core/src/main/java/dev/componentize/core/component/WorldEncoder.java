package dev.componentize.core.component;

import dev.componentize.core.component.binary.Alias;
import dev.componentize.core.component.binary.CanonOption;
import dev.componentize.core.component.binary.ComponentBuilder;
import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.binary.CoreModuleInterface;
import dev.componentize.core.component.binary.CoreModuleWriter;
import dev.componentize.core.component.binary.ExternDesc;
import dev.componentize.core.component.binary.NamedItem;
import dev.componentize.core.component.binary.Sort;
import dev.componentize.core.component.binary.TypeDeclarations;
import dev.componentize.core.component.binary.TypeDef;
import dev.componentize.core.component.binary.TypeScope;
import dev.componentize.core.component.canon.CanonicalSignatures;
import dev.componentize.core.component.canon.CoreSignature;
import dev.componentize.core.component.canon.FlatSignature;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.FuncType;
import dev.componentize.core.component.types.Function;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.UsedType;
import dev.componentize.core.component.types.WorldItem;
import dev.componentize.core.component.types.WorldType;
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
 *   <li>the core module; if some lowered imports need the module's memory or realloc, or an
 *       exported resource has a destructor, the shim module and its instance (see {@link
 *       CoreModuleWriter});
 *   <li>the exported resource types, then one core instance per core import module, made of lowered
 *       functions, shim forwarders and resource intrinsics, then the main instance;
 *   <li>the fixup instance that fills the shim's table and runs {@code _initialize};
 *   <li>exported functions (lifted) and exported interfaces: lifted functions re-exported through a
 *       small nested component that gives the interface's types their names.
 * </ol>
 *
 * <p>Every step iterates lists in the world's order, so equal inputs give equal bytes.
 */
public final class WorldEncoder {
  private final WorldType world;
  private final byte[] module;
  private final CoreModuleInterface core;
  private final ComponentBuilder b = new ComponentBuilder();

  private final Map<String, InterfaceType> importedInterfaces = new LinkedHashMap<>();
  private final Map<String, InterfaceType> exportedInterfaces = new LinkedHashMap<>();
  private final Map<String, Function> importedFunctions = new LinkedHashMap<>();
  private final Map<String, Integer> importedInstances = new HashMap<>();
  private final Map<String, Integer> importedFuncIndices = new HashMap<>();
  private final Map<TypeName, Integer> topNamed = new HashMap<>();
  private final Map<String, Integer> aliasedFuncs = new HashMap<>();
  private final TypeScope top;

  private int mainInstance = -1;
  private Integer memory;
  private Integer realloc;

  private WorldEncoder(WorldType world, byte[] module) throws ComponentEncodingException {
    this.world = world;
    this.module = module.clone();
    this.core = CoreModuleInterface.read(module);
    for (WorldItem item : world.imports()) {
      if (item instanceof InterfaceType iface) {
        importedInterfaces.put(iface.name(), iface);
      } else {
        importedFunctions.put(item.name(), (Function) item);
      }
    }
    for (WorldItem item : world.exports()) {
      if (item instanceof InterfaceType iface) {
        exportedInterfaces.put(iface.name(), iface);
      }
    }
    ComponentBuilder builder = b;
    top =
        new TypeScope() {
          @Override
          protected int define(TypeDef def) {
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
    return new WorldEncoder(world, module).run();
  }

  private byte[] run() throws ComponentEncodingException {
    for (WorldItem item : world.imports()) {
      if (item instanceof InterfaceType iface) {
        importInterface(iface);
      } else {
        Function f = (Function) item;
        int type = top.funcType(f.type());
        importedFuncIndices.put(f.name(), b.importItem(f.name(), new ExternDesc.Func(type)));
      }
    }
    instantiateCore();
    for (WorldItem item : world.exports()) {
      if (item instanceof InterfaceType iface) {
        exportInterface(iface);
      } else {
        Function f = (Function) item;
        int lifted = lift(f.name(), f.type());
        b.export(f.name(), Sort.FUNC, lifted, Optional.empty());
      }
    }
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
    InstanceTypeBuilder instanceType = new InstanceTypeBuilder(iface);
    int type = b.type(instanceType.build());
    importedInstances.put(iface.name(), b.importItem(iface.name(), new ExternDesc.Instance(type)));
  }

  /**
   * The instance type of an imported interface (Binary.md, {@code instancetype}): its own types
   * exported by name ({@code (eq i)} for value types, {@code (sub resource)} for resources), the
   * types it uses from other interfaces reached with {@code (alias outer 1 i)} and exported under
   * their local names, then its functions.
   */
  private final class InstanceTypeBuilder {
    private final InterfaceType iface;
    private final TypeDeclarations decls = new TypeDeclarations();
    private final Map<TypeName, ExportedType> own = new LinkedHashMap<>();
    private final Map<TypeName, UsedType> usedByOrigin = new HashMap<>();
    private final Map<TypeName, Integer> local = new HashMap<>();
    private final TypeScope scope;

    InstanceTypeBuilder(InterfaceType iface) {
      this.iface = iface;
      for (ExportedType t : iface.types()) {
        own.put(t.name(), t);
        if (t instanceof UsedType used) {
          usedByOrigin.put(used.origin().name(), used);
        }
      }
      this.scope = decls.scope(this::resolve);
    }

    TypeDef.Instance build() {
      for (ExportedType type : iface.types()) {
        declare(type);
      }
      for (Function f : iface.functions()) {
        decls.exportFunc(f.name(), scope.funcType(f.type()));
      }
      return decls.toInstanceType();
    }

    /** A reference from a function or type body: local name first, else the outer scope. */
    private int resolve(ExportedType type) {
      Integer known = local.get(type.name());
      if (known != null) {
        return known;
      }
      if (own.containsKey(type.name())) {
        return declare(own.get(type.name()));
      }
      UsedType used = usedByOrigin.get(type.name());
      if (used != null) {
        int index = declare(used);
        local.put(type.name(), index);
        return index;
      }
      int index = decls.outerType(1, top.indexOf(type));
      local.put(type.name(), index);
      return index;
    }

    private int declare(ExportedType type) {
      Integer known = local.get(type.name());
      if (known != null) {
        return known;
      }
      String name = type.name().name();
      int index;
      if (type instanceof ResourceType) {
        index = decls.exportType(name, new ExternDesc.SubResource());
      } else if (type instanceof UsedType used) {
        int target = decls.outerType(1, top.indexOf(used.target()));
        index = decls.exportType(name, new ExternDesc.TypeEq(target));
      } else {
        int body = scope.index(((NamedType) type).definition());
        index = decls.exportType(name, new ExternDesc.TypeEq(body));
      }
      local.put(type.name(), index);
      return index;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The core module and its instance

  /** A function the core module needs that must go through the shim. */
  private record Slot(CoreSignature signature, String importModule, String field) {}

  private void instantiateCore() throws ComponentEncodingException {
    // Decide, before emitting anything, which functions need the shim.
    List<Slot> slots = new ArrayList<>();
    Map<String, List<CoreModuleInterface.Import>> byModule = new LinkedHashMap<>();
    for (CoreModuleInterface.Import imp : core.imports()) {
      if (imp.kind() != CoreModuleInterface.Kind.FUNC) {
        throw new ComponentEncodingException(
            "core module imports "
                + imp.kind().name().toLowerCase(Locale.ROOT)
                + " '"
                + imp.module()
                + "' '"
                + imp.field()
                + "'; only functions can be imported from a world");
      }
      byModule.computeIfAbsent(imp.module(), m -> new ArrayList<>()).add(imp);
      Optional<FuncType> lowered = loweredType(imp);
      if (lowered.isPresent()) {
        FlatSignature sig = CanonicalSignatures.lower(lowered.get());
        if (sig.needsMemory() || sig.needsRealloc()) {
          slots.add(new Slot(sig.core(), imp.module(), imp.field()));
        }
      }
    }
    List<ResourceType> exportedResources = new ArrayList<>();
    for (InterfaceType iface : exportedInterfaces.values()) {
      for (ExportedType type : iface.types()) {
        if (type instanceof ResourceType resource) {
          exportedResources.add(resource);
          if (core.exportsFunc(CoreNames.destructor(iface.name(), resource.name().name()))) {
            slots.add(new Slot(CanonicalSignatures.RESOURCE_DTOR, null, resource.name().name()));
          }
        }
      }
    }

    int mainModule = b.coreModule(module);
    int shimInstance = -1;
    Map<String, Integer> slotIndex = new HashMap<>();
    if (!slots.isEmpty()) {
      List<CoreSignature> signatures = slots.stream().map(Slot::signature).toList();
      int shim = b.coreModule(CoreModuleWriter.shim(signatures));
      shimInstance = b.coreInstantiate(shim, List.of());
      for (int i = 0; i < slots.size(); i++) {
        slotIndex.put(slotKey(slots.get(i)), i);
      }
    }

    // Exported resources: defined here (generative), with destructors through the shim.
    for (ResourceType resource : exportedResources) {
      Integer slot = slotIndex.get(slotKey(new Slot(null, null, resource.name().name())));
      Optional<Integer> dtor = Optional.empty();
      if (slot != null) {
        dtor =
            Optional.of(
                b.alias(
                    new Alias.CoreInstanceExport(
                        Sort.CORE_FUNC, shimInstance, Integer.toString(slot))));
      }
      topNamed.put(resource.name(), b.type(new TypeDef.Resource(dtor)));
    }

    List<NamedItem> args = new ArrayList<>();
    for (Map.Entry<String, List<CoreModuleInterface.Import>> entry : byModule.entrySet()) {
      List<NamedItem> items = new ArrayList<>();
      for (CoreModuleInterface.Import imp : entry.getValue()) {
        Integer slot = slotIndex.get(entry.getKey() + "\0" + imp.field());
        int coreFunc;
        if (slot != null) {
          coreFunc =
              b.alias(
                  new Alias.CoreInstanceExport(
                      Sort.CORE_FUNC, shimInstance, Integer.toString(slot)));
        } else {
          coreFunc = directImport(imp);
        }
        items.add(new NamedItem(imp.field(), Sort.CORE_FUNC, coreFunc));
      }
      args.add(new NamedItem(entry.getKey(), Sort.CORE_INSTANCE, b.coreInstanceOf(items)));
    }
    mainInstance = b.coreInstantiate(mainModule, args);

    boolean initializer = core.exportsFunc(CoreNames.INITIALIZER);
    if (slots.isEmpty() && !initializer) {
      return;
    }
    List<NamedItem> fixupItems = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      Slot slot = slots.get(i);
      int coreFunc;
      if (slot.importModule() == null) {
        coreFunc = destructorOf(slot.field());
      } else {
        CoreModuleInterface.Import imp =
            new CoreModuleInterface.Import(
                slot.importModule(), slot.field(), CoreModuleInterface.Kind.FUNC);
        FuncType type = loweredType(imp).orElseThrow();
        coreFunc = b.canonLower(componentFunc(imp), lowerOptions(type, imp));
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
    if (initializer) {
      fixupItems.add(
          new NamedItem(CoreNames.INITIALIZER, Sort.CORE_FUNC, coreExport(CoreNames.INITIALIZER)));
    }
    int fixupArgs = b.coreInstanceOf(fixupItems);
    int fixup =
        b.coreModule(
            CoreModuleWriter.fixup(
                slots.stream().map(Slot::signature).toList(),
                initializer ? Optional.of(CoreNames.INITIALIZER) : Optional.empty()));
    b.coreInstantiate(fixup, List.of(new NamedItem("", Sort.CORE_INSTANCE, fixupArgs)));
  }

  private static String slotKey(Slot slot) {
    return slot.importModule() == null
        ? "[dtor]\0" + slot.field()
        : slot.importModule() + "\0" + slot.field();
  }

  private int destructorOf(String resource) throws ComponentEncodingException {
    for (InterfaceType iface : exportedInterfaces.values()) {
      String name = CoreNames.destructor(iface.name(), resource);
      if (core.exportsFunc(name)) {
        return coreExport(name);
      }
    }
    throw new ComponentEncodingException("no destructor export for resource " + resource);
  }

  /**
   * The component function type behind a core import, if it is a lowered function (as opposed to a
   * resource intrinsic).
   */
  private Optional<FuncType> loweredType(CoreModuleInterface.Import imp)
      throws ComponentEncodingException {
    if (imp.module().equals(CoreNames.ROOT_MODULE)) {
      Function f = importedFunctions.get(imp.field());
      if (f == null) {
        throw unknownImport(imp, "the world imports no function '" + imp.field() + "'");
      }
      return Optional.of(f.type());
    }
    if (imp.module().startsWith(CoreNames.EXPORT_MODULE_PREFIX)) {
      return Optional.empty();
    }
    InterfaceType iface = importedInterfaces.get(imp.module());
    if (iface == null) {
      throw unknownImport(imp, "the world does not import interface '" + imp.module() + "'");
    }
    if (imp.field().startsWith(CoreNames.RESOURCE_DROP)) {
      return Optional.empty();
    }
    for (Function f : iface.functions()) {
      if (f.name().equals(imp.field())) {
        return Optional.of(f.type());
      }
    }
    throw unknownImport(
        imp, "interface '" + imp.module() + "' has no function '" + imp.field() + "'");
  }

  /** A core function for an import that needs no memory: plain lowering or an intrinsic. */
  private int directImport(CoreModuleInterface.Import imp) throws ComponentEncodingException {
    Optional<FuncType> lowered = loweredType(imp);
    if (lowered.isPresent()) {
      return b.canonLower(componentFunc(imp), List.of());
    }
    String field = imp.field();
    if (imp.module().startsWith(CoreNames.EXPORT_MODULE_PREFIX)) {
      String iface = imp.module().substring(CoreNames.EXPORT_MODULE_PREFIX.length());
      if (!exportedInterfaces.containsKey(iface)) {
        throw unknownImport(imp, "the world does not export interface '" + iface + "'");
      }
      if (field.startsWith(CoreNames.RESOURCE_NEW)) {
        return b.resourceNew(
            resource(imp, iface, field.substring(CoreNames.RESOURCE_NEW.length())));
      } else if (field.startsWith(CoreNames.RESOURCE_REP)) {
        return b.resourceRep(
            resource(imp, iface, field.substring(CoreNames.RESOURCE_REP.length())));
      } else if (field.startsWith(CoreNames.RESOURCE_DROP)) {
        return b.resourceDrop(
            resource(imp, iface, field.substring(CoreNames.RESOURCE_DROP.length())));
      }
      throw unknownImport(imp, "expected [resource-new|rep|drop]<resource>");
    }
    // [resource-drop]<r> of an imported resource.
    return b.resourceDrop(
        resource(imp, imp.module(), field.substring(CoreNames.RESOURCE_DROP.length())));
  }

  private int resource(CoreModuleInterface.Import imp, String iface, String name)
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
    throw unknownImport(imp, "interface '" + iface + "' has no resource '" + name + "'");
  }

  /** The component-level function a lowered core import calls. */
  private int componentFunc(CoreModuleInterface.Import imp) {
    if (imp.module().equals(CoreNames.ROOT_MODULE)) {
      return importedFuncIndices.get(imp.field());
    }
    return aliasedFuncs.computeIfAbsent(
        imp.module() + "\0" + imp.field(),
        k ->
            b.alias(
                new Alias.InstanceExport(
                    Sort.FUNC, importedInstances.get(imp.module()), imp.field())));
  }

  private List<CanonOption> lowerOptions(FuncType type, CoreModuleInterface.Import imp)
      throws ComponentEncodingException {
    FlatSignature sig = CanonicalSignatures.lower(type);
    List<CanonOption> options = new ArrayList<>();
    if (sig.needsMemory()) {
      options.add(
          new CanonOption.Memory(memory("import '" + imp.module() + "' '" + imp.field() + "'")));
    }
    if (sig.needsRealloc()) {
      options.add(
          new CanonOption.Realloc(realloc("import '" + imp.module() + "' '" + imp.field() + "'")));
    }
    if (sig.needsMemory()) {
      options.add(new CanonOption.Utf8());
    }
    return options;
  }

  private int memory(String user) throws ComponentEncodingException {
    if (memory == null) {
      if (core.export(CoreNames.MEMORY)
          .map(e -> e.kind() != CoreModuleInterface.Kind.MEMORY)
          .orElse(true)) {
        throw new ComponentEncodingException(
            user
                + " passes values through memory, but the core module exports no memory named '"
                + CoreNames.MEMORY
                + "'");
      }
      memory =
          b.alias(new Alias.CoreInstanceExport(Sort.CORE_MEMORY, mainInstance, CoreNames.MEMORY));
    }
    return memory;
  }

  private int realloc(String user) throws ComponentEncodingException {
    if (realloc == null) {
      if (!core.exportsFunc(CoreNames.REALLOC)) {
        throw new ComponentEncodingException(
            user
                + " needs an allocator, but the core module exports no function '"
                + CoreNames.REALLOC
                + "'");
      }
      realloc = coreExport(CoreNames.REALLOC);
    }
    return realloc;
  }

  private int coreExport(String name) {
    return b.alias(new Alias.CoreInstanceExport(Sort.CORE_FUNC, mainInstance, name));
  }

  private static ComponentEncodingException unknownImport(
      CoreModuleInterface.Import imp, String why) {
    return new ComponentEncodingException(
        "core module imports '" + imp.module() + "' '" + imp.field() + "', but " + why);
  }

  // ---------------------------------------------------------------------------------------------
  // Exports

  /** {@code canon lift} of the core export {@code coreName} as a function of {@code type}. */
  private int lift(String coreName, FuncType type) throws ComponentEncodingException {
    if (!core.exportsFunc(coreName)) {
      throw new ComponentEncodingException(
          "the world exports '" + coreName + "', but the core module exports no such function");
    }
    int funcType = top.funcType(type);
    int coreFunc = coreExport(coreName);
    FlatSignature sig = CanonicalSignatures.lift(type);
    List<CanonOption> options = new ArrayList<>();
    String user = "export '" + coreName + "'";
    if (sig.needsMemory()) {
      options.add(new CanonOption.Memory(memory(user)));
    }
    if (sig.needsRealloc()) {
      options.add(new CanonOption.Realloc(realloc(user)));
    }
    if (sig.needsMemory()) {
      options.add(new CanonOption.Utf8());
    }
    String post = CoreNames.postReturn(coreName);
    if (core.exportsFunc(post)) {
      options.add(new CanonOption.PostReturn(coreExport(post)));
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
    for (Function f : iface.functions()) {
      lifted.put(f.name(), lift(CoreNames.export(iface.name(), f.name()), f.type()));
    }
    NestedExport nested = new NestedExport(iface);
    byte[] component = nested.encode();
    List<NamedItem> args = new ArrayList<>();
    for (Map.Entry<String, ExportedType> imported : nested.importedTypes.entrySet()) {
      args.add(new NamedItem(imported.getKey(), Sort.TYPE, top.indexOf(imported.getValue())));
    }
    for (Function f : iface.functions()) {
      args.add(new NamedItem(NestedExport.funcImportName(f), Sort.FUNC, lifted.get(f.name())));
    }
    int instance = b.instantiate(b.component(component), args);
    b.export(iface.name(), Sort.INSTANCE, instance, Optional.empty());
  }
}
