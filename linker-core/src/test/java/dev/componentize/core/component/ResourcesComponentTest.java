package dev.componentize.core.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imported resources and {@code use}: {@code resources.wasm} (from {@code resources.c}) in a
 * component of {@code resources.wit}, whose exported interface uses a resource and a record of the
 * imported one. Covers outer aliases in instance types, own and borrow handles of imported
 * resources, {@code [resource-drop]}, and a {@code type} alias.
 */
class ResourcesComponentTest {
  @TempDir static Path work;
  private static Path component;

  @BeforeAll
  static void encode() throws Exception {
    component = work.resolve("resources.wasm");
    byte[] module = ComponentChecks.resource("resources.wasm");
    Files.write(component, WorldEncoder.encode(ResourcesWorld.world(), module));
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    ComponentChecks.assertValid(component);
  }

  @Test
  void componentWitPrintsTheUseAndTheImportedResource() throws Exception {
    ComponentChecks.assertWitRoundTrip(
        component,
        Path.of("src/test/c/component/resources.wit"),
        List.of("store", "util"),
        List.of("import test:res/store@0.1.0;", "export test:res/util@0.1.0;"));
  }

  @Test
  void jcoTranspiledComponentCallsTheHostResource() throws Exception {
    ComponentChecks.assertJcoScriptPasses(component, "resources", "resources-check.mjs");
  }
}
