package dev.componentize.core.dylink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.dylink.TargetFeaturesSection.Prefix;
import dev.componentize.core.wasm.ByteWriter;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.Fixtures;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetFeaturesSectionTest {

  @Test
  void readsTheFeaturesClangRecorded() {
    assertEquals(
        List.of(
            "atomics",
            "bulk-memory",
            "multivalue",
            "mutable-globals",
            "reference-types",
            "sign-ext"),
        TargetFeaturesSection.of(Fixtures.module("bulk.wasm")).orElseThrow().used());
    assertEquals(
        List.of("multivalue", "mutable-globals", "reference-types", "sign-ext"),
        TargetFeaturesSection.of(Fixtures.module("libpic.so")).orElseThrow().used());
  }

  @Test
  void reEncodingGivesTheOriginalBytes() {
    for (String fixture : List.of("libpic.so", "bulk.wasm", "libtables.so")) {
      WasmModule module = Fixtures.module(fixture);
      assertEquals(
          module.customSection(TargetFeaturesSection.NAME).orElseThrow(),
          TargetFeaturesSection.of(module).orElseThrow().toCustomSection(),
          fixture);
    }
  }

  @Test
  void disallowedFeaturesAreNotUsed() {
    TargetFeaturesSection features =
        new TargetFeaturesSection(
            List.of(
                new TargetFeature(Prefix.USED, "simd128"),
                new TargetFeature(Prefix.DISALLOWED, "atomics")));
    assertEquals(List.of("simd128"), features.used());
    assertEquals(features, TargetFeaturesSection.read("f", features.toCustomSection(), 0));
  }

  @Test
  void rejectsAnUnknownPrefix() {
    ByteWriter content = new ByteWriter().u32(1).u8('?').name("simd128");
    WasmFormatException e =
        assertThrows(
            WasmFormatException.class,
            () ->
                TargetFeaturesSection.read(
                    "lib.so",
                    new CustomSection(TargetFeaturesSection.NAME, content.toBytes()),
                    10));
    assertEquals(11, e.offset());
    assertTrue(e.getMessage().contains("unknown feature prefix 0x3f"), e.getMessage());
  }
}
