package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, the base snapshot: a build of an edited app resumes the state after CPython's start-up
 * and the bindings' import that an earlier build of the same world kept, and imports only the app.
 * The component it writes is byte for byte the one a build of the same inputs without that base
 * writes (so the resumed state is exactly the state a full run reaches), and it runs on wasmtime
 * with the edit in effect. The scenario is the wasi:cli command app: a world with the WASI
 * interfaces, whose bindings are the expensive part of start-up.
 */
class BaseSnapshotScenarioTest {
  @TempDir Path work;

  @Test
  void anEditedAppResumesTheBaseAndWritesTheBytesOfAFullRun() throws Exception {
    Path sources = Files.createDirectories(work.resolve("python"));
    Path app = sources.resolve("app.py");
    Files.copy(Scenarios.RESOURCES.resolve("command/python/app.py"), app);
    Path cache = work.resolve("cache");

    String first = preInitialization(build("base-first", sources, cache));
    assertTrue(first.contains("; base snapshot "), first);
    assertTrue(first.contains(" stored; "), first);

    Files.writeString(
        app, "\nprint('edited after the base snapshot')\n", StandardOpenOption.APPEND);
    ComponentizeResult resumed = build("base-resumed", sources, cache);
    String resumedSummary = preInitialization(resumed);
    assertTrue(resumedSummary.contains("; resumed base snapshot "), resumedSummary);
    assertTrue(resumedSummary.contains("resume base snapshot "), resumedSummary);
    assertFalse(resumedSummary.contains("start CPython"), resumedSummary);

    ComponentizeResult full = build("base-full", sources, work.resolve("empty-cache"));
    String fullSummary = preInitialization(full);
    assertTrue(fullSummary.contains("start CPython "), fullSummary);
    assertEquals(resumed.initOutput(), full.initOutput());
    byte[] resumedBytes = Files.readAllBytes(resumed.output().orElseThrow());
    assertArrayEquals(
        Files.readAllBytes(full.output().orElseThrow()),
        resumedBytes,
        "the component built from the base snapshot differs from the full run's");
    System.out.println("resumed and full builds wrote the same " + resumedBytes.length + " bytes");

    Scenarios.Run run =
        Scenarios.wasmtimeRun(
            resumed.output().orElseThrow(), work, Map.of("GREETING", "hi"), Map.of(), "one");
    System.out.print(run.transcript("wasmtime run --env GREETING=hi base-resumed.wasm one"));
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().startsWith("Hello from a Python command component!\n"), run::describe);
    assertTrue(run.stdout().contains("\nargs: ['one']\n"), run::describe);
    // Printed while the app was imported at build time: in the build's output, not the run's.
    assertTrue(
        resumed.initOutput().contains("edited after the base snapshot"), resumed::initOutput);
  }

  private ComponentizeResult build(String output, Path sources, Path cache) throws Exception {
    List<String> warnings = new ArrayList<>();
    ComponentizeResult result =
        Scenarios.componentize(
            "command",
            output,
            work,
            List.of(),
            config -> config.pythonSources(List.of(sources)).snapshotCache(cache),
            warnings);
    assertEquals(List.of(), warnings);
    return result;
  }

  private static String preInitialization(ComponentizeResult result) {
    return result.timings().stream()
        .filter(t -> t.stage() == Stage.PRE_INITIALIZE)
        .map(StageTiming::summary)
        .findFirst()
        .orElseThrow();
  }
}
