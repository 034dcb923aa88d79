package dev.componentize.core.link;

import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CodeBuilder;
import dev.componentize.core.wasm.ConstExpr;
import dev.componentize.core.wasm.DataSegment;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.GlobalType;
import dev.componentize.core.wasm.Limits;
import dev.componentize.core.wasm.MemoryType;
import dev.componentize.core.wasm.ModuleBuilder;
import dev.componentize.core.wasm.Table;
import dev.componentize.core.wasm.TableType;
import dev.componentize.core.wasm.ValType;
import dev.componentize.core.wasm.WasmModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The synthesized first instance: it owns the memory, the function table, the stack pointer and
 * every global the libraries import (bases, GOT entries), and provides trampolines and trapping
 * stubs. It imports nothing, so it can be instantiated first.
 */
final class MainModule {
  static final String INSTANCE = "main";
  static final String MEMORY = "memory";
  static final String TABLE = "__indirect_function_table";
  static final String STACK_POINTER = "__stack_pointer";

  private record GlobalDef(GlobalType type, int value) {}

  private record FunctionDef(FuncType type, Optional<Integer> trampolineSlot) {}

  private final Map<String, GlobalDef> globals = new LinkedHashMap<>();
  private final Map<String, FunctionDef> functions = new LinkedHashMap<>();

  /** An exported i32 global with a value fixed at link time; returns its export name. */
  String global(String exportName, boolean mutable, int value) {
    GlobalType type = mutable ? GlobalType.mutable(ValType.I32) : GlobalType.immutable(ValType.I32);
    GlobalDef existing = globals.putIfAbsent(exportName, new GlobalDef(type, value));
    if (existing != null && existing.value() != value) {
      throw new IllegalStateException("global " + exportName + " defined twice with other values");
    }
    return exportName;
  }

  /**
   * A function of type {@code type} that calls whatever the init module puts in table slot {@code
   * slot}; it stands in for a function whose instance does not exist yet when the importer is
   * instantiated (a dependency cycle).
   */
  String trampoline(String symbol, FuncType type, int slot) {
    String name = "trampoline:" + symbol;
    functions.putIfAbsent(name, new FunctionDef(type, Optional.of(slot)));
    return name;
  }

  /** A function of type {@code type} that traps: the stand-in for a missing function. */
  String stub(String symbol, FuncType type) {
    String name = "stub:" + symbol;
    functions.putIfAbsent(name, new FunctionDef(type, Optional.empty()));
    return name;
  }

  /** The type of a function this module exports under {@code exportName}. */
  FuncType functionType(String exportName) {
    return functions.get(exportName).type();
  }

  WasmModule build(Layout layout, Optional<Long> maxPages, byte[] dlTable) {
    ModuleBuilder module = new ModuleBuilder();
    Limits memoryLimits =
        maxPages.isPresent()
            ? Limits.of(layout.initialPages(), maxPages.get())
            : Limits.of(layout.initialPages());
    module.export(MEMORY, ExternalKind.MEMORY, module.memory(new MemoryType(memoryLimits)));
    int table =
        module.table(
            new Table(
                new TableType(ValType.FUNCREF, Limits.of(layout.tableSize())), Optional.empty()));
    module.export(TABLE, ExternalKind.TABLE, table);
    module.export(
        STACK_POINTER,
        ExternalKind.GLOBAL,
        module.global(GlobalType.mutable(ValType.I32), ConstExpr.i32Const(layout.stackPointer())));
    globals.forEach(
        (name, def) ->
            module.export(
                name,
                ExternalKind.GLOBAL,
                module.global(def.type(), ConstExpr.i32Const(def.value()))));
    functions.forEach(
        (name, def) -> {
          CodeBuilder code = new CodeBuilder();
          if (def.trampolineSlot().isPresent()) {
            for (int i = 0; i < def.type().params().size(); i++) {
              code.localGet(i);
            }
            code.i32Const(def.trampolineSlot().get()).callIndirect(module.type(def.type()), table);
          } else {
            code.unreachable();
          }
          code.end();
          module.export(name, ExternalKind.FUNC, module.function(def.type(), code.body(List.of())));
        });
    module.data(DataSegment.active(0, ConstExpr.i32Const(layout.dlTable()), Bytes.of(dlTable)));
    return module.build();
  }
}
