package dev.componentize.core.component.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An append-only byte buffer with the encodings the component binary format reuses from core
 * WebAssembly (core spec 5.2, "Values"): unsigned LEB128 {@code u32}, signed LEB128, and {@code
 * name} (a u32 byte length followed by UTF-8).
 */
final class BinaryWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  BinaryWriter u8(int b) {
    if (b < 0 || b > 0xff) {
      throw new IllegalArgumentException("not a byte: " + b);
    }
    out.write(b);
    return this;
  }

  /** Unsigned LEB128 of a value in [0, 2^32). */
  BinaryWriter u32(long value) {
    if (value < 0 || value > 0xffff_ffffL) {
      throw new IllegalArgumentException("not a u32: " + value);
    }
    do {
      int b = (int) (value & 0x7f);
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
    return this;
  }

  /** Signed LEB128 (core spec 5.2.2), used for {@code i32.const} immediates. */
  BinaryWriter s32(int value) {
    long v = value;
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  BinaryWriter name(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    u32(utf8.length);
    out.writeBytes(utf8);
    return this;
  }

  BinaryWriter bytes(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** A section: id byte, u32 size, contents (core spec 5.5.2, "Sections"). */
  BinaryWriter section(int id, byte[] contents) {
    u8(id);
    u32(contents.length);
    return bytes(contents);
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
