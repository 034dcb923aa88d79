package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteReaderTest {

  private static ByteReader reader(int... bytes) {
    byte[] array = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      array[i] = (byte) bytes[i];
    }
    return Bytes.of(array).reader("test.wasm", "import", 100);
  }

  @Test
  void decodesUnsigned32InShortestAndPaddedForms() {
    assertEquals(0, reader(0x00).u32());
    assertEquals(624485, reader(0xe5, 0x8e, 0x26).u32());
    assertEquals(3, reader(0x83, 0x80, 0x80, 0x80, 0x00).u32());
    assertEquals(-1, reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32());
  }

  @Test
  void rejectsUnsigned32WithBitsBeyond32() {
    WasmFormatException e =
        assertThrows(WasmFormatException.class, () -> reader(0xff, 0xff, 0xff, 0xff, 0x1f).u32());
    assertEquals(100, e.offset());
    assertTrue(e.getMessage().contains("exceeds 32 bits"), e.getMessage());
  }

  @Test
  void rejectsUnsigned32LongerThanFiveBytes() {
    WasmFormatException e =
        assertThrows(
            WasmFormatException.class, () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32());
    assertTrue(e.getMessage().contains("longer than 5 bytes"), e.getMessage());
  }

  @Test
  void truncatedLebNamesFileSectionAndOffsetOfTheMissingByte() {
    ByteReader in = reader(0x01, 0x80, 0x80);
    in.u8();
    WasmFormatException e = assertThrows(WasmFormatException.class, in::u32);
    assertEquals("test.wasm", e.file());
    assertEquals("import", e.section());
    assertEquals(103, e.offset());
    assertTrue(
        e.getMessage().startsWith("test.wasm: section 'import' at offset 103 (0x67)"),
        e.getMessage());
  }

  @Test
  void decodesSignedValuesAtTheirLimits() {
    assertEquals(-1, reader(0x7f).s32());
    assertEquals(63, reader(0x3f).s32());
    assertEquals(-64, reader(0x40).s32());
    assertEquals(Integer.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x78).s32());
    assertEquals(Integer.MAX_VALUE, reader(0xff, 0xff, 0xff, 0xff, 0x07).s32());
    assertEquals(
        Long.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64());
    assertEquals(-1L, reader(0xff, 0xff, 0xff, 0xff, 0x7f).s33());
    assertEquals(0xffff_ffffL, reader(0xff, 0xff, 0xff, 0xff, 0x0f).s33());
  }

  @Test
  void rejectsSigned32WhoseLastByteIsNotASignExtension() {
    assertThrows(WasmFormatException.class, () -> reader(0x80, 0x80, 0x80, 0x80, 0x70).s32());
    assertThrows(WasmFormatException.class, () -> reader(0xff, 0xff, 0xff, 0xff, 0x0f).s32());
  }

  @Test
  void decodesUnsigned64Maximum() {
    assertEquals(-1L, reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).u64());
    assertThrows(
        WasmFormatException.class,
        () -> reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03).u64());
  }

  @Test
  void readsUtf8NamesAndRejectsMalformedOnes() {
    assertEquals("env", reader(3, 'e', 'n', 'v').name());
    assertEquals("\u00e9", reader(2, 0xc3, 0xa9).name());
    WasmFormatException e =
        assertThrows(WasmFormatException.class, () -> reader(2, 0xc3, 0x28).name());
    assertEquals(101, e.offset());
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void rejectsVectorCountsThatCannotFitInTheRemainingBytes() {
    WasmFormatException e =
        assertThrows(WasmFormatException.class, () -> reader(0xff, 0xff, 0x03, 0x01).count("x", 1));
    assertTrue(e.getMessage().contains("cannot fit"), e.getMessage());
  }

  @Test
  void sliceIsBoundedAndExpectEndReportsUnreadBytes() {
    ByteReader in = reader(1, 2, 3, 4);
    ByteReader slice = in.slice(2, "code");
    assertEquals(102, in.offset());
    slice.u8();
    WasmFormatException unread =
        assertThrows(WasmFormatException.class, () -> slice.expectEnd("body"));
    assertTrue(unread.getMessage().contains("1 unread byte"), unread.getMessage());
    slice.u8();
    WasmFormatException overrun = assertThrows(WasmFormatException.class, slice::u8);
    assertEquals("code", overrun.section());
    assertEquals(102, overrun.offset());
  }

  @Test
  void readsFixedWidthLittleEndian() {
    assertEquals(0x04030201, reader(1, 2, 3, 4).fixedI32());
  }
}
