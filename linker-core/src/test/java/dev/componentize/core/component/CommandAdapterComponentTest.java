package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview1 path: {@code command.wasm}, an ordinary wasi-libc C program ({@code command.c}) that
 * imports {@code wasi_snapshot_preview1}, plus the command adapter shipped in jco's {@code lib/},
 * encoded into a component of {@code wasi:cli/command@0.2.12} (from the real WASI WIT). {@code jco
 * run} must run it: arguments in, stdout and stderr out, exit status back.
 */
class CommandAdapterComponentTest {
  @TempDir static Path work;
  private static Path component;

  @BeforeAll
  static void encode() throws Exception {
    Path adapter =
        TestTools.jcoHome()
            .resolve("node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm");
    assumeTrue(Files.isRegularFile(adapter), "no preview1 command adapter at " + adapter);
    component = work.resolve("command.wasm");
    byte[] module = ComponentChecks.resource("command.wasm");
    Files.write(
        component,
        WorldEncoder.encodeWithAdapter(
            WitWorldsTest.load("hello.wit"), module, Files.readAllBytes(adapter)));
  }

  @Test
  void wasmToolsValidatesTheAdaptedComponent() throws Exception {
    ComponentChecks.assertValid(component);
  }

  @Test
  void jcoRunPassesArgumentsAndPrintsToStdoutAndStderr() throws Exception {
    TestTools.Result run = jcoRun("x", "y z");
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(
        "Hello from wasi-libc through the preview1 adapter!\narg 1: x\narg 2: y z\n", run.stdout());
    assertTrue(run.stderr().contains("stderr works too"), run::describe);
  }

  @Test
  void nonZeroExitStatusIsAnErrorExit() throws Exception {
    // proc_exit(3) becomes wasi:cli/exit.exit(err): WASI 0.2 only tells success from failure.
    TestTools.Result run = jcoRun("fail");
    assertEquals(1, run.exitCode(), run::describe);
  }

  private static TestTools.Result jcoRun(String... args) throws Exception {
    Path jcoHome = TestTools.jcoHome();
    String[] command = new String[4 + args.length];
    command[0] = TestTools.node().toString();
    command[1] = TestTools.jcoScript(jcoHome).toString();
    command[2] = "run";
    command[3] = component.toString();
    System.arraycopy(args, 0, command, 4, args.length);
    return TestTools.run(work, 300, command);
  }
}
