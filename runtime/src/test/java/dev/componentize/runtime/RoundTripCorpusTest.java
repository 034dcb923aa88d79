package dev.componentize.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wasm.WasmWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * linker-core's binary model on the largest real inputs we have: every library of the runtime
 * bundle and CPython's static python.wasm read and written back byte for byte.
 */
class RoundTripCorpusTest {

  private static List<Path> corpus() throws IOException {
    Path bundle = RuntimeBundle.dir();
    try (Stream<Path> files =
        Stream.concat(
            Files.list(bundle.resolve("lib")), Stream.of(bundle.resolve("bin/python.wasm")))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void everyRuntimeModuleRoundTripsByteForByte() throws IOException {
    List<Path> corpus = corpus();
    assertTrue(corpus.size() >= 7, "corpus: " + corpus);
    for (Path file : corpus) {
      byte[] original = Files.readAllBytes(file);
      WasmModule module = WasmReader.read(file.getFileName().toString(), original);
      assertArrayEquals(original, WasmWriter.write(module), file + " changed in a round trip");
    }
  }

  @Test
  void everyRuntimeLibraryIsADynamicLibrary() throws IOException {
    for (Path file : corpus()) {
      WasmModule module = WasmReader.read(file);
      boolean library = file.getFileName().toString().endsWith(".so");
      assertTrue(
          DylinkSection.of(module).isPresent() == library,
          file + (library ? " has no dylink.0" : " has a dylink.0 but is not a library"));
      if (library) {
        assertFalse(module.customSections("componentize.toolchain").isEmpty(), file + " identity");
      }
    }
  }
}
