package dev.componentize.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeException;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's last two stages: the pre-initialized hello program is encoded as a component with
 * the runtime bundle's WASI preview1 reactor adapter (no adapter configured) and written to the
 * output file. wasm-tools and jco (scripts/install-test-tools.sh) check the component; those tests
 * are skipped without them.
 */
class ComponentizerEncodeTest {
  private static final Path TOOLS =
      Path.of(System.getProperty("user.home"), ".cache/componentize-maven/tools");
  private static final Path WASM_TOOLS = TOOLS.resolve("bin/wasm-tools");

  @TempDir static Path work;
  static ComponentizeResult result;
  static Path output;

  @BeforeAll
  static void componentizeWithTheAdapter() throws Exception {
    Path hello = PipelineFixtures.RESOURCES.resolve("hello");
    Path wheel =
        PipelineFixtures.wheel(
            work.resolve("greeting-1.0-py3-none-any.whl"),
            "greeting",
            "py3-none-any",
            Map.of("greeting/__init__.py", "def salute(name):\n    return f'Hello, {name}!'\n"));
    output = work.resolve("out/hello.wasm");
    result =
        Componentizer.componentize(
            ComponentizeConfig.builder()
                .wit(hello.resolve("world.wit"))
                .world("hello")
                .pythonSources(List.of(hello))
                .wheels(List.of(wheel))
                .runtimeBundle(PipelineFixtures.builtBundle())
                .output(output)
                .workDirectory(work.resolve("work"))
                .build());
  }

  @Test
  void theComponentIsWrittenAfterEncoding() throws Exception {
    result.timings().forEach(t -> System.out.println("stage " + t));
    assertEquals(
        List.of(Stage.PRE_INITIALIZE, Stage.ENCODE, Stage.WRITE),
        result.timings().stream().map(StageTiming::stage).toList().subList(6, 9));
    assertEquals(output, result.output().orElseThrow());
    byte[] written = Files.readAllBytes(output);
    assertEquals(result.componentSize(), written.length);
    // A component's preamble: magic, version 0x0d, layer 1 (Binary.md).
    assertArrayEquals(
        new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0}, java.util.Arrays.copyOf(written, 8));
    System.out.println("component size " + written.length + " bytes");
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    assumeTrue(Files.isExecutable(WASM_TOOLS), "no wasm-tools at " + WASM_TOOLS);
    Process validate =
        new ProcessBuilder(WASM_TOOLS.toString(), "validate", output.toString())
            .redirectErrorStream(true)
            .start();
    String text = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, validate.waitFor(), text);
  }

  @Test
  void jcoRunsTheComponentAndTheExportAnswersFromTheSnapshot() throws Exception {
    Path jcoHome = TOOLS.resolve("jco");
    Path jco = jcoHome.resolve("node_modules/@bytecodealliance/jco/dist/jco.js");
    assumeTrue(Files.isRegularFile(jco), "no jco at " + jco);
    Path out = work.resolve("jco-hello");
    String transpile =
        run(
            "node",
            jco.toString(),
            "transpile",
            output.toString(),
            "--name",
            "hello",
            "--quiet",
            "-o",
            out.toString());
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    Files.createSymbolicLink(out.resolve("node_modules"), jcoHome.resolve("node_modules"));
    String printed =
        run(
            "node",
            PipelineFixtures.RESOURCES.resolve("hello-check.mjs").toAbsolutePath().toString(),
            out.toString());
    System.out.println(transpile + printed);
    // The module-level string was computed at build time; jco's host has no /python at all.
    assertTrue(printed.contains("answer: Hello, Ada! (stdlib at /python)\n"), printed);
  }

  /**
   * Reproducible builds (issue 6): the second build has other work directories (fresh files, other
   * inodes and times) and still writes the same component.
   */
  @Test
  void aSecondBuildWritesTheSameBytes() throws Exception {
    Path again = work.resolve("again/hello.wasm");
    Componentizer.componentize(
        ComponentizeConfig.builder()
            .wit(PipelineFixtures.RESOURCES.resolve("hello/world.wit"))
            .world("hello")
            .pythonSources(List.of(PipelineFixtures.RESOURCES.resolve("hello")))
            .wheels(List.of(work.resolve("greeting-1.0-py3-none-any.whl")))
            .runtimeBundle(PipelineFixtures.builtBundle())
            .output(again)
            .workDirectory(work.resolve("work-again"))
            .build());
    assertArrayEquals(Files.readAllBytes(output), Files.readAllBytes(again));
  }

  /**
   * World hello names no WASI: the component imports the WASI 0.2.12 interfaces the preview1
   * adapter uses (and only those: no sockets, no insecure random) besides exporting greet.
   */
  @Test
  void theComponentImportsTheWasiInterfacesOfTheAdapterThoughTheWorldNamesNone() throws Exception {
    assumeTrue(Files.isExecutable(WASM_TOOLS), "no wasm-tools at " + WASM_TOOLS);
    String wit = run(WASM_TOOLS.toString(), "component", "wit", output.toString());
    List<String> imports =
        wit.lines().map(String::trim).filter(l -> l.startsWith("import ")).toList();
    assertEquals(
        List.of(
            "import wasi:io/error@0.2.12;",
            "import wasi:io/poll@0.2.12;",
            "import wasi:io/streams@0.2.12;",
            "import wasi:clocks/wall-clock@0.2.12;",
            "import wasi:filesystem/types@0.2.12;",
            "import wasi:cli/environment@0.2.12;",
            "import wasi:clocks/monotonic-clock@0.2.12;",
            "import wasi:filesystem/preopens@0.2.12;",
            "import wasi:random/random@0.2.12;",
            "import wasi:cli/stderr@0.2.12;",
            "import wasi:cli/stdin@0.2.12;",
            "import wasi:cli/stdout@0.2.12;",
            "import wasi:cli/terminal-input@0.2.12;",
            "import wasi:cli/terminal-stdin@0.2.12;",
            "import wasi:cli/terminal-output@0.2.12;",
            "import wasi:cli/terminal-stdout@0.2.12;",
            "import wasi:cli/terminal-stderr@0.2.12;",
            "import wasi:cli/exit@0.2.12;"),
        imports,
        wit);
    assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
  }

  /** A world that includes wasi:cli/imports itself still builds, with all it includes. */
  @Test
  void aWorldThatIncludesTheWasiImportsStillBuilds() throws Exception {
    Path withWasi = work.resolve("with-wasi/hello.wasm");
    ComponentizeResult included =
        Componentizer.componentize(
            ComponentizeConfig.builder()
                .wit(PipelineFixtures.RESOURCES.resolve("hello/world.wit"))
                .world("hello-wasi")
                .pythonSources(List.of(PipelineFixtures.RESOURCES.resolve("hello")))
                .wheels(List.of(work.resolve("greeting-1.0-py3-none-any.whl")))
                .runtimeBundle(PipelineFixtures.builtBundle())
                .output(withWasi)
                .workDirectory(work.resolve("work-with-wasi"))
                .build());
    assertEquals(withWasi, included.output().orElseThrow());
    assumeTrue(Files.isExecutable(WASM_TOOLS), "no wasm-tools at " + WASM_TOOLS);
    run(WASM_TOOLS.toString(), "validate", withWasi.toString());
    String wit = run(WASM_TOOLS.toString(), "component", "wit", withWasi.toString());
    // wasi:cli/imports brings sockets, which the adapter does not use.
    assertTrue(wit.contains("import wasi:sockets/tcp@0.2.12;"), wit);
  }

  @Test
  void anAppThatRaisesWhileImportedFailsTheBuildWithItsTracebackAndWritesNothing()
      throws Exception {
    Path raising = PipelineFixtures.RESOURCES.resolve("raising");
    Path failedOutput = work.resolve("failed/raising.wasm");
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () ->
                Componentizer.componentize(
                    ComponentizeConfig.builder()
                        .wit(PipelineFixtures.RESOURCES.resolve("hello/world.wit"))
                        .world("hello")
                        .pythonSources(List.of(raising))
                        .runtimeBundle(PipelineFixtures.builtBundle())
                        .output(failedOutput)
                        .workDirectory(work.resolve("work-raising"))
                        .build()));
    assertEquals(Optional.of(Stage.PRE_INITIALIZE), e.stage());
    String message = e.getMessage();
    assertTrue(
        message.startsWith(
            "initializing the app module 'app' failed at build time: libcomponentize.so"
                + " componentize_init_app returned 1; the program printed:\n"),
        message);
    // The traceback names the project's file, not the guest's /sources/0/app.py.
    assertTrue(
        message.contains(
            "File \"" + raising.toAbsolutePath().resolve("app.py") + "\", line 10, in <module>"),
        message);
    assertFalse(message.contains("/sources/0"), message);
    assertTrue(message.contains("RuntimeError: no configuration found"), message);
    assertFalse(Files.exists(failedOutput.getParent()), "nothing written, not even a temp file");
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + text);
    return text;
  }
}
