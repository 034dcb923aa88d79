package dev.componentize.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.link.LinkedProgram;
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
 * A Python component from the real parts, not pre-initialized: the runtime bundle's libraries, the
 * glue {@code libcomponentize.so} (the bundle's) and the {@code libworld.so} that linker-core's
 * {@code WorldBindings} generates for world {@code app} of {@code python/world.wit} are linked
 * ({@link PythonParts}) and encoded by {@link WorldEncoder#encodeProgram} as world {@code
 * app-component} (app + WASI 0.2 imports) with the preview1 reactor adapter. Under jco (ES module
 * on the preview2-shim, with the standard library, the app and the generated package preopened) the
 * first export call starts CPython, which imports the app; the exports answer and the app's print
 * reaches stdout.
 */
class LinkedPythonComponentTest {
  private static final Path SOURCES = ComponentTools.SOURCES.resolve("python");

  @TempDir static Path work;
  private static Path bundle;
  private static Path generated;
  private static LinkedProgram program;
  private static Path component;

  @BeforeAll
  static void generateLinkAndEncode() throws Exception {
    Resolve resolve = WitLoader.load(SOURCES.resolve("world.wit"), Set.of());
    PythonParts parts = PythonParts.make(work, resolve, "app");
    bundle = parts.bundle;
    generated = parts.generated;
    program = parts.program;
    component = work.resolve("pyapp.wasm");
    Files.write(
        component,
        WorldEncoder.encodeProgram(
            WitWorlds.toWorldType(resolve, resolve.selectWorld("app-component")),
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
  void jcoRunsTheAppsExportsAfterStartingCPython() throws Exception {
    Path jcoHome = ComponentTools.jcoHome();
    String node = ComponentTools.node().toString();
    Path out = work.resolve("jco-pyapp");
    ComponentTools.Result transpile =
        ComponentTools.run(
            work,
            600,
            node,
            ComponentTools.jcoScript(jcoHome).toString(),
            "transpile",
            component.toString(),
            "--name",
            "pyapp",
            "--quiet",
            "--map",
            "test:pyapp/host=./pyapp-host.mjs",
            "-o",
            out.toString());
    assertEquals(0, transpile.exitCode(), transpile::describe);
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    Files.createSymbolicLink(out.resolve("node_modules"), jcoHome.resolve("node_modules"));
    for (String file : List.of("pyapp-host.mjs", "python-check.mjs")) {
      Files.copy(SOURCES.resolve(file), out.resolve(file));
    }
    ComponentTools.Result run =
        ComponentTools.run(
            out,
            600,
            node,
            "python-check.mjs",
            bundle.resolve("python").toString(),
            SOURCES.resolve("app").toAbsolutePath().toString(),
            generated.toString());
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().contains("4 passed, 0 failed"), run::describe);
    assertTrue(
        run.stdout().contains("Hello, ada, from Python 3.13!\nHello, grace, from Python 3.13!\n"),
        run::describe);
  }
}
