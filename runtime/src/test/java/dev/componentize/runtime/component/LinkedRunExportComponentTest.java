package dev.componentize.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape a Python component has: a library of the linked program ({@code run.so}) exports {@code
 * wasi:cli/run@0.2.12#run} and {@code cabi_realloc} itself, and the preview1 REACTOR adapter serves
 * libc's WASI calls. {@code run.so} calls {@code greet} in {@code greet.so}, which prints with
 * printf through the bundle's {@code libc.so}. libc.so's pre-LLVM-13 fallback needs a plain {@code
 * main}, which nothing here defines: the linker stubs it (it traps if ever called).
 */
class LinkedRunExportComponentTest {
  @TempDir static Path work;
  private static LinkedProgram program;
  private static Path component;

  @BeforeAll
  static void linkAndEncode() throws Exception {
    Path bundle = ComponentTools.runtimeBundle();
    Path sysroot = bundle.resolve("sdk/sysroot");
    Path libc = bundle.resolve("lib/libc.so");
    byte[] greet = ComponentTools.sharedLibrary(sysroot, work, "greet.so", "greet.c", libc);
    byte[] run =
        ComponentTools.sharedLibrary(
            sysroot, work, "run.so", "run.c", work.resolve("greet.so"), libc);
    program =
        new Linker(LinkOptions.defaults().withStubMissingFunctions(true))
            .link(
                List.of(
                    Library.of("libc.so", Files.readAllBytes(libc)),
                    Library.of("greet.so", greet),
                    Library.of("run.so", run)));
    Resolve resolve = WitLoader.load(ComponentTools.SOURCES.resolve("command.wit"), Set.of());
    component = work.resolve("linked-run.wasm");
    Files.write(
        component,
        WorldEncoder.encodeProgram(
            WitWorlds.toWorldType(resolve, resolve.selectWorld(null)),
            program,
            Files.readAllBytes(ComponentTools.reactorAdapter())));
  }

  @Test
  void onlyTheUnusedPlainMainIsStubbed() {
    assertEquals(List.of("libc.so needs main (i32, i32) -> (i32)"), program.stubbed());
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    ComponentTools.Result result =
        ComponentTools.run(
            work, 60, ComponentTools.wasmTools().toString(), "validate", component.toString());
    assertEquals(0, result.exitCode(), result::describe);
  }

  @Test
  void jcoRunCallsTheLibrarysRunExport() throws Exception {
    ComponentTools.Result run =
        ComponentTools.run(
            work,
            300,
            ComponentTools.node().toString(),
            ComponentTools.jcoScript(ComponentTools.jcoHome()).toString(),
            "run",
            component.toString());
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(
        "Hello, run export! (1 of 3)\nHello, run export! (2 of 3)\nHello, run export! (3 of 3)\n",
        run.stdout());
  }
}
