package dev.componentize.core.component.binary;

import dev.componentize.core.wasm.ByteWriter;

/**
 * An append-only byte buffer with the encodings the component binary format reuses from core
 * WebAssembly (core spec 5.2, "Values"): unsigned LEB128 {@code u32}, signed LEB128, and {@code
 * name} (a u32 byte length followed by UTF-8). The encodings are {@link ByteWriter}'s; this adds
 * the range checks of the component encoder's callers and the section framing.
 */
final class BinaryWriter {
  private final ByteWriter out = new ByteWriter();

  BinaryWriter u8(int b) {
    if (b < 0 || b > 0xff) {
      throw new IllegalArgumentException("not a byte: " + b);
    }
    out.u8(b);
    return this;
  }

  /** Unsigned LEB128 of a value in [0, 2^32). */
  BinaryWriter u32(long value) {
    if (value < 0 || value > 0xffff_ffffL) {
      throw new IllegalArgumentException("not a u32: " + value);
    }
    out.u32((int) value); // the same 32 bits, read as unsigned
    return this;
  }

  /** Signed LEB128 (core spec 5.2.2), used for {@code i32.const} immediates. */
  BinaryWriter s32(int value) {
    out.s32(value);
    return this;
  }

  BinaryWriter name(String name) {
    out.name(name);
    return this;
  }

  BinaryWriter bytes(byte[] bytes) {
    out.bytes(bytes);
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
