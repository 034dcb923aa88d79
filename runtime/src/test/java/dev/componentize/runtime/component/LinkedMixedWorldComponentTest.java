package dev.componentize.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The shape of a Python component without CPython: a custom world ({@code mixed.wit}: WASI 0.2
 * imports, a host import, a custom export) over a program linked from the bundle's {@code libc.so},
 * {@code greet.so} (printf) and {@code mixed.so} (the export, its post-return, and {@code
 * cabi_realloc} on libc's malloc), with the preview1 reactor adapter. The host import returns a
 * string, so it is lowered with mixed.so's own realloc, which exists only after mixed.so is
 * instantiated (the shim path). jco transpiles it to an ES module on its preview2-shim; a node
 * script calls the export and the printed lines appear on stdout.
 */
class LinkedMixedWorldComponentTest {
  @TempDir static Path work;
  private static LinkedProgram program;
  private static Path component;

  @BeforeAll
  static void linkAndEncode() throws Exception {
    Path bundle = ComponentTools.runtimeBundle();
    Path sysroot = bundle.resolve("sdk/sysroot");
    Path libc = bundle.resolve("lib/libc.so");
    byte[] greet = ComponentTools.sharedLibrary(sysroot, work, "greet.so", "greet.c", libc);
    byte[] mixed =
        ComponentTools.sharedLibrary(
            sysroot, work, "mixed.so", "mixed.c", work.resolve("greet.so"), libc);
    program =
        new Linker(LinkOptions.defaults().withStubMissingFunctions(true))
            .link(
                List.of(
                    Library.of("libc.so", Files.readAllBytes(libc)),
                    Library.of("greet.so", greet),
                    Library.of("mixed.so", mixed)));
    Resolve resolve = WitLoader.load(ComponentTools.SOURCES.resolve("mixed.wit"), Set.of());
    component = work.resolve("linked-mixed.wasm");
    Files.write(
        component,
        WorldEncoder.encodeProgram(
            WitWorlds.toWorldType(resolve, resolve.selectWorld(null)),
            program,
            Files.readAllBytes(ComponentTools.reactorAdapter())));
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    ComponentTools.Result result =
        ComponentTools.run(
            work, 60, ComponentTools.wasmTools().toString(), "validate", component.toString());
    assertEquals(0, result.exitCode(), result::describe);
  }

  @Test
  void jcoTranspiledExportPrintsThroughLibcAndReturnsTheHostResult() throws Exception {
    Path jcoHome = ComponentTools.jcoHome();
    String node = ComponentTools.node().toString();
    Path out = work.resolve("jco-mixed");
    ComponentTools.Result transpile =
        ComponentTools.run(
            work,
            300,
            node,
            ComponentTools.jcoScript(jcoHome).toString(),
            "transpile",
            component.toString(),
            "--name",
            "mixed",
            "--quiet",
            "--map",
            "test:mixed/host=./mixed-host.mjs",
            "-o",
            out.toString());
    assertEquals(0, transpile.exitCode(), transpile::describe);
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    Files.createSymbolicLink(out.resolve("node_modules"), jcoHome.resolve("node_modules"));
    Files.copy(ComponentTools.SOURCES.resolve("mixed-host.mjs"), out.resolve("mixed-host.mjs"));
    Path script = ComponentTools.SOURCES.resolve("mixed-check.mjs").toAbsolutePath();
    ComponentTools.Result run =
        ComponentTools.run(work, 120, node, script.toString(), out.toString());
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().contains("2 passed, 0 failed"), run::describe);
    assertTrue(
        run.stdout()
            .contains("Hello, ada! (1 of 1)\nHello, grace! (1 of 1)\nHello, émile! (1 of 1)\n"),
        run::describe);
  }
}
