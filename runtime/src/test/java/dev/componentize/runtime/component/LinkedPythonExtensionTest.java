package dev.componentize.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.link.Library;
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
 * A Python component whose app uses a native extension module: {@code textstats._native} (built
 * from {@code python/native.c} with clang-19 against the bundle's SDK) is linked dl-openable under
 * the path CPython will dlopen, {@code /app/textstats/_native.cpython-313-wasm32-wasi.so}, with the
 * rest of the Python program ({@link PythonParts}), and the program is encoded by {@link
 * WorldEncoder#encodeProgram} with the reactor adapter. Under jco, CPython's file finder sees the
 * .so on the preopened app directory and dlopen is served from the linker's table inside the
 * component.
 */
class LinkedPythonExtensionTest {
  private static final Path SOURCES = ComponentTools.SOURCES.resolve("python");
  private static final String EXTENSION = "_native.cpython-313-wasm32-wasi.so";

  @TempDir static Path work;
  private static PythonParts parts;
  private static Path app;
  private static Path component;

  @BeforeAll
  static void buildLinkAndEncode() throws Exception {
    Path sdk = ComponentTools.runtimeBundle().resolve("sdk");
    byte[] extension =
        ComponentTools.sharedLibrary(
            sdk.resolve("sysroot"),
            work,
            EXTENSION,
            "python/native.c",
            List.of("-I" + sdk.resolve("include/python3.13")));
    // The app directory the guest sees: the app, the package, and the extension's file.
    app = work.resolve("app");
    Files.createDirectories(app.resolve("textstats"));
    Files.copy(SOURCES.resolve("native-app/app.py"), app.resolve("app.py"));
    Files.copy(
        SOURCES.resolve("native-app/textstats/__init__.py"), app.resolve("textstats/__init__.py"));
    Files.write(app.resolve("textstats").resolve(EXTENSION), extension);

    Resolve resolve = WitLoader.load(SOURCES.resolve("native.wit"), Set.of());
    parts =
        PythonParts.make(
            work,
            resolve,
            "native",
            List.of(Library.dlOpenable("/app/textstats/" + EXTENSION, extension)));
    component = work.resolve("pynative.wasm");
    Files.write(
        component,
        WorldEncoder.encodeProgram(
            WitWorlds.toWorldType(resolve, resolve.selectWorld("native-component")),
            parts.program,
            Files.readAllBytes(ComponentTools.reactorAdapter())));
  }

  @Test
  void theExtensionIsInTheDlopenTable() {
    assertEquals(List.of("/app/textstats/" + EXTENSION), parts.program.dlOpenable());
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    ComponentTools.Result result =
        ComponentTools.run(
            work, 60, ComponentTools.wasmTools().toString(), "validate", component.toString());
    assertEquals(0, result.exitCode(), result::describe);
  }

  @Test
  void jcoRunsTheAppWithItsExtension() throws Exception {
    Path jcoHome = ComponentTools.jcoHome();
    String node = ComponentTools.node().toString();
    Path out = work.resolve("jco-pynative");
    ComponentTools.Result transpile =
        ComponentTools.run(
            work,
            600,
            node,
            ComponentTools.jcoScript(jcoHome).toString(),
            "transpile",
            component.toString(),
            "--name",
            "pynative",
            "--quiet",
            "-o",
            out.toString());
    assertEquals(0, transpile.exitCode(), transpile::describe);
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    Files.createSymbolicLink(out.resolve("node_modules"), jcoHome.resolve("node_modules"));
    Files.copy(SOURCES.resolve("native-check.mjs"), out.resolve("native-check.mjs"));
    ComponentTools.Result run =
        ComponentTools.run(
            out,
            600,
            node,
            "native-check.mjs",
            parts.bundle.resolve("python").toString(),
            app.toString(),
            parts.generated.toString());
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().contains("2 passed, 0 failed"), run::describe);
  }
}
