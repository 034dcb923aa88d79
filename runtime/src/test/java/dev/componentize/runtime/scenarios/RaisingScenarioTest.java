package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4 (issue 5): exports that raise (resources/scenarios/raising). An exception escaping
 * {@code divide} traps the call and leaves the Python traceback on stderr; the same exception
 * turned into {@code Err} in {@code checked-divide}, which returns {@code result<s32, string>}, is
 * the result's {@code err}. Checked under jco (transpile + node) and wasmtime ({@code --invoke}).
 */
class RaisingScenarioTest {
  /**
   * What stderr shows: file, line and function of every frame, with the app's source lines, which
   * travel with the component and are served to linecache (docs/runtime-imports.md).
   */
  private static final String TRACEBACK =
      "componentize: export divide raised an exception\n"
          + "Traceback (most recent call last):\n"
          + "  File \"/sources/0/app.py\", line 13, in divide\n"
          + "    return quotient(a, b)\n"
          + "  File \"/sources/0/app.py\", line 8, in quotient\n"
          + "    return a // b\n"
          + "           ~~^^~~\n"
          + "ZeroDivisionError: integer division or modulo by zero\n";

  @TempDir static Path work;
  static Path component;

  @BeforeAll
  static void componentize() throws Exception {
    component = Scenarios.componentize("raising", work, List.of());
  }

  @Test
  void underJcoTheErrIsAValueAndTheUncaughtExceptionATrapWithItsTraceback() throws Exception {
    Path out = Scenarios.transpile(component, work, "raising");
    Scenarios.Run run =
        Scenarios.run(
            List.of(
                Scenarios.node().toString(),
                Scenarios.RESOURCES.resolve("raising/raising-check.mjs").toString(),
                out.toString()),
            work,
            Map.of(),
            600);
    System.out.print(run.transcript("node raising-check.mjs raising"));
    assertEquals(0, run.exitCode(), run::describe);
    List<String> lines = run.stdout().lines().toList();
    assertEquals("checkedDivide(7, 2) -> 3", lines.get(0), run::describe);
    // jco throws a ComponentError whose payload is the err value.
    assertTrue(
        lines.get(1).startsWith("checkedDivide(7, 0) -> threw ")
            && lines
                .get(1)
                .endsWith(" payload \"ZeroDivisionError: integer division or modulo by zero\""),
        run::describe);
    assertEquals("divide(7, 2) -> 3", lines.get(2), run::describe);
    assertTrue(
        lines.get(3).startsWith("divide(7, 0) -> threw RuntimeError: ")
            && lines.get(3).contains("unreachable"),
        run::describe);
    assertEquals(TRACEBACK, run.stderr(), run::describe);
  }

  @Test
  void underWasmtimeTheErrIsPrintedAndTheTrapFailsTheRun() throws Exception {
    Scenarios.Run err = invoke("checked-divide(7, 0)");
    System.out.print(err.transcript("wasmtime run --invoke 'checked-divide(7, 0)' raising.wasm"));
    assertEquals(0, err.exitCode(), err::describe);
    assertEquals(
        "err(\"ZeroDivisionError: integer division or modulo by zero\")\n",
        err.stdout(),
        err::describe);
    Scenarios.Run trap = invoke("divide(7, 0)");
    System.out.print(trap.transcript("wasmtime run --invoke 'divide(7, 0)' raising.wasm"));
    assertNotEquals(0, trap.exitCode(), trap::describe);
    assertEquals("", trap.stdout(), trap::describe);
    assertTrue(trap.stderr().startsWith(TRACEBACK), trap::describe);
    assertTrue(
        trap.stderr().contains("wasm trap: wasm `unreachable` instruction executed"),
        trap::describe);
  }

  private static Scenarios.Run invoke(String call) throws Exception {
    return Scenarios.run(
        List.of(Scenarios.wasmtime().toString(), "run", "--invoke", call, component.toString()),
        work,
        Map.of("RUST_BACKTRACE", "0"),
        600);
  }
}
