package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteWriterTest {

  private static ByteReader readerOf(ByteWriter out) {
    return Bytes.of(out.toByteArray()).reader("w", "test", 0);
  }

  @Test
  void writesShortestLebForms() {
    assertArrayEquals(
        new byte[] {(byte) 0xe5, (byte) 0x8e, 0x26}, new ByteWriter().u32(624485).toByteArray());
    assertArrayEquals(new byte[] {0x7f}, new ByteWriter().s32(-1).toByteArray());
    assertArrayEquals(new byte[] {(byte) 0xc0, 0x00}, new ByteWriter().s32(64).toByteArray());
    assertArrayEquals(new byte[] {0x40}, new ByteWriter().s32(-64).toByteArray());
  }

  @Test
  void paddedU32IsFiveBytesAndReadsBack() {
    ByteWriter out = new ByteWriter().paddedU32(3);
    assertEquals(5, out.size());
    assertEquals(3, readerOf(out).u32());
  }

  @Test
  void everyLebFormReadsBackForEdgeAndRandomValues() {
    Random random = new Random(42);
    long[] edges = {
      0,
      1,
      -1,
      63,
      64,
      -64,
      -65,
      127,
      128,
      Integer.MAX_VALUE,
      Integer.MIN_VALUE,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      0xffff_ffffL
    };
    for (int i = 0; i < 2000 + edges.length; i++) {
      long value = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
      ByteWriter out = new ByteWriter().u32((int) value).s32((int) value).s64(value).u64(value);
      ByteReader in = readerOf(out);
      assertEquals((int) value, in.u32());
      assertEquals((int) value, in.s32());
      assertEquals(value, in.s64());
      assertEquals(value, in.u64());
      in.expectEnd("values");
    }
  }

  @Test
  void sizedPrefixesTheBodyLength() {
    ByteWriter body = new ByteWriter().name("abc");
    assertArrayEquals(new byte[] {4, 3, 'a', 'b', 'c'}, new ByteWriter().sized(body).toByteArray());
  }
}
