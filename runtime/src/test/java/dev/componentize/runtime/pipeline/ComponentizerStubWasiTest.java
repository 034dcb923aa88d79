package dev.componentize.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stub-WASI mode ({@code stubWasi}): the pure app ({@code src/test/resources/pipeline/pure}) is
 * pre-initialized with WASI as always, then encoded without the preview1 adapter, every preview1
 * import served by a trapping function. The component imports nothing; its pure export answers (the
 * glue started the run time at build time, so an export call asks WASI for nothing), and the export
 * that prints traps at its write. Needs wasm-tools and jco (scripts/install-test-tools.sh).
 */
class ComponentizerStubWasiTest {
  private static final Path TOOLS =
      Path.of(System.getProperty("user.home"), ".cache/componentize-maven/tools");
  private static final Path WASM_TOOLS = TOOLS.resolve("bin/wasm-tools");

  @TempDir static Path work;
  static ComponentizeResult result;
  static Path output;

  @BeforeAll
  static void componentizeWithStubWasi() throws Exception {
    Path pure = PipelineFixtures.RESOURCES.resolve("pure");
    output = work.resolve("out/pure.wasm");
    result =
        Componentizer.componentize(
            ComponentizeConfig.builder()
                .wit(pure.resolve("world.wit"))
                .pythonSources(List.of(pure))
                .runtimeBundle(PipelineFixtures.builtBundle())
                .output(output)
                .workDirectory(work.resolve("work"))
                .stubWasi(true)
                .build());
  }

  @Test
  void theComponentIsWrittenAndValid() throws Exception {
    assertEquals(output, result.output().orElseThrow());
    assumeTrue(Files.isExecutable(WASM_TOOLS), "no wasm-tools at " + WASM_TOOLS);
    run(WASM_TOOLS.toString(), "validate", output.toString());
  }

  @Test
  void theComponentImportsNothingFromWasi() throws Exception {
    assumeTrue(Files.isExecutable(WASM_TOOLS), "no wasm-tools at " + WASM_TOOLS);
    String wit = run(WASM_TOOLS.toString(), "component", "wit", output.toString());
    assertFalse(wit.contains("wasi:"), wit);
    assertFalse(wit.lines().anyMatch(l -> l.trim().startsWith("import ")), wit);
    assertTrue(wit.contains("export add: func(a: s32, b: s32) -> s32;"), wit);
    assertTrue(wit.contains("export shout: func(text: string) -> string;"), wit);
  }

  @Test
  void thePureExportAnswersUnderJcoAndTheOneThatPrintsTraps() throws Exception {
    Path jcoHome = TOOLS.resolve("jco");
    Path jco = jcoHome.resolve("node_modules/@bytecodealliance/jco/dist/jco.js");
    assumeTrue(Files.isRegularFile(jco), "no jco at " + jco);
    Path out = work.resolve("jco-pure");
    run(
        "node",
        jco.toString(),
        "transpile",
        output.toString(),
        "--name",
        "pure",
        "--quiet",
        "-o",
        out.toString());
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    String printed =
        run(
            "node",
            PipelineFixtures.RESOURCES.resolve("pure-check.mjs").toAbsolutePath().toString(),
            out.toString());
    System.out.println(printed);
    assertTrue(printed.contains("add(2, 40) = 42\n"), printed);
    assertTrue(printed.contains("add(-7, 3) = -4\n"), printed);
    assertTrue(printed.contains("shout trapped: "), printed);
    assertFalse(printed.contains("shout returned"), printed);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + text);
    return text;
  }
}
