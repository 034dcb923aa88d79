package dev.componentize.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.WasmWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-initialization caches in the real pipeline. SnapshotCache: a build whose every input is
 * unchanged reuses the earlier snapshot and yields the same program as the run that made it; a
 * changed app source runs pre-initialization again. BytecodeCache: the first build compiles the
 * bindings to bytecode, later ones take it from the cache, and the program does not depend on which
 * happened. A fresh run reports its phases.
 */
class ComponentizerSnapshotCacheTest {
  @TempDir Path work;

  @Test
  void anUnchangedBuildReusesTheSnapshotAndAnEditedAppRunsAgain() throws Exception {
    Path hello = PipelineFixtures.RESOURCES.resolve("hello");
    Path sources = Files.createDirectories(work.resolve("src"));
    Files.writeString(sources.resolve("app.py"), Files.readString(hello.resolve("app.py")));
    Path wheel =
        PipelineFixtures.wheel(
            work.resolve("greeting-1.0-py3-none-any.whl"),
            "greeting",
            "py3-none-any",
            Map.of("greeting/__init__.py", "def salute(name):\n    return f'Hello, {name}!'\n"));
    ComponentizeConfig.Builder config =
        ComponentizeConfig.builder()
            .wit(hello.resolve("world.wit"))
            .world("hello")
            .pythonSources(List.of(sources))
            .wheels(List.of(wheel))
            .runtimeBundle(PipelineFixtures.builtBundle())
            .output(work.resolve("hello.wasm"))
            .snapshotCache(work.resolve("cache"))
            .preInitializeOnly(true);

    ComponentizeResult first =
        Componentizer.componentize(config.workDirectory(work.resolve("work-1")).build());
    String fresh = preInitialization(first);
    assertFalse(fresh.contains("reused"), fresh);
    assertPhasesInOrder(
        fresh,
        "parse ",
        "compile ",
        " files in /bindings ",
        "instantiate ",
        "start CPython ",
        "import from /bindings ",
        "import from /sources/0 ",
        "snapshot ");

    // Another work directory (fresh bindings, other inodes): the guest sees the same inputs.
    ComponentizeResult second =
        Componentizer.componentize(config.workDirectory(work.resolve("work-2")).build());
    String reused = preInitialization(second);
    assertTrue(reused.contains("reused from " + work.resolve("cache")), reused);
    assertEquals(first.initOutput(), second.initOutput());
    assertSamePrograms(first, second);

    Files.writeString(
        sources.resolve("app.py"), "\n# edited\n", java.nio.file.StandardOpenOption.APPEND);
    ComponentizeResult edited =
        Componentizer.componentize(config.workDirectory(work.resolve("work-2")).build());
    String again = preInitialization(edited);
    assertFalse(again.contains("reused"), again);
    assertTrue(again.contains("bytecode from cache for /bindings "), again);

    // The same edited inputs with empty caches: the bindings are compiled again, and the program
    // is the same as the one built with bytecode from the cache.
    ComponentizeResult fromScratch =
        Componentizer.componentize(
            config
                .workDirectory(work.resolve("work-3"))
                .snapshotCache(work.resolve("other-cache"))
                .build());
    String scratch = preInitialization(fromScratch);
    assertTrue(scratch.matches(".*compile \\d+ files in /bindings .*"), scratch);
    assertSamePrograms(edited, fromScratch);
  }

  private static void assertSamePrograms(ComponentizeResult first, ComponentizeResult second) {
    List<ProgramInstance> a = first.program().instances();
    List<ProgramInstance> b = second.program().instances();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(
          WasmWriter.write(a.get(i).module()),
          WasmWriter.write(b.get(i).module()),
          a.get(i).name() + " differs");
    }
  }

  private static String preInitialization(ComponentizeResult result) {
    return result.timings().stream()
        .filter(t -> t.stage() == Stage.PRE_INITIALIZE)
        .map(StageTiming::summary)
        .findFirst()
        .orElseThrow();
  }

  private static void assertPhasesInOrder(String summary, String... phases) {
    int from = 0;
    for (String phase : phases) {
      int at = summary.indexOf(phase, from);
      assertTrue(at >= 0, "no phase '" + phase.strip() + "' after index " + from + ": " + summary);
      from = at + phase.length();
    }
  }
}
