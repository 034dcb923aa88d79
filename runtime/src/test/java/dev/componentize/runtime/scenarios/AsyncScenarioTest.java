package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 (resources/scenarios/concurrent): {@code async def} exports on the component model's
 * callback ABI, awaiting WASI 0.3.0 async imports ({@code wasi:clocks/monotonic-clock@0.3.0} {@code
 * wait-for}) with {@code asyncio.gather}, through the whole pipeline (pre-initialization included:
 * nothing async runs then). Run on wasmtime 49 with {@code -W component-model-async=y -S p3=y}.
 */
class AsyncScenarioTest {
  @TempDir static Path work;
  static Path component;

  @BeforeAll
  static void componentize() throws Exception {
    component = Scenarios.componentize("concurrent", work, List.of());
  }

  @Test
  void twoAsyncImportsAwaitedWithGatherOverlap() throws Exception {
    long start = System.nanoTime();
    Scenarios.Run run = invoke("sleep-twice(400)");
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.print(run.transcript(command("sleep-twice(400)")));
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("\"slept 400 ms twice concurrently\"\n", run.stdout(), run::describe);
    assertTrue(millis >= 400, "took " + millis + " ms");
  }

  @Test
  void anAsyncExportReturnsAResultAndARaisedErrIsItsErr() throws Exception {
    Scenarios.Run ok = invoke("checked-sleep(10)");
    System.out.print(ok.transcript(command("checked-sleep(10)")));
    assertEquals(0, ok.exitCode(), ok::describe);
    assertEquals("ok(10)\n", ok.stdout(), ok::describe);
    Scenarios.Run err = invoke("checked-sleep(20000)");
    System.out.print(err.transcript(command("checked-sleep(20000)")));
    assertEquals(0, err.exitCode(), err::describe);
    assertEquals("err(\"20000 ms is too long\")\n", err.stdout(), err::describe);
  }

  @Test
  void aSyncExportOfTheSameWorldIsUnchanged() throws Exception {
    Scenarios.Run run = invoke("add(2, 40)");
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("42\n", run.stdout(), run::describe);
  }

  @Test
  void itRunsAsAWasi03CommandThroughItsAsyncRunExport() throws Exception {
    Scenarios.Run run =
        Scenarios.run(
            List.of(
                Scenarios.wasmtime().toString(),
                "run",
                "-W",
                "component-model-async=y",
                "-S",
                "p3=y",
                component.toString(),
                "one",
                "two"),
            work,
            Map.of("RUST_BACKTRACE", "0"),
            600);
    System.out.print(
        run.transcript("wasmtime run -W component-model-async=y -S p3=y concurrent.wasm one two"));
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("WASI 0.3 command, arguments: one two\n", run.stdout(), run::describe);
  }

  @Test
  void anExceptionAfterAnAwaitTrapsWithItsTraceback() throws Exception {
    Scenarios.Run run = invoke("broken(5)");
    System.out.print(run.transcript(command("broken(5)")));
    assertTrue(run.exitCode() != 0, run::describe);
    assertTrue(
        run.stderr().startsWith("componentize: export WitWorld.broken raised an exception\n"),
        run::describe);
    assertTrue(run.stderr().contains("ValueError: broken after 5 ms\n"), run::describe);
    assertTrue(run.stderr().contains("wasm `unreachable` instruction executed"), run::describe);
  }

  @Test
  void anAsyncioTimerIsRefusedWithTheWayOut() throws Exception {
    Scenarios.Run run = invoke("nap()");
    System.out.print(run.transcript(command("nap()")));
    assertTrue(run.exitCode() != 0, run::describe);
    assertTrue(
        run.stderr()
            .contains(
                "NotImplementedError: asyncio timers (asyncio.sleep with a delay, call_later,"
                    + " call_at, wait_for with a timeout) are not supported yet in a component;"
                    + " await an async import instead, such as"
                    + " wasi:clocks/monotonic-clock@0.3.0 wait-for"),
        run::describe);
  }

  @Test
  void stubWasiIsRefusedAtTheAsyncFunction() {
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () ->
                Scenarios.componentize(
                    "concurrent",
                    "concurrent-stub-wasi",
                    work,
                    List.of(),
                    config -> config.stubWasi(true),
                    new ArrayList<>()));
    assertEquals(
        Scenarios.RESOURCES.resolve("concurrent/wit/world.wit")
            + ":10:10: world scenarios:concurrent/sleeper@0.1.0 has an async func, which stubWasi"
            + " does not support yet (the event loop of async exports has not been verified"
            + " without WASI); build without stubWasi",
        e.getMessage());
  }

  private static String command(String call) {
    return "wasmtime run -W component-model-async=y -S p3=y --invoke '"
        + call
        + "' concurrent.wasm";
  }

  private static Scenarios.Run invoke(String call) throws Exception {
    return Scenarios.run(
        List.of(
            Scenarios.wasmtime().toString(),
            "run",
            "-W",
            "component-model-async=y",
            "-S",
            "p3=y",
            "--invoke",
            call,
            component.toString()),
        work,
        Map.of("RUST_BACKTRACE", "0"),
        600);
  }
}
