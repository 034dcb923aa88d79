package dev.componentize.core.wasm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the wasm binary encoding (spec 5.1 "Conventions", 5.2 "Values") from a bounded window of a
 * byte array. Every read checks the window, so a length field that points past the end of its
 * section fails here, with the file, section and absolute offset, instead of reading the next
 * section's bytes. {@link #slice} hands out a sub-window and moves past it; {@link #expectEnd}
 * enforces that a section or subsection was consumed exactly.
 */
public final class ByteReader {

  private final String file;
  private final String section;
  private final byte[] buffer;
  private final int end;
  private final long base;
  private int position;

  ByteReader(String file, String section, byte[] buffer, int start, int end, long base) {
    this.file = file;
    this.section = section;
    this.buffer = buffer;
    this.position = start;
    this.end = end;
    this.base = base;
  }

  /** A reader over a whole file; offsets are indices into {@code bytes}. */
  public static ByteReader of(String file, byte[] bytes) {
    return new ByteReader(file, "header", bytes, 0, bytes.length, 0);
  }

  public String file() {
    return file;
  }

  public String section() {
    return section;
  }

  /** Absolute offset of the next byte. */
  public long offset() {
    return base + position;
  }

  public int remaining() {
    return end - position;
  }

  public boolean atEnd() {
    return position == end;
  }

  /**
   * The next {@code length} bytes as a reader of their own, labelled {@code sectionName}; this
   * reader moves past them.
   */
  public ByteReader slice(int length, String sectionName) {
    require(length);
    ByteReader sub = new ByteReader(file, sectionName, buffer, position, position + length, base);
    position += length;
    return sub;
  }

  /** Fails unless every byte of the window was read. */
  public void expectEnd(String what) {
    if (position != end) {
      throw error(what + " ends with " + remaining() + " unread byte(s)");
    }
  }

  public int u8() {
    require(1);
    return buffer[position++] & 0xff;
  }

  public int peekU8() {
    require(1);
    return buffer[position] & 0xff;
  }

  /** Unsigned LEB128 of at most 32 bits (spec 5.2.2): at most 5 bytes, unused bits zero. */
  public int u32() {
    long start = offset();
    int result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8();
      if (shift == 28 && (b & 0x70) != 0) {
        throw new WasmFormatException(file, section, start, "u32 LEB128 value exceeds 32 bits");
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      if (shift == 28) {
        throw new WasmFormatException(file, section, start, "u32 LEB128 longer than 5 bytes");
      }
    }
  }

  /** A u32 that must fit a non-negative Java int (counts, sizes, indices). */
  public int index(String what) {
    long start = offset();
    int value = u32();
    if (value < 0) {
      throw new WasmFormatException(
          file, section, start, what + " " + Integer.toUnsignedString(value) + " is too large");
    }
    return value;
  }

  /**
   * A vector length (spec 5.1.3). Each element takes at least {@code minElementSize} bytes, so a
   * count larger than the rest of the window is rejected before anything is allocated for it.
   */
  public int count(String what, int minElementSize) {
    long start = offset();
    int value = index(what);
    if ((long) value * minElementSize > remaining()) {
      throw new WasmFormatException(
          file,
          section,
          start,
          what + " " + value + " cannot fit in the " + remaining() + " byte(s) left");
    }
    return value;
  }

  /** Unsigned LEB128 of at most 64 bits: at most 10 bytes. */
  public long u64() {
    long start = offset();
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8();
      if (shift == 63 && (b & 0x7e) != 0) {
        throw new WasmFormatException(file, section, start, "u64 LEB128 value exceeds 64 bits");
      }
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      if (shift == 63) {
        throw new WasmFormatException(file, section, start, "u64 LEB128 longer than 10 bytes");
      }
    }
  }

  /** Signed LEB128 of at most 32 bits. */
  public int s32() {
    return (int) signed(32);
  }

  /** Signed LEB128 of at most 33 bits (block types, spec 5.4.1). */
  public long s33() {
    return signed(33);
  }

  /** Signed LEB128 of at most 64 bits. */
  public long s64() {
    return signed(64);
  }

  private long signed(int bits) {
    long start = offset();
    int maxBytes = (bits + 6) / 7;
    long result = 0;
    int shift = 0;
    for (int i = 1; ; i++) {
      int b = u8();
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
      if (i == maxBytes) {
        // The last byte carries (bits - 7 * (maxBytes - 1)) payload bits; the rest of it must
        // repeat the sign bit (spec 5.2.2), and it must not announce a continuation.
        int payload = bits - 7 * (maxBytes - 1);
        int signAndUnused = (b & 0x7f) >> (payload - 1);
        int allOnes = (1 << (8 - payload)) - 1;
        if ((b & 0x80) != 0 || (signAndUnused != 0 && signAndUnused != allOnes)) {
          throw new WasmFormatException(
              file, section, start, "s" + bits + " LEB128 value out of range or too long");
        }
      }
      if ((b & 0x80) == 0) {
        if (shift < 64 && (b & 0x40) != 0) {
          result |= -1L << shift;
        }
        return result;
      }
    }
  }

  /** The next {@code length} bytes, shared with the input (no copy). */
  public Bytes bytes(int length) {
    require(length);
    Bytes result = Bytes.wrap(buffer, position, length);
    position += length;
    return result;
  }

  /** The bytes from absolute offset {@code start} (already read by this reader) to here. */
  public Bytes since(long start) {
    int from = (int) (start - base);
    if (from < 0 || from > position) {
      throw new IllegalArgumentException("offset " + start + " is not behind the reader");
    }
    return Bytes.wrap(buffer, from, position - from);
  }

  /** A length-prefixed byte vector. */
  public Bytes byteVector(String what) {
    return bytes(count(what, 1));
  }

  public int fixedI32() {
    require(4);
    int value =
        (buffer[position] & 0xff)
            | (buffer[position + 1] & 0xff) << 8
            | (buffer[position + 2] & 0xff) << 16
            | (buffer[position + 3] & 0xff) << 24;
    position += 4;
    return value;
  }

  /** A name (spec 5.2.4): length-prefixed UTF-8, rejected if not well-formed. */
  public String name() {
    int length = count("name length", 1);
    long start = offset();
    int from = position;
    position += length;
    boolean ascii = true;
    for (int i = from; i < from + length; i++) {
      if (buffer[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(buffer, from, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer, from, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WasmFormatException(file, section, start, "name is not valid UTF-8");
    }
  }

  public WasmFormatException error(String detail) {
    return new WasmFormatException(file, section, offset(), detail);
  }

  public WasmFormatException error(long at, String detail) {
    return new WasmFormatException(file, section, at, detail);
  }

  private void require(int length) {
    if (length < 0 || length > end - position) {
      throw error(
          "unexpected end: needs "
              + Integer.toUnsignedString(length)
              + " byte(s), "
              + remaining()
              + " left in the section");
    }
  }
}
