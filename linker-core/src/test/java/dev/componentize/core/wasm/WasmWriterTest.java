package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class WasmWriterTest {

  static final List<String> FIXTURES = Fixtures.ALL;

  @ParameterizedTest
  @FieldSource("FIXTURES")
  void writingAReadModuleReproducesItsBytes(String fixture) {
    byte[] original = Fixtures.bytes(fixture);
    assertArrayEquals(original, WasmWriter.write(WasmReader.read(fixture, original)));
  }

  @ParameterizedTest
  @FieldSource("FIXTURES")
  void reEncodingEverySectionFromItsModelReproducesToolchainOutput(String fixture) {
    // clang/wasm-ld and wat2wasm write shortest LEBs outside code bodies, so the model alone
    // must reproduce their output: this checks the encoder of every section kind, not a copy.
    byte[] original = Fixtures.bytes(fixture);
    assertArrayEquals(original, WasmWriter.writeCanonical(WasmReader.read(fixture, original)));
  }

  @Test
  void paddedLebsSurviveARoundTripAndCanonicalWritingShortensThem() {
    // A type section whose size and count use 5-byte LEBs, as LLVM object files do.
    byte[] padded = {
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00,
      0x01,
      (byte) 0x88,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      0x00,
      (byte) 0x81,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      0x00,
      0x60,
      0x00,
      0x00
    };
    WasmModule module = WasmReader.read("padded", padded);
    assertArrayEquals(padded, WasmWriter.write(module));
    byte[] canonical = WasmWriter.writeCanonical(module);
    assertEquals(14, canonical.length);
    assertEquals(module, WasmReader.read("canonical", canonical));
  }

  @Test
  void aReplacedSectionIsReEncodedWhileTheOthersKeepTheirBytes() {
    byte[] original = Fixtures.bytes("libpic.so");
    WasmModule module = WasmReader.read("libpic.so", original);
    List<Export> exports = new ArrayList<>(module.exports());
    exports.add(new Export("pic_entry_alias", ExternalKind.FUNC, exports.get(1).index()));
    WasmModule changed = module.withSection(new ExportSection(exports));

    WasmModule reread = WasmReader.read("changed", WasmWriter.write(changed));
    assertEquals(changed, reread);
    assertNotEquals(module, reread);
    assertEquals(module.bodies(), reread.bodies());
    assertEquals(exports.get(1).index(), reread.export("pic_entry_alias").get().index());
  }

  @Test
  void anAddedSectionTakesItsPlaceInTheSpecOrder() {
    WasmModule module = Fixtures.module("libpic.so");
    WasmModule withCount = module.withSection(new DataCountSection(1));
    List<String> labels = withCount.sections().stream().map(Section::label).toList();
    assertEquals(labels.indexOf("element") + 1, labels.indexOf("datacount"));
    assertEquals(labels.indexOf("datacount") + 1, labels.indexOf("code"));
    assertEquals(withCount, WasmReader.read("with count", WasmWriter.write(withCount)));
  }

  @Test
  void modulesBuiltOutOfOrderAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> WasmModule.of(List.of(new StartSection(0), new TypeSection(List.of()))));
  }

  @Test
  void droppingCustomSectionsKeepsTheRestIntact() {
    WasmModule module = Fixtures.module("libdep.so");
    WasmModule stripped = module.withoutCustomSections(name -> !name.equals("dylink.0"));
    WasmModule reread = WasmReader.read("stripped", WasmWriter.write(stripped));
    assertEquals(stripped, reread);
    assertFalse(reread.customSection("name").isPresent());
    assertEquals("dylink.0", reread.sections().get(0).label());
  }
}
