package dev.componentize.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.build.BuildInputs;
import dev.componentize.core.build.BuildListener;
import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.WasmWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        // One parse for both runs; the bytecode pass runs on an instance of its own, which is
        // garbage before the build-time run instantiates (docs/design/performance.md, "First
        // build").
        "parse ",
        "start CPython for the bytecode pass ",
        "compile ",
        " files in /bindings ",
        "instantiate ",
        "start CPython ",
        "import from /bindings ",
        "keep base snapshot ",
        "start app ",
        "import from /sources/0 ",
        "snapshot ");
    assertTrue(fresh.contains("; base snapshot "), fresh);

    // Another work directory (fresh bindings, other inodes): the guest sees the same inputs.
    ComponentizeResult second =
        Componentizer.componentize(config.workDirectory(work.resolve("work-2")).build());
    String reused = preInitialization(second);
    assertTrue(reused.contains("reused from " + work.resolve("cache")), reused);
    assertEquals(first.initOutput(), second.initOutput());
    assertSamePrograms(first, second);

    // The same build once more, through the inputs the up-to-date check declares: the build
    // hashes only the files it wrote itself (the bindings, the embedded archive), the unpacked
    // wheel it checks and the bundle files the verification found changed since its record (none,
    // unless something touched the shared bundle meanwhile); the bundle's files (the
    // verification's digests), the sources' copies and the wheel (the fingerprint's) are not read
    // again for the snapshot key.
    BuildInputs inputs = new BuildInputs(config.workDirectory(work.resolve("work-2")).build());
    inputs.fingerprint().hex();
    int fingerprinted = inputs.digests().hashed();
    ComponentizeResult third = Componentizer.componentize(inputs, BuildListener.NONE);
    assertTrue(preInitialization(third).contains("reused"), preInitialization(third));
    int written =
        regularFiles(work.resolve("work-2/bindings"))
            + regularFiles(work.resolve("work-2/embedded"))
            + regularFiles(work.resolve("work-2/wheels/0-greeting-1.0-py3-none-any"))
            + rehashedByVerification(third);
    assertEquals(written, inputs.digests().hashed() - fingerprinted);

    Files.writeString(
        sources.resolve("app.py"), "\n# edited\n", java.nio.file.StandardOpenOption.APPEND);
    ComponentizeResult edited =
        Componentizer.componentize(config.workDirectory(work.resolve("work-2")).build());
    String again = preInitialization(edited);
    assertFalse(again.contains("reused"), again);
    assertTrue(again.contains("bytecode from cache for /bindings "), again);
    // The app changed, the world did not: the build resumes the state after the bindings' import.
    assertTrue(again.contains("; resumed base snapshot "), again);
    assertFalse(again.contains("start CPython"), again);

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
    assertTrue(scratch.contains("start CPython "), scratch);
    // Resumed from the base snapshot or run in full: the same program.
    assertSamePrograms(edited, fromScratch);
  }

  /**
   * Issue 11: each kind of kept artifact damaged on disk is noticed when read, reported, and made
   * again, and the program is the one a clean build gives: the snapshot entry (64 bytes flipped),
   * the base snapshot entry (issue 15), a bindings bytecode entry (a changed pyc would run at build
   * time), a file of an unpacked wheel.
   */
  @Test
  void damagedCacheEntriesAndUnpackedWheelsAreRebuiltWithAWarning() throws Exception {
    Path hello = PipelineFixtures.RESOURCES.resolve("hello");
    Path sources = Files.createDirectories(work.resolve("src"));
    Files.writeString(sources.resolve("app.py"), Files.readString(hello.resolve("app.py")));
    String greeting = "def salute(name):\n    return f'Hello, {name}!'\n";
    Path wheel =
        PipelineFixtures.wheel(
            work.resolve("greeting-1.0-py3-none-any.whl"),
            "greeting",
            "py3-none-any",
            Map.of("greeting/__init__.py", greeting));
    Path cache = work.resolve("cache");
    ComponentizeConfig config =
        ComponentizeConfig.builder()
            .wit(hello.resolve("world.wit"))
            .world("hello")
            .pythonSources(List.of(sources))
            .wheels(List.of(wheel))
            .runtimeBundle(PipelineFixtures.builtBundle())
            .output(work.resolve("hello.wasm"))
            .snapshotCache(cache)
            .workDirectory(work.resolve("work"))
            .preInitializeOnly(true)
            .build();
    List<String> warnings = new ArrayList<>();
    ComponentizeResult clean = Componentizer.componentize(config, warnings::add);
    assertEquals(List.of(), warnings);

    // The snapshot entry, 64 bytes flipped in the middle.
    Path snapshot = only(cache, ".snapshot");
    flip(snapshot);
    ComponentizeResult rebuilt = Componentizer.componentize(config, warnings::add);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).startsWith("snapshot cache entry " + snapshot + " is damaged (sha256 "),
        warnings.get(0));
    assertTrue(warnings.get(0).endsWith("; discarded, pre-initializing again"), warnings.get(0));
    String summary = preInitialization(rebuilt);
    assertFalse(summary.contains("reused"), summary);
    assertSamePrograms(clean, rebuilt);

    // The base snapshot entry; the snapshot is removed so that the program runs again.
    Path base = only(cache, ".base");
    flip(base);
    Files.delete(only(cache, ".snapshot"));
    rebuilt = Componentizer.componentize(config, warnings::add);
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(1).startsWith("base snapshot cache entry " + base + " is damaged (sha256 "),
        warnings.get(1));
    assertTrue(
        warnings.get(1).endsWith("; discarded, starting CPython and importing the bindings again"),
        warnings.get(1));
    summary = preInitialization(rebuilt);
    assertTrue(summary.contains("start CPython "), summary);
    assertTrue(summary.contains(" stored; "), summary);
    assertSamePrograms(clean, rebuilt);
    Files.delete(only(cache, ".base"));

    // A bindings bytecode entry; the snapshot is removed so that the program runs again.
    Path pyc = only(cache.resolve("bytecode"), ".pyc.entry");
    flip(pyc);
    Files.delete(only(cache, ".snapshot"));
    rebuilt = Componentizer.componentize(config, warnings::add);
    assertEquals(3, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(2).startsWith("bytecode cache entry " + pyc + " is damaged (sha256 "),
        warnings.get(2));
    assertTrue(warnings.get(2).endsWith("; discarded, compiling the bindings again"));
    summary = preInitialization(rebuilt);
    assertTrue(summary.matches(".*compile \\d+ files in /bindings .*"), summary);
    assertSamePrograms(clean, rebuilt);

    // A file of the unpacked wheel, replaced by code of the same size.
    Path unpacked = work.resolve("work/wheels/0-greeting-1.0-py3-none-any");
    Path module = unpacked.resolve("greeting/__init__.py");
    String planted = "import os;os.system('x')#".concat(" ".repeat(greeting.length() - 26)) + "\n";
    assertEquals(greeting.length(), planted.length());
    Files.writeString(module, planted);
    rebuilt = Componentizer.componentize(config, warnings::add);
    assertEquals(4, warnings.size(), warnings.toString());
    assertTrue(
        warnings
            .get(3)
            .startsWith(
                "unpacked wheel " + unpacked + " is damaged (greeting/__init__.py: sha256 "),
        warnings.get(3));
    assertEquals(greeting, Files.readString(module));
    // Unpacked again, the guest sees what it saw before: the snapshot is reused.
    assertTrue(preInitialization(rebuilt).contains("reused"), preInitialization(rebuilt));
    assertSamePrograms(clean, rebuilt);
  }

  /** How many bundle files the runtime stage hashed ("..., 12 hashed" in its summary). */
  private static int rehashedByVerification(ComponentizeResult result) {
    String summary =
        result.timings().stream()
            .filter(t -> t.stage() == Stage.RUNTIME)
            .map(StageTiming::summary)
            .findFirst()
            .orElseThrow();
    java.util.regex.Matcher hashed =
        java.util.regex.Pattern.compile(", (\\d+) hashed$").matcher(summary);
    return hashed.find() ? Integer.parseInt(hashed.group(1)) : 0;
  }

  private static int regularFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return (int) files.filter(Files::isRegularFile).count();
    }
  }

  private static Path only(Path directory, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).toList();
      assertFalse(found.isEmpty(), "no " + suffix + " in " + directory);
      return found.get(0);
    }
  }

  private static void flip(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int from = bytes.length / 2;
    for (int i = from; i < Math.min(bytes.length, from + 64); i++) {
      bytes[i] ^= (byte) 0xff;
    }
    Files.write(file, bytes);
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
