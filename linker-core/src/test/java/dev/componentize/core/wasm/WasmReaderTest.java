package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WasmReaderTest {

  private static byte[] module(int... sectionBytes) {
    byte[] bytes = new byte[8 + sectionBytes.length];
    byte[] header = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    System.arraycopy(header, 0, bytes, 0, 8);
    for (int i = 0; i < sectionBytes.length; i++) {
      bytes[8 + i] = (byte) sectionBytes[i];
    }
    return bytes;
  }

  private static WasmFormatException rejects(byte[] bytes) {
    return assertThrows(WasmFormatException.class, () -> WasmReader.read("bad.wasm", bytes));
  }

  private static void assertLocation(WasmFormatException e, String section, long offset) {
    assertEquals("bad.wasm", e.file());
    assertEquals(section, e.section());
    assertEquals(offset, e.offset());
    assertTrue(
        e.getMessage().startsWith("bad.wasm: section '" + section + "' at offset " + offset),
        e.getMessage());
  }

  @Test
  void readsImportsOfEveryKindFromThePicLibrary() {
    WasmModule lib = Fixtures.module("libpic.so");
    List<Import> imports = lib.imports();
    assertEquals(new Import("env", "memory", new Import.Memory(MemoryType.of(1))), imports.get(0));
    Import table = imports.get(1);
    assertEquals("__indirect_function_table", table.name());
    assertEquals(ValType.FUNCREF, ((Import.Table) table.type()).tableType().elementType());
    assertEquals(
        new Import("env", "__memory_base", new Import.Global(GlobalType.immutable(ValType.I32))),
        imports.get(2));
    assertTrue(
        imports.contains(
            new Import(
                "GOT.mem", "dep_counter", new Import.Global(GlobalType.mutable(ValType.I32)))));
    assertTrue(
        imports.contains(
            new Import(
                "GOT.func", "optional_hook", new Import.Global(GlobalType.mutable(ValType.I32)))));
    Import depAdd = imports.stream().filter(i -> i.name().equals("dep_add")).findFirst().get();
    assertEquals(
        FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
        lib.types().get(((Import.Func) depAdd.type()).typeIndex()));
    assertEquals(3, lib.importCount(ExternalKind.FUNC));
  }

  @Test
  void readsPicElementAndDataSegmentsRelativeToTheirBases() {
    WasmModule lib = Fixtures.module("libpic.so");
    ElementSegment element = lib.elements().get(0);
    assertEquals(SegmentMode.ACTIVE, element.mode());
    assertEquals(1, element.offset().get().asGlobalGet().getAsInt()); // env.__table_base
    DataSegment data = lib.dataSegments().get(0);
    assertEquals(0, data.offset().get().asGlobalGet().getAsInt()); // env.__memory_base
    assertEquals(
        FuncType.of(List.of(ValType.F32), List.of(ValType.F32)),
        lib.functionType(lib.export("pic_scale").get().index()));
  }

  @Test
  void readsSharedMemoryPassiveDataAndDataCount() {
    WasmModule bulk = Fixtures.module("bulk.wasm");
    Limits limits = bulk.memories().get(0).limits();
    assertTrue(limits.shared());
    assertEquals(OptionalLong.of(16), limits.max());
    assertTrue(bulk.dataSegments().stream().allMatch(d -> d.mode() == SegmentMode.PASSIVE));
    assertEquals(bulk.dataSegments().size(), bulk.section(DataCountSection.class).get().count());
    assertEquals(bulk.export("__wasm_init_memory").get().index(), bulk.startFunction().get());
  }

  @Test
  void readsASecondTableOfExternrefs() {
    WasmModule tables = Fixtures.module("libtables.so");
    assertEquals(ValType.EXTERNREF, tables.tables().get(0).type().elementType());
  }

  @Test
  void readsEncodingsClangDoesNotEmit() {
    WasmModule forms = Fixtures.module("forms.wasm");
    assertEquals(
        FuncType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.I64, ValType.I32)),
        forms.types().get(0));
    assertEquals(
        List.of(0, 1, 2, 3, 4, 5, 6, 3),
        forms.elements().stream().map(ElementSegment::form).toList());
    ElementSegment form6 = forms.elements().get(6);
    assertEquals(2, form6.tableIndex());
    assertEquals(ValType.EXTERNREF, form6.type());
    MemoryType memory64 = forms.memories().get(1);
    assertTrue(memory64.limits().index64());
    assertEquals(OptionalLong.of(3), memory64.limits().max());
    Import sharedMemory = forms.imports().get(2);
    assertTrue(((Import.Memory) sharedMemory.type()).memoryType().limits().shared());
    assertEquals(new Import.Tag(3), forms.imports().get(5).type());
    assertEquals(List.of(new TagType(4)), forms.section(TagSection.class).get().tags());
    DataSegment inMemory64 = forms.dataSegments().get(2);
    assertEquals(2, inMemory64.memoryIndex());
    assertEquals(32L, inMemory64.offset().get().asI64Const().getAsLong());
    assertEquals(SegmentMode.PASSIVE, forms.dataSegments().get(1).mode());
    assertEquals(
        List.of(new Local(2, ValType.I32), new Local(1, ValType.F64)),
        forms.bodies().get(0).locals());
    assertEquals(-7, forms.globals().get(0).init().asI32Const().getAsInt());
  }

  @Test
  void keepsCustomSectionsInPlaceAndReportsTheirContentOffset() {
    WasmModule lib = Fixtures.module("libdep.so");
    assertEquals("dylink.0", lib.sections().get(0).label());
    CustomSection dylink = lib.customSection("dylink.0").get();
    // Section id at 8, size at 9, name length at 10, "dylink.0" at 11..18, content at 19.
    assertEquals(OptionalLong.of(19), lib.contentOffset(dylink));
    assertEquals("name", lib.sections().get(lib.sections().size() - 3).label());
  }

  @Test
  void rejectsBadMagic() {
    byte[] bytes = module();
    bytes[3] = 'n';
    assertLocation(rejects(bytes), "header", 0);
  }

  @Test
  void rejectsAComponentWithAnExplanation() {
    byte[] bytes = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    WasmFormatException e = rejects(bytes);
    assertLocation(e, "header", 4);
    assertTrue(e.getMessage().contains("component, not a core module"), e.getMessage());
  }

  @Test
  void rejectsATruncatedSectionSizeLeb() {
    WasmFormatException e = rejects(module(0x01, 0x80, 0x80));
    assertLocation(e, "type", 11);
    assertTrue(e.getMessage().contains("unexpected end"), e.getMessage());
  }

  @Test
  void rejectsATruncatedLebInsideASection() {
    // type section of size 4: one entry, form 0x60, then a parameter count LEB cut short.
    assertLocation(rejects(module(0x01, 0x04, 0x01, 0x60, 0x80, 0x80)), "type", 14);
  }

  @Test
  void rejectsASectionRunningPastTheEndOfTheFile() {
    WasmFormatException e = rejects(module(0x01, 0x10, 0x00));
    assertLocation(e, "type", 9);
    assertTrue(e.getMessage().contains("section size 16 runs past the end"), e.getMessage());
  }

  @Test
  void rejectsAnUnknownSectionId() {
    WasmFormatException e = rejects(module(0x0e, 0x00));
    assertLocation(e, "section id 14", 8);
    assertTrue(e.getMessage().contains("unknown section id"), e.getMessage());
  }

  @Test
  void rejectsASectionNotConsumedExactly() {
    WasmFormatException e = rejects(module(0x01, 0x02, 0x00, 0x00));
    assertLocation(e, "type", 11);
    assertTrue(e.getMessage().contains("1 unread byte"), e.getMessage());
  }

  @Test
  void rejectsAnElementOverrunningItsSection() {
    // import section of size 5 whose only import's module name claims 5 bytes.
    WasmFormatException e = rejects(module(0x02, 0x05, 0x01, 0x05, 'e', 'n', 'v'));
    assertLocation(e, "import", 11);
    assertTrue(e.getMessage().contains("cannot fit"), e.getMessage());
  }

  @Test
  void rejectsSectionsOutOfOrderAndDuplicates() {
    WasmFormatException order = rejects(module(0x03, 0x01, 0x00, 0x02, 0x01, 0x00));
    assertLocation(order, "import", 11);
    assertTrue(order.getMessage().contains("may not follow 'function'"), order.getMessage());
    WasmFormatException duplicate = rejects(module(0x01, 0x01, 0x00, 0x01, 0x01, 0x00));
    assertLocation(duplicate, "type", 11);
    assertTrue(duplicate.getMessage().contains("duplicate"), duplicate.getMessage());
  }

  @Test
  void rejectsGcTypesWithAClearMessage() {
    WasmFormatException e = rejects(module(0x01, 0x04, 0x01, 0x4e, 0x00, 0x00));
    assertLocation(e, "type", 11);
    assertTrue(e.getMessage().contains("GC proposal"), e.getMessage());
  }

  @Test
  void rejectsCodeBodiesThatDoNotMatchTheFunctionSection() {
    // type () -> (); function section declares two functions; code has one body.
    byte[] bytes =
        module(
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x00, 0x0a, 0x04, 0x01,
            0x02, 0x00, 0x0b);
    WasmFormatException e = rejects(bytes);
    assertLocation(e, "code", 21);
    assertTrue(e.getMessage().contains("1 bodies for 2 declared functions"), e.getMessage());
  }

  @Test
  void rejectsDeclaredFunctionsWithoutACodeSection() {
    WasmFormatException e =
        rejects(module(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00));
    assertLocation(e, "function", 16);
    assertTrue(e.getMessage().contains("no code section"), e.getMessage());
  }

  @Test
  void rejectsADataCountThatDisagreesWithTheDataSection() {
    // data count 2; data section with one passive segment of 0 bytes.
    WasmFormatException e = rejects(module(0x0c, 0x01, 0x02, 0x0b, 0x03, 0x01, 0x01, 0x00));
    assertLocation(e, "data", 13);
    assertTrue(e.getMessage().contains("data count section says 2"), e.getMessage());
  }

  @Test
  void rejectsAFunctionBodyWithoutFinalEnd() {
    byte[] bytes =
        module(
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02,
            0x00, 0x01);
    WasmFormatException e = rejects(bytes);
    assertLocation(e, "code", 23);
    assertTrue(e.getMessage().contains("does not end with 'end'"), e.getMessage());
  }

  @Test
  void everyTruncationOrByteFlipOfAFixtureEitherParsesOrFailsWithAFormatError() {
    // No other exception (index out of bounds, negative array size, a record's own argument
    // check) may escape the reader, whatever the damage.
    Random random = new Random(7);
    for (String fixture : Fixtures.ALL) {
      byte[] original = Fixtures.bytes(fixture);
      int rejected = 0;
      for (int length = 0; length < original.length; length++) {
        rejected += parsesOrFormatError(java.util.Arrays.copyOf(original, length));
      }
      for (int i = 0; i < 5_000; i++) {
        byte[] mutated = original.clone();
        mutated[8 + random.nextInt(original.length - 8)] = (byte) random.nextInt(256);
        rejected += parsesOrFormatError(mutated);
      }
      assertTrue(rejected > original.length / 2, fixture + ": only " + rejected + " rejected");
    }
  }

  private static int parsesOrFormatError(byte[] bytes) {
    try {
      WasmModule module = WasmReader.read("damaged", bytes);
      assertFalse(module.sections().isEmpty() && bytes.length > 8);
      return 0;
    } catch (WasmFormatException expected) {
      assertEquals("damaged", expected.file());
      return 1;
    }
  }
}
