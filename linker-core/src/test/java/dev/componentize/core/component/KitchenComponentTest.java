package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kitchen-sink proof: {@code kitchen.wasm} (built from {@code src/test/c/component/kitchen.c}
 * by {@code build.sh}) wrapped in a component of the world in {@code kitchen.wit}, checked by the
 * real tools: {@code wasm-tools validate}, {@code wasm-tools component wit}, and a node script
 * calling every export of the {@code jco transpile} output.
 */
class KitchenComponentTest {
  private static final Path WIT = Path.of("src/test/c/component/kitchen.wit");

  @TempDir static Path work;
  private static Path component;

  @BeforeAll
  static void encode() throws Exception {
    component = work.resolve("kitchen.wasm");
    Files.write(component, WorldEncoder.encode(KitchenWorld.world(), resource("kitchen.wasm")));
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    TestTools.Result result =
        TestTools.run(work, 60, TestTools.wasmTools().toString(), "validate", component.toString());
    assertEquals(0, result.exitCode(), result::describe);
  }

  @Test
  void componentWitPrintsTheWorldWeStartedFrom() throws Exception {
    String wasmTools = TestTools.wasmTools().toString();
    TestTools.Result printed =
        TestTools.run(work, 60, wasmTools, "component", "wit", component.toString());
    assertEquals(0, printed.exitCode(), printed::describe);
    TestTools.Result original =
        TestTools.run(work, 60, wasmTools, "component", "wit", WIT.toAbsolutePath().toString());
    assertEquals(0, original.exitCode(), original::describe);

    for (String iface : List.of("host", "api")) {
      assertEquals(
          block(original.stdout(), "interface " + iface + " {"),
          block(printed.stdout(), "interface " + iface + " {"),
          "interface " + iface);
    }
    List<String> world = block(printed.stdout(), "world root {");
    assertEquals(
        List.of(
            "import test:kitchen/host@0.1.0;",
            "import now: func() -> u64;",
            "export test:kitchen/api@0.1.0;",
            "export version: func() -> u32;"),
        world.subList(1, world.size() - 1));
  }

  @Test
  void jcoTranspiledComponentAnswersEveryExportCorrectly() throws Exception {
    Path jcoHome = TestTools.jcoHome();
    String node = TestTools.node().toString();
    Path out = work.resolve("jco");
    TestTools.Result transpile =
        TestTools.run(
            work,
            300,
            node,
            TestTools.jcoScript(jcoHome).toString(),
            "transpile",
            component.toString(),
            "--name",
            "kitchen",
            "--instantiation",
            "async",
            "--quiet",
            "-o",
            out.toString());
    assertEquals(0, transpile.exitCode(), transpile::describe);
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    Path script = work.resolve("kitchen-check.mjs");
    Files.write(script, resource("kitchen-check.mjs"));

    TestTools.Result run = TestTools.run(work, 120, node, script.toString(), out.toString());
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().contains(" passed, 0 failed"), run::describe);
  }

  /** The lines of the brace-delimited block starting at {@code header}, each trimmed. */
  private static List<String> block(String text, String header) {
    List<String> lines = text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    int start = lines.indexOf(header);
    assertTrue(start >= 0, () -> "no '" + header + "' in:\n" + text);
    List<String> block = new ArrayList<>();
    int depth = 0;
    for (String line : lines.subList(start, lines.size())) {
      block.add(line);
      depth += count(line, '{') - count(line, '}');
      if (depth == 0) {
        return block;
      }
    }
    throw new AssertionError("unterminated block '" + header + "'");
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(ch -> ch == c).count();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            KitchenComponentTest.class.getResourceAsStream("/component/" + name), name)) {
      return in.readAllBytes();
    }
  }
}
