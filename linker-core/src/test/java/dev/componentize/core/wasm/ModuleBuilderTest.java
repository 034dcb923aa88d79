package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.GlobalInstance;
import run.endive.runtime.HostFunction;
import run.endive.runtime.ImportGlobal;
import run.endive.runtime.ImportMemory;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasm.Parser;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.MutabilityType;

/**
 * Builds modules of the shape the linker synthesizes and runs them on Endive (the wasm interpreter
 * the project uses): an engine that validates and executes them is the proof that builder and
 * instruction encoder produce correct binaries.
 */
class ModuleBuilderTest {

  private static final FuncType I32_TO_I32 =
      FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
  private static final FuncType BINARY_I32 =
      FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
  private static final FuncType VOID = FuncType.of(List.of(), List.of());

  /**
   * env.add (host), env.memory, env.__memory_base; a table with two functions placed by an active
   * element segment; a passive data segment copied by memory.init in the start function; an active
   * segment at __memory_base; a loop with br_if; call_indirect through the table.
   */
  private static WasmModule glueLikeModule() {
    ModuleBuilder module = new ModuleBuilder();
    int add = module.importFunction("env", "add", BINARY_I32);
    int memory = module.importMemory("env", "memory", MemoryType.of(1));
    int memoryBase = module.importGlobal("env", "__memory_base", GlobalType.immutable(ValType.I32));
    int started = module.global(GlobalType.mutable(ValType.I32), ConstExpr.i32Const(0));
    int table = module.table(Table.of(new TableType(ValType.FUNCREF, Limits.of(2, 2))));

    int twice =
        module.function(
            I32_TO_I32, new CodeBuilder().localGet(0).localGet(0).call(add).end().body(List.of()));
    int square =
        module.function(
            I32_TO_I32, new CodeBuilder().localGet(0).localGet(0).i32Mul().end().body(List.of()));
    // sum(n) = 0 + 1 + ... + (n - 1), counting with a loop and br_if.
    int sum =
        module.function(
            I32_TO_I32,
            new CodeBuilder()
                .block()
                .loop()
                .localGet(1)
                .localGet(0)
                .i32GeU()
                .brIf(1)
                .localGet(2)
                .localGet(1)
                .i32Add()
                .localSet(2)
                .localGet(1)
                .i32Const(1)
                .i32Add()
                .localSet(1)
                .br(0)
                .end()
                .end()
                .localGet(2)
                .end()
                .body(List.of(new Local(2, ValType.I32))));
    // viaTable(slot, x) = table[slot](x)
    int viaTable =
        module.function(
            BINARY_I32,
            new CodeBuilder()
                .localGet(1)
                .localGet(0)
                .callIndirect(module.type(I32_TO_I32), table)
                .end()
                .body(List.of()));
    int passive =
        module.data(DataSegment.passive(Bytes.of("passive!".getBytes(StandardCharsets.UTF_8))));
    module.data(
        DataSegment.active(
            memory, ConstExpr.globalGet(memoryBase), Bytes.of(new byte[] {1, 0, 0, 0})));
    int init =
        module.function(
            VOID,
            new CodeBuilder()
                .i32Const(100)
                .i32Const(0)
                .i32Const(8)
                .memoryInit(passive, memory)
                .dataDrop(passive)
                .i32Const(1)
                .globalSet(started)
                .end()
                .body(List.of()));
    module.element(ElementSegment.active(table, ConstExpr.i32Const(0), List.of(twice, square)));
    module.start(init);
    module.export("sum", ExternalKind.FUNC, sum);
    module.export("via_table", ExternalKind.FUNC, viaTable);
    module.export("started", ExternalKind.GLOBAL, started);
    return module.build();
  }

  @Test
  void builtModuleRunsOnAWasmEngine() {
    byte[] binary = WasmWriter.write(glueLikeModule());
    ByteArrayMemory memory = new ByteArrayMemory(new MemoryLimits(1));
    ImportValues imports =
        ImportValues.builder()
            .addFunction(
                new HostFunction(
                    "env",
                    "add",
                    run.endive.wasm.types.FunctionType.of(
                        List.of(
                            run.endive.wasm.types.ValType.I32, run.endive.wasm.types.ValType.I32),
                        List.of(run.endive.wasm.types.ValType.I32)),
                    (instance, args) -> new long[] {(int) args[0] + (int) args[1]}))
            .addMemory(new ImportMemory("env", "memory", memory))
            .addGlobal(
                new ImportGlobal(
                    "env",
                    "__memory_base",
                    GlobalInstance.builder()
                        .valueLow(64)
                        .valType(run.endive.wasm.types.ValType.I32)
                        .mutabilityType(MutabilityType.Const)
                        .build()))
            .build();
    Instance instance = Instance.builder(Parser.parse(binary)).withImportValues(imports).build();

    assertEquals(45, instance.export("sum").apply(10)[0]);
    assertEquals(14, instance.export("via_table").apply(0, 7)[0]);
    assertEquals(49, instance.export("via_table").apply(1, 7)[0]);
    assertArrayEquals("passive!".getBytes(StandardCharsets.UTF_8), memory.readBytes(100, 8));
    assertEquals(1, memory.readInt(64));
  }

  @Test
  void builtModuleReadsBackToTheSameModel() {
    WasmModule built = glueLikeModule();
    WasmModule reread = WasmReader.read("built", WasmWriter.write(built));
    assertEquals(built, reread);
    assertEquals(2, reread.section(DataCountSection.class).get().count());
  }

  @Test
  void functionTypesAreDeduplicated() {
    ModuleBuilder module = new ModuleBuilder();
    assertEquals(0, module.type(I32_TO_I32));
    assertEquals(1, module.type(VOID));
    assertEquals(0, module.type(FuncType.of(List.of(ValType.I32), List.of(ValType.I32))));
  }

  @Test
  void importsAfterDefinitionsAreRefusedBecauseTheyWouldShiftIndices() {
    ModuleBuilder module = new ModuleBuilder();
    module.function(VOID, new CodeBuilder().end().body(List.of()));
    assertThrows(IllegalStateException.class, () -> module.importFunction("env", "late", VOID));
  }

  @Test
  void duplicateExportNamesAreRefused() {
    ModuleBuilder module = new ModuleBuilder();
    module.export("x", ExternalKind.FUNC, 0);
    assertThrows(IllegalArgumentException.class, () -> module.export("x", ExternalKind.GLOBAL, 0));
  }

  @Test
  void customSectionsGoFirstOrLast() {
    WasmModule module =
        new ModuleBuilder()
            .leadingCustomSection(new CustomSection("dylink.0", Bytes.empty()))
            .trailingCustomSection(new CustomSection("producers", Bytes.of(new byte[] {0})))
            .build();
    byte[] binary = WasmWriter.write(module);
    WasmModule reread = WasmReader.read("built", binary);
    assertEquals("dylink.0", reread.sections().get(0).label());
    assertEquals("producers", reread.sections().get(1).label());
  }
}
