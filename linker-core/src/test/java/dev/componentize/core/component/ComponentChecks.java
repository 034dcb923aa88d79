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

/**
 * The checks every proof component goes through with the real tools: {@code wasm-tools validate},
 * {@code wasm-tools component wit} against the WIT we started from, and {@code jco transpile} plus
 * a node script that calls the exports. Each skips (JUnit assumption) when its tool is absent.
 */
final class ComponentChecks {
  private ComponentChecks() {}

  static void assertValid(Path component) throws Exception {
    TestTools.Result result =
        TestTools.run(
            component.getParent(),
            60,
            TestTools.wasmTools().toString(),
            "validate",
            component.toString());
    assertEquals(0, result.exitCode(), result::describe);
  }

  /**
   * Asserts that each named interface prints the same from the component as from {@code wit} (both
   * normalized by {@code wasm-tools component wit}), and that the component's world has exactly
   * {@code worldItems} (lines between the braces of {@code world root}).
   */
  static void assertWitRoundTrip(
      Path component, Path wit, List<String> interfaces, List<String> worldItems) throws Exception {
    String wasmTools = TestTools.wasmTools().toString();
    Path dir = component.getParent();
    TestTools.Result printed =
        TestTools.run(dir, 60, wasmTools, "component", "wit", component.toString());
    assertEquals(0, printed.exitCode(), printed::describe);
    for (String iface : interfaces) {
      TestTools.Result original =
          TestTools.run(dir, 60, wasmTools, "component", "wit", wit.toAbsolutePath().toString());
      assertEquals(0, original.exitCode(), original::describe);
      String header = "interface " + iface + " {";
      assertEquals(
          block(original.stdout(), header), block(printed.stdout(), header), "interface " + iface);
    }
    List<String> world = block(printed.stdout(), "world root {");
    assertEquals(worldItems, world.subList(1, world.size() - 1));
  }

  /**
   * Transpiles {@code component} with jco (instantiation mode, output named {@code name}) and runs
   * the node script {@code script} (a test resource) on the output; the script must exit 0 and
   * report no failure.
   */
  static TestTools.Result assertJcoScriptPasses(Path component, String name, String script)
      throws Exception {
    return assertJcoScriptPasses(component, name, script, true);
  }

  /**
   * As {@link #assertJcoScriptPasses(Path, String, String)}; with {@code instantiation} false the
   * output is a plain ES module that imports its WASI host from {@code
   * @bytecodealliance/preview2-shim}, found through a {@code node_modules} link to jco's install.
   * Returns the script's run for further checks.
   */
  static TestTools.Result assertJcoScriptPasses(
      Path component, String name, String script, boolean instantiation) throws Exception {
    Path jcoHome = TestTools.jcoHome();
    String node = TestTools.node().toString();
    Path dir = component.getParent();
    Path out = dir.resolve("jco-" + name);
    List<String> command =
        new ArrayList<>(
            List.of(
                node,
                TestTools.jcoScript(jcoHome).toString(),
                "transpile",
                component.toString(),
                "--name",
                name,
                "--quiet",
                "-o",
                out.toString()));
    if (instantiation) {
      command.addAll(List.of("--instantiation", "async"));
    }
    TestTools.Result transpile = TestTools.run(command, dir, 300);
    assertEquals(0, transpile.exitCode(), transpile::describe);
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    if (!instantiation) {
      Files.createSymbolicLink(out.resolve("node_modules"), jcoHome.resolve("node_modules"));
    }
    Path scriptFile = dir.resolve(Path.of(script).getFileName().toString());
    Files.write(scriptFile, resource(script));

    TestTools.Result run = TestTools.run(dir, 120, node, scriptFile.toString(), out.toString());
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().contains(" passed, 0 failed"), run::describe);
    return run;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            ComponentChecks.class.getResourceAsStream("/component/" + name), name)) {
      return in.readAllBytes();
    }
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
}
