package dev.componentize.core.dylink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.wasm.CoreModuleFiles;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wasm.WasmWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Round trip over every core module of the CPython runtime bundle (libc.so, libpython3.13.so, the
 * emulated-* libraries, libdl.so, ...). The bundle is built outside this module's test run, so the
 * directory comes from the system property {@value #PROPERTY}, e.g. {@code mvn -pl linker-core test
 * -Dcomponentize.runtime.dir=$HOME/.cache/componentize-maven/runtime/<key>}. Without it the test is
 * skipped, saying so.
 */
class RuntimeBundleCorpusTest {

  static final String PROPERTY = "componentize.runtime.dir";

  @TestFactory
  Stream<DynamicTest> everyLibraryOfTheRuntimeBundleRoundTripsExactly() {
    String dir = System.getProperty(PROPERTY);
    assumeTrue(
        dir != null && !dir.isBlank(),
        "no runtime bundle given: set -D" + PROPERTY + "=<dir holding the bundle's .so files>");
    Path root = Path.of(dir);
    assumeTrue(Files.isDirectory(root), PROPERTY + "=" + dir + " is not a directory");
    List<Path> modules = CoreModuleFiles.under(root);
    assertFalse(modules.isEmpty(), "no core wasm modules under " + root);
    return modules.stream()
        .map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> check(file)));
  }

  private static void check(Path file) throws IOException {
    byte[] original = Files.readAllBytes(file);
    WasmModule module = WasmReader.read(file.toString(), original);
    assertArrayEquals(original, WasmWriter.write(module), "preserving write");
    byte[] canonical = WasmWriter.writeCanonical(module);
    assertEquals(module, WasmReader.read("canonical " + file, canonical), "re-encoded model");
    if (file.getFileName().toString().endsWith(".so")) {
      assertTrue(
          DylinkSection.of(module).isPresent(), "a shared library without dylink.0: " + file);
    }
    // Metadata sections decode and re-encode to their exact bytes.
    reEncodes(
        module, DylinkSection.NAME, m -> DylinkSection.of(m).map(DylinkSection::toCustomSection));
    reEncodes(
        module,
        ProducersSection.NAME,
        m -> ProducersSection.of(m).map(ProducersSection::toCustomSection));
    reEncodes(
        module,
        TargetFeaturesSection.NAME,
        m -> TargetFeaturesSection.of(m).map(TargetFeaturesSection::toCustomSection));
    reEncodes(
        module,
        ToolchainIdentity.NAME,
        m -> ToolchainIdentity.of(m).map(ToolchainIdentity::toCustomSection));
  }

  private static void reEncodes(
      WasmModule module, String name, Function<WasmModule, Optional<CustomSection>> codec) {
    assertEquals(module.customSection(name), codec.apply(module), name);
  }
}
