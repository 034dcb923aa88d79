package dev.componentize.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python {@code wasi:cli/command} component from the real parts, not pre-initialized: the app
 * implements {@code wasi:cli/run} (libworld.so exports {@code wasi:cli/run@0.2.12#run}), the
 * program is encoded by {@link WorldEncoder#encodeProgram} with the preview1 reactor adapter, and
 * {@code jco run} (the standard library, the app and the generated package preopened, the
 * environment set by a setup module) runs it: arguments and an environment variable reach Python,
 * and an {@code Err} from run is an error exit.
 */
class LinkedPythonCommandTest {
  private static final Path SOURCES = ComponentTools.SOURCES.resolve("python");

  @TempDir static Path work;
  private static PythonParts parts;
  private static Path component;

  @BeforeAll
  static void generateLinkAndEncode() throws Exception {
    Resolve resolve = WitLoader.load(SOURCES.resolve("command.wit"), Set.of());
    parts = PythonParts.make(work, resolve, "hello");
    component = work.resolve("pyhello.wasm");
    Files.write(
        component,
        WorldEncoder.encodeProgram(
            WitWorlds.toWorldType(resolve, resolve.selectWorld("hello-component")),
            parts.program,
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
  void jcoRunPrintsArgumentsAndEnvironment() throws Exception {
    ComponentTools.Result run = jcoRun("one", "two words");
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(
        "Hello from a Python command component!\n"
            + "args: ['one', 'two words']\n"
            + "GREETING: hi there\n",
        run.stdout(),
        run::describe);
  }

  @Test
  void errFromRunIsAnErrorExit() throws Exception {
    ComponentTools.Result run = jcoRun("fail");
    assertEquals(1, run.exitCode(), run::describe);
    assertEquals(
        "Hello from a Python command component!\nargs: ['fail']\nGREETING: hi there\n",
        run.stdout(),
        run::describe);
  }

  /**
   * {@code jco run} with a setup module ({@code --jco-import}) that gives the guest exactly the
   * preopened directories and environment it needs: this jco's {@code run} has no flags for them.
   */
  private static ComponentTools.Result jcoRun(String... args) throws Exception {
    Path jcoHome = ComponentTools.jcoHome();
    Path setup = work.resolve("setup.mjs");
    if (!Files.exists(setup)) {
      Files.createSymbolicLink(work.resolve("node_modules"), jcoHome.resolve("node_modules"));
      Files.writeString(
          setup,
          "import { _setEnv } from '@bytecodealliance/preview2-shim/cli';\n"
              + "import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';\n"
              + "_setPreopens("
              + json(
                  "/python",
                  parts.bundle.resolve("python").toString(),
                  "/app",
                  SOURCES.resolve("cmd-app").toAbsolutePath().toString(),
                  "/gen",
                  parts.generated.toString())
              + ");\n"
              + "_setEnv("
              + json(
                  "COMPONENTIZE_PYTHONHOME",
                  "/python",
                  "COMPONENTIZE_PYTHONPATH",
                  "/app:/gen",
                  "GREETING",
                  "hi there")
              + ");\n");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                ComponentTools.node().toString(),
                ComponentTools.jcoScript(jcoHome).toString(),
                "run",
                "--jco-import",
                setup.toString(),
                component.toString()));
    command.addAll(List.of(args));
    return ComponentTools.run(command, work, 600);
  }

  /** A JSON object of string pairs (keys and values here need no escaping but quotes). */
  private static String json(String... pairs) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      out.append(i == 0 ? "" : ", ")
          .append('"')
          .append(pairs[i])
          .append("\": \"")
          .append(pairs[i + 1])
          .append('"');
    }
    return out.append('}').toString();
  }
}
