package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.CodeBuilder;
import dev.componentize.core.wasm.Export;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.ModuleBuilder;
import dev.componentize.core.wasm.ValType;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import run.endive.runtime.Instance;
import run.endive.runtime.TrapException;
import run.endive.wasm.Parser;

/** The stub-WASI module: one trapping export per preview1 import of the program. */
class TrappingWasiTest {
  private static final FuncType FD_WRITE =
      FuncType.of(
          List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));
  private static final FuncType RANDOM_GET =
      FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
  private static final FuncType CLOCK_TIME_GET =
      FuncType.of(List.of(ValType.I32, ValType.I64, ValType.I32), List.of(ValType.I32));

  /** An instance whose module imports {@code functions} (name, type pairs) from preview1. */
  private static ProgramInstance importing(String name, Object... functions) {
    ModuleBuilder module = new ModuleBuilder();
    for (int i = 0; i < functions.length; i += 2) {
      module.importFunction(
          WorldEncoder.PREVIEW1, (String) functions[i], (FuncType) functions[i + 1]);
    }
    module.importFunction("env", "other", FuncType.of(List.of(), List.of()));
    module.function(FuncType.of(List.of(), List.of()), new CodeBuilder().end().body(List.of()));
    return new ProgramInstance(name, module.build(), List.of());
  }

  @Test
  void everyPreview1ImportBecomesATrappingExportWithItsSignature() throws Exception {
    LinkedProgram program =
        new LinkedProgram(
            List.of(
                importing("libc.so", "fd_write", FD_WRITE, "random_get", RANDOM_GET),
                importing("libpython.so", "fd_write", FD_WRITE, "clock_time_get", CLOCK_TIME_GET)),
            null,
            List.of(),
            List.of());
    byte[] bytes = TrappingWasi.module(program);
    WasmModule module = WasmReader.read("stub", bytes);
    assertEquals(List.of(), module.imports(), "imports nothing");
    assertEquals(
        List.of("clock_time_get", "fd_write", "random_get"),
        module.exports().stream().map(Export::name).toList());
    assertEquals(
        List.of(CLOCK_TIME_GET, FD_WRITE, RANDOM_GET),
        module.exports().stream().map(e -> module.functionType(e.index())).toList());
    Instance instance = Instance.builder(Parser.parse(bytes)).build();
    assertThrows(TrapException.class, () -> instance.export("fd_write").apply(1, 0, 1, 8));
    assertThrows(TrapException.class, () -> instance.export("random_get").apply(0, 4));
    // Same program, same bytes (components are reproducible).
    org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, TrappingWasi.module(program));
  }

  @Test
  void oneFunctionImportedWithTwoSignaturesIsRefused() {
    LinkedProgram program =
        new LinkedProgram(
            List.of(
                importing("a.so", "fd_write", FD_WRITE), importing("b.so", "fd_write", RANDOM_GET)),
            null,
            List.of(),
            List.of());
    ComponentEncodingException e =
        assertThrows(ComponentEncodingException.class, () -> TrappingWasi.module(program));
    assertEquals(
        "instance 'b.so' imports wasi_snapshot_preview1 'fd_write' as "
            + RANDOM_GET
            + ", another instance as "
            + FD_WRITE,
        e.getMessage());
  }

  @Test
  void aProgramWithoutPreview1ImportsGetsAnEmptyModule() throws Exception {
    LinkedProgram program =
        new LinkedProgram(List.of(importing("pure.so")), null, List.of(), List.of());
    assertEquals(List.of(), WasmReader.read("stub", TrappingWasi.module(program)).exports());
  }
}
