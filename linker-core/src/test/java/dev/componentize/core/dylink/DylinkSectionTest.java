package dev.componentize.core.dylink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.dylink.DylinkSubsection.ExportFlags;
import dev.componentize.core.dylink.DylinkSubsection.ExportInfo;
import dev.componentize.core.dylink.DylinkSubsection.ImportFlags;
import dev.componentize.core.dylink.DylinkSubsection.ImportInfo;
import dev.componentize.core.dylink.DylinkSubsection.MemInfo;
import dev.componentize.core.dylink.DylinkSubsection.Needed;
import dev.componentize.core.dylink.DylinkSubsection.RuntimePath;
import dev.componentize.core.dylink.DylinkSubsection.Unknown;
import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.Fixtures;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;

class DylinkSectionTest {

  private static DylinkSection dylink(String fixture) {
    return DylinkSection.of(Fixtures.module(fixture)).orElseThrow();
  }

  private static WasmFormatException rejects(int... content) {
    byte[] bytes = new byte[content.length];
    for (int i = 0; i < content.length; i++) {
      bytes[i] = (byte) content[i];
    }
    CustomSection section = new CustomSection(DylinkSection.NAME, Bytes.of(bytes));
    return assertThrows(
        WasmFormatException.class, () -> DylinkSection.read("lib.so", section, 1000));
  }

  @Test
  void readsMemoryAndTableRequirementsOfThePicLibrary() {
    // libpic.so: 288 bytes of data+bss at 16-byte alignment (double, char[256], pointers) and one
    // table slot for local_square, whose address escapes into 'squarer'.
    assertEquals(new MemInfo(288, 4, 1, 0), dylink("libpic.so").memInfo());
    assertEquals(new MemInfo(20, 2, 0, 0), dylink("libdep.so").memInfo());
  }

  @Test
  void readsNeededLibraries() {
    assertEquals(List.of("libdep.so"), dylink("libpic.so").needed());
    assertEquals(List.of(), dylink("libdep.so").needed());
  }

  @Test
  void readsWeakImportFlags() {
    DylinkSection pic = dylink("libpic.so");
    assertEquals(
        List.of(
            new ImportFlags(
                "env", "optional_hook", SymbolFlags.BINDING_WEAK | SymbolFlags.UNDEFINED),
            new ImportFlags(
                "env", "optional_table", SymbolFlags.BINDING_WEAK | SymbolFlags.UNDEFINED)),
        pic.importInfo());
    assertTrue(pic.isWeakImport("env", "optional_hook"));
    assertFalse(pic.isWeakImport("env", "dep_add"));
    assertEquals(
        List.of("weak", "undefined"),
        SymbolFlags.describe(pic.importFlags("env", "optional_table")));
  }

  @Test
  void modulesWithoutTheSectionAreNotLibraries() {
    assertTrue(DylinkSection.of(Fixtures.module("nonpic.wasm")).isEmpty());
  }

  @Test
  void reEncodingTheFixturesSectionsGivesTheirBytes() {
    for (String fixture : List.of("libdep.so", "libpic.so", "libtables.so")) {
      WasmModule module = Fixtures.module(fixture);
      CustomSection original = module.customSection(DylinkSection.NAME).orElseThrow();
      assertEquals(original, DylinkSection.of(module).orElseThrow().toCustomSection(), fixture);
    }
  }

  @Test
  void everySubsectionKindRoundTripsInOrderIncludingUnknownOnes() {
    DylinkSection section =
        new DylinkSection(
            List.of(
                new MemInfo(1 << 20, 4, 7, 1),
                new Needed(List.of("libc.so", "libpython3.13.so")),
                new ExportInfo(List.of(new ExportFlags("errno_tls", SymbolFlags.TLS))),
                new ImportInfo(List.of(new ImportFlags("GOT.mem", "__heap_end", 1))),
                new RuntimePath(List.of("$ORIGIN/lib")),
                new Unknown(9, Bytes.of(new byte[] {1, 2, 3}))));
    CustomSection encoded = section.toCustomSection();
    DylinkSection read = DylinkSection.read("built", encoded, 0);
    assertEquals(section, read);
    assertEquals(SymbolFlags.TLS, read.exportFlags("errno_tls"));
    assertEquals(List.of("$ORIGIN/lib"), read.runtimePath());
  }

  @Test
  void rejectsASubsectionOverrunningTheSectionWithItsOffset() {
    // type 2 (needed), length 10, but only 2 bytes follow.
    WasmFormatException e = rejects(0x02, 0x0a, 0x01, 0x00);
    assertEquals("lib.so", e.file());
    assertEquals("dylink.0", e.section());
    assertEquals(1001, e.offset()); // the length field
    assertTrue(e.getMessage().contains("subsection length 10 cannot fit"), e.getMessage());
  }

  @Test
  void rejectsASubsectionWithTrailingBytes() {
    // mem-info with four zero fields and one extra byte inside the declared length.
    WasmFormatException e = rejects(0x01, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00);
    assertEquals(1006, e.offset());
    assertTrue(e.getMessage().contains("subsection 1 ends with 1 unread byte"), e.getMessage());
  }

  @Test
  void rejectsATruncatedMemInfo() {
    WasmFormatException e = rejects(0x01, 0x03, 0x00, 0x00, 0x00);
    assertEquals(1005, e.offset());
    assertTrue(e.getMessage().contains("unexpected end"), e.getMessage());
  }

  @Test
  void rejectsDuplicateSubsections() {
    WasmFormatException e = rejects(0x02, 0x01, 0x00, 0x02, 0x01, 0x00);
    assertEquals(1003, e.offset());
    assertTrue(e.getMessage().contains("duplicate subsection type 2"), e.getMessage());
  }

  @Test
  void damagedMetadataFailsOnlyWithFormatErrors() {
    // Byte flips and truncations of every metadata section of the fixtures: each reader either
    // decodes something or throws WasmFormatException, never another exception.
    java.util.Random random = new java.util.Random(11);
    for (String fixture : List.of("libdep.so", "libpic.so")) {
      WasmModule module = Fixtures.module(fixture);
      for (CustomSection section :
          List.of(
              module.customSection(DylinkSection.NAME).orElseThrow(),
              module.customSection(ProducersSection.NAME).orElseThrow(),
              module.customSection(TargetFeaturesSection.NAME).orElseThrow())) {
        byte[] content = section.content().toArray();
        for (int i = 0; i < 3_000; i++) {
          byte[] damaged =
              i % 3 == 0
                  ? java.util.Arrays.copyOf(content, random.nextInt(content.length))
                  : content.clone();
          if (i % 3 != 0) {
            damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
          }
          CustomSection copy = new CustomSection(section.name(), Bytes.of(damaged));
          try {
            switch (section.name()) {
              case DylinkSection.NAME -> DylinkSection.read(fixture, copy, 0);
              case ProducersSection.NAME -> ProducersSection.read(fixture, copy, 0);
              default -> TargetFeaturesSection.read(fixture, copy, 0);
            }
          } catch (WasmFormatException expected) {
            assertEquals(fixture, expected.file());
          }
        }
      }
    }
  }

  @Test
  void rejectsTheLegacyDylinkSectionWithAnExplanation() {
    WasmModule legacy =
        WasmModule.of(List.of(new CustomSection(DylinkSection.LEGACY_NAME, Bytes.of(new byte[4]))));
    WasmFormatException e = assertThrows(WasmFormatException.class, () -> DylinkSection.of(legacy));
    assertTrue(e.getMessage().contains("rebuild the library"), e.getMessage());
  }
}
