package dev.componentize.core.wasm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Growable output in the wasm binary encoding. LEB128 values are written in their shortest form,
 * which is what the spec's encoder and every toolchain we read emit; {@link #paddedU32} gives the
 * fixed 5-byte form for the rare place that must be patched later.
 */
public final class ByteWriter {

  private byte[] buffer;
  private int size;

  public ByteWriter() {
    this(256);
  }

  public ByteWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  public ByteWriter u8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  public ByteWriter u32(int value) {
    ensure(5);
    int v = value;
    while ((v & ~0x7f) != 0) {
      buffer[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buffer[size++] = (byte) v;
    return this;
  }

  /** A u32 LEB128 always 5 bytes long (a legal, non-minimal encoding). */
  public ByteWriter paddedU32(int value) {
    ensure(5);
    for (int i = 0; i < 4; i++) {
      buffer[size++] = (byte) (((value >>> (7 * i)) & 0x7f) | 0x80);
    }
    buffer[size++] = (byte) ((value >>> 28) & 0x0f);
    return this;
  }

  public ByteWriter u64(long value) {
    ensure(10);
    long v = value;
    while ((v & ~0x7fL) != 0) {
      buffer[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buffer[size++] = (byte) v;
    return this;
  }

  public ByteWriter s32(int value) {
    return s64(value);
  }

  public ByteWriter s64(long value) {
    ensure(10);
    long v = value;
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      buffer[size++] = (byte) (done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  public ByteWriter fixedI32(int value) {
    ensure(4);
    buffer[size++] = (byte) value;
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) (value >>> 16);
    buffer[size++] = (byte) (value >>> 24);
    return this;
  }

  public ByteWriter fixedI64(long value) {
    fixedI32((int) value);
    return fixedI32((int) (value >>> 32));
  }

  public ByteWriter bytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  public ByteWriter bytes(Bytes bytes) {
    ensure(bytes.length());
    bytes.copyTo(buffer, size);
    size += bytes.length();
    return this;
  }

  public ByteWriter bytes(ByteWriter other) {
    ensure(other.size);
    System.arraycopy(other.buffer, 0, buffer, size, other.size);
    size += other.size;
    return this;
  }

  /** A name: u32 byte length, then UTF-8. */
  public ByteWriter name(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return u32(utf8.length).bytes(utf8);
  }

  /** A byte vector: u32 length, then the bytes. */
  public ByteWriter byteVector(Bytes bytes) {
    return u32(bytes.length()).bytes(bytes);
  }

  /** A section or subsection body: u32 size, then the content of {@code body}. */
  public ByteWriter sized(ByteWriter body) {
    return u32(body.size).bytes(body);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /**
   * The content so far as {@link Bytes}, without a copy. Safe because a writer only appends: bytes
   * once written never change, and growing moves later writes to a new array.
   */
  public Bytes toBytes() {
    return Bytes.wrap(buffer, 0, size);
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
