package dev.componentize.core.dylink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.dylink.ProducersSection.Field;
import dev.componentize.core.dylink.ProducersSection.Value;
import dev.componentize.core.wasm.ByteWriter;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.Fixtures;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProducersSectionTest {

  @Test
  void readsTheClangVersionThatProcessedAFixture() {
    ProducersSection producers = ProducersSection.of(Fixtures.module("libpic.so")).orElseThrow();
    assertEquals(
        Optional.of("19.1.7 (3~deb12u1)"),
        producers.version(ProducersSection.PROCESSED_BY, "Debian clang"));
    assertEquals(List.of(), producers.values(ProducersSection.SDK));
  }

  @Test
  void reEncodingGivesTheOriginalBytes() {
    for (String fixture : List.of("libdep.so", "libpic.so", "nonpic.wasm", "bulk.wasm")) {
      WasmModule module = Fixtures.module(fixture);
      assertEquals(
          module.customSection(ProducersSection.NAME).orElseThrow(),
          ProducersSection.of(module).orElseThrow().toCustomSection(),
          fixture);
    }
  }

  @Test
  void severalFieldsAndValuesRoundTrip() {
    ProducersSection producers =
        new ProducersSection(
            List.of(
                new Field(ProducersSection.LANGUAGE, List.of(new Value("C11", ""))),
                new Field(
                    ProducersSection.PROCESSED_BY,
                    List.of(
                        new Value("clang", "19.1.7"), new Value("componentize-maven", "0.1")))));
    assertEquals(producers, ProducersSection.read("p", producers.toCustomSection(), 0));
  }

  @Test
  void rejectsAFieldNamedTwice() {
    ByteWriter content = new ByteWriter().u32(2).name("sdk").u32(0).name("sdk").u32(0);
    WasmFormatException e =
        assertThrows(
            WasmFormatException.class,
            () ->
                ProducersSection.read(
                    "lib.so", new CustomSection(ProducersSection.NAME, content.toBytes()), 50));
    assertEquals("producers", e.section());
    assertEquals(56, e.offset());
    assertTrue(e.getMessage().contains("'sdk' appears twice"), e.getMessage());
  }

  @Test
  void rejectsTrailingBytes() {
    ByteWriter content = new ByteWriter().u32(0).u8(7);
    WasmFormatException e =
        assertThrows(
            WasmFormatException.class,
            () ->
                ProducersSection.read(
                    "lib.so", new CustomSection(ProducersSection.NAME, content.toBytes()), 0));
    assertEquals(1, e.offset());
  }
}
