package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code wasi:cli/command} component: the world comes from the real WASI 0.2.12 WIT (through the
 * WIT loader and {@link WitWorlds}), the core module {@code hello.wasm} from {@code hello.c}, which
 * writes to stdout through {@code wasi:cli/stdout} and {@code wasi:io/streams} directly. {@code jco
 * run} must print its line.
 */
class HelloCommandComponentTest {
  @TempDir static Path work;
  private static Path component;

  @BeforeAll
  static void encode() throws Exception {
    component = work.resolve("hello.wasm");
    byte[] module = ComponentChecks.resource("hello.wasm");
    Files.write(component, WorldEncoder.encode(WitWorldsTest.load("hello.wit"), module));
  }

  @Test
  void wasmToolsValidatesTheCommandComponent() throws Exception {
    ComponentChecks.assertValid(component);
  }

  @Test
  void jcoRunPrintsToStdout() throws Exception {
    Path jcoHome = TestTools.jcoHome();
    TestTools.Result run =
        TestTools.run(
            work,
            300,
            TestTools.node().toString(),
            TestTools.jcoScript(jcoHome).toString(),
            "run",
            component.toString());
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("Hello from a component built by componentize-maven!\n", run.stdout());
  }
}
