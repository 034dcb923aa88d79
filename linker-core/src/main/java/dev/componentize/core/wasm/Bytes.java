package dev.componentize.core.wasm;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * An immutable run of bytes, usually a window into the buffer a module was read from, so that code
 * bodies, data segments and custom sections cost no copy when read and written back. Equality is by
 * content.
 */
public final class Bytes {

  private static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

  private final byte[] array;
  private final int offset;
  private final int length;

  private Bytes(byte[] array, int offset, int length) {
    this.array = array;
    this.offset = offset;
    this.length = length;
  }

  /** A copy of {@code bytes}; later changes to the array do not show through. */
  public static Bytes of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone(), 0, bytes.length);
  }

  public static Bytes empty() {
    return EMPTY;
  }

  /**
   * A window onto {@code array} without copying. Only for arrays nobody modifies afterwards (the
   * reader's input, a writer's finished output).
   */
  static Bytes wrap(byte[] array, int offset, int length) {
    if (offset < 0 || length < 0 || offset > array.length - length) {
      throw new IndexOutOfBoundsException(offset + "+" + length + " > " + array.length);
    }
    return length == 0 ? EMPTY : new Bytes(array, offset, length);
  }

  static Bytes wrap(byte[] array) {
    return wrap(array, 0, array.length);
  }

  public int length() {
    return length;
  }

  public boolean isEmpty() {
    return length == 0;
  }

  public int get(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(index + " not in [0, " + length + ")");
    }
    return array[offset + index] & 0xff;
  }

  public byte[] toArray() {
    return Arrays.copyOfRange(array, offset, offset + length);
  }

  public Bytes slice(int from, int to) {
    if (from < 0 || to < from || to > length) {
      throw new IndexOutOfBoundsException("[" + from + ", " + to + ") not in [0, " + length + ")");
    }
    return wrap(array, offset + from, to - from);
  }

  /** A reader over these bytes; offsets in its errors start at {@code baseOffset}. */
  public ByteReader reader(String file, String section, long baseOffset) {
    return new ByteReader(file, section, array, offset, offset + length, baseOffset - offset);
  }

  void writeTo(ByteArrayOutputStream out) {
    out.write(array, offset, length);
  }

  void copyTo(byte[] target, int targetOffset) {
    System.arraycopy(array, offset, target, targetOffset, length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that
        && Arrays.equals(
            array, offset, offset + length, that.array, that.offset, that.offset + that.length);
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + array[i];
    }
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Bytes[").append(length).append(": ");
    for (int i = 0; i < Math.min(length, 16); i++) {
      text.append(String.format("%02x", array[offset + i]));
    }
    return text.append(length > 16 ? "...]" : "]").toString();
  }
}
