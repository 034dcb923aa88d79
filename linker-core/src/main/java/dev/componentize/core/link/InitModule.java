package dev.componentize.core.link;

import dev.componentize.core.link.SlotAllocator.FunctionRef;
import dev.componentize.core.link.SlotAllocator.Slot;
import dev.componentize.core.wasm.CodeBuilder;
import dev.componentize.core.wasm.ConstExpr;
import dev.componentize.core.wasm.ElementSegment;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.Limits;
import dev.componentize.core.wasm.ModuleBuilder;
import dev.componentize.core.wasm.TableType;
import dev.componentize.core.wasm.ValType;
import dev.componentize.core.wasm.WasmModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthesized last instance: it fills the table slots the linker handed out (every instance
 * exists by now) and its start function applies each library's data relocations, then runs each
 * library's constructors, in dependency order. Its imports are named after the instance and export
 * they come from.
 */
final class InitModule {
  static final String INSTANCE = "init";
  private static final FuncType VOID = FuncType.of(List.of(), List.of());

  private final Map<FunctionRef, FuncType> imports = new LinkedHashMap<>();
  private final List<FunctionRef> relocations = new ArrayList<>();
  private final List<FunctionRef> constructors = new ArrayList<>();

  void applyRelocations(String instance, String export) {
    FunctionRef ref = new FunctionRef(instance, export);
    imports.put(ref, VOID);
    relocations.add(ref);
  }

  void runConstructors(String instance, String export) {
    FunctionRef ref = new FunctionRef(instance, export);
    imports.put(ref, VOID);
    constructors.add(ref);
  }

  /** The bindings of the built module's imports, in import order. */
  List<ImportBinding> bindings(List<Slot> slots) {
    List<ImportBinding> bindings = new ArrayList<>();
    bindings.add(
        new ImportBinding(
            MainModule.INSTANCE,
            MainModule.TABLE,
            new ImportBinding.FromInstance(MainModule.INSTANCE, MainModule.TABLE)));
    for (FunctionRef ref : importOrder(slots, Map.of()).keySet()) {
      bindings.add(
          new ImportBinding(
              ref.instance(),
              ref.export(),
              new ImportBinding.FromInstance(ref.instance(), ref.export())));
    }
    return bindings;
  }

  WasmModule build(int tableSize, List<Slot> slots, Map<FunctionRef, FuncType> slotTypes) {
    ModuleBuilder module = new ModuleBuilder();
    int table =
        module.importTable(
            MainModule.INSTANCE,
            MainModule.TABLE,
            new TableType(ValType.FUNCREF, Limits.of(tableSize)));
    Map<FunctionRef, Integer> functionIndex = new LinkedHashMap<>();
    importOrder(slots, slotTypes)
        .forEach(
            (ref, type) ->
                functionIndex.put(ref, module.importFunction(ref.instance(), ref.export(), type)));

    // One active segment per run of consecutive slots.
    List<Integer> run = new ArrayList<>();
    int runStart = -1;
    for (Slot slot : slots) {
      if (!run.isEmpty() && slot.index() != runStart + run.size()) {
        module.element(ElementSegment.active(table, ConstExpr.i32Const(runStart), run));
        run = new ArrayList<>();
      }
      if (run.isEmpty()) {
        runStart = slot.index();
      }
      run.add(functionIndex.get(slot.function()));
    }
    if (!run.isEmpty()) {
      module.element(ElementSegment.active(table, ConstExpr.i32Const(runStart), run));
    }

    CodeBuilder start = new CodeBuilder();
    for (FunctionRef ref : relocations) {
      start.call(functionIndex.get(ref));
    }
    for (FunctionRef ref : constructors) {
      start.call(functionIndex.get(ref));
    }
    start.end();
    module.start(module.function(VOID, start.body(List.of())));
    return module.build();
  }

  private Map<FunctionRef, FuncType> importOrder(
      List<Slot> slots, Map<FunctionRef, FuncType> slotTypes) {
    Map<FunctionRef, FuncType> order = new LinkedHashMap<>(imports);
    for (Slot slot : slots) {
      order.putIfAbsent(slot.function(), slotTypes.getOrDefault(slot.function(), VOID));
    }
    return order;
  }
}
