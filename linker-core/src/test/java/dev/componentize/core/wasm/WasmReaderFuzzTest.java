package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.dylink.ProducersSection;
import dev.componentize.core.dylink.TargetFeaturesSection;
import dev.componentize.core.dylink.ToolchainIdentity;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the core-module reader (docs/fuzzing.md). Any byte string must give a
 * module or a {@link WasmFormatException}; any other throwable, or an input that takes longer than
 * the timeout, is a finding. A module that was read must also survive the writers: the preserving
 * writer gives back the input byte for byte, and the canonical encoding reads back and re-encodes
 * to itself, so a model that accepted something it cannot represent is found too.
 *
 * <p>A normal test run replays the seeds and every committed reproducer under {@code
 * WasmReaderFuzzTestInputs/coreModule/}; {@code scripts/fuzz.sh} fuzzes.
 */
class WasmReaderFuzzTest {

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void coreModule(byte[] input) {
    WasmModule module;
    try {
      module = WasmReader.read("fuzz.wasm", input);
    } catch (WasmFormatException expected) {
      return;
    }
    assertArrayEquals(input, WasmWriter.write(module), "preserving write changed the bytes");
    byte[] canonical = WasmWriter.writeCanonical(module);
    WasmModule again = WasmReader.read("canonical.wasm", canonical);
    assertArrayEquals(
        canonical, WasmWriter.writeCanonical(again), "canonical encoding is not a fixed point");
    readMetadata(module);
  }

  /** The custom sections the linker reads from every library, each on its own. */
  private static void readMetadata(WasmModule module) {
    try {
      DylinkSection.of(module);
    } catch (WasmFormatException expected) {
      // malformed dylink.0 or legacy dylink: a typed refusal
    }
    try {
      ProducersSection.of(module);
    } catch (WasmFormatException expected) {
      // malformed producers section
    }
    try {
      TargetFeaturesSection.of(module);
    } catch (WasmFormatException expected) {
      // malformed target_features section
    }
    try {
      ToolchainIdentity.of(module);
    } catch (WasmFormatException expected) {
      // malformed componentize.toolchain section
    }
  }
}
