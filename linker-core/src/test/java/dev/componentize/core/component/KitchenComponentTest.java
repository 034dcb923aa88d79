package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kitchen-sink proof: {@code kitchen.wasm} (built from {@code src/test/c/component/kitchen.c}
 * by {@code build.sh}) wrapped in a component of the world in {@code kitchen.wit}: every value type
 * kind, an exported resource with constructor, method, static function and destructor, imports
 * needing memory and realloc, 17 parameters spilled to memory.
 */
class KitchenComponentTest {
  @TempDir static Path work;
  private static Path component;

  @BeforeAll
  static void encode() throws Exception {
    component = work.resolve("kitchen.wasm");
    byte[] module = ComponentChecks.resource("kitchen.wasm");
    Files.write(component, WorldEncoder.encode(KitchenWorld.world(), module));
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    ComponentChecks.assertValid(component);
  }

  @Test
  void componentWitPrintsTheWorldWeStartedFrom() throws Exception {
    ComponentChecks.assertWitRoundTrip(
        component,
        Path.of("src/test/c/component/kitchen.wit"),
        List.of("host", "api"),
        List.of(
            "import test:kitchen/host@0.1.0;",
            "import now: func() -> u64;",
            "export test:kitchen/api@0.1.0;",
            "export version: func() -> u32;"));
  }

  @Test
  void nameSectionNamesTheCoreModulesAndTheNestedComponent() throws Exception {
    TestTools.Result printed =
        TestTools.run(work, 60, TestTools.wasmTools().toString(), "print", component.toString());
    assertEquals(0, printed.exitCode(), printed::describe);
    for (String expected :
        List.of(
            "(core module $main ",
            "(core module $shim ",
            "(core module $fixup ",
            "(component $test:kitchen/api@0.1.0-shim-component ")) {
      assertTrue(printed.stdout().contains(expected), expected);
    }
  }

  @Test
  void jcoTranspiledComponentAnswersEveryExportCorrectly() throws Exception {
    ComponentChecks.assertJcoScriptPasses(component, "kitchen", "kitchen-check.mjs");
  }
}
