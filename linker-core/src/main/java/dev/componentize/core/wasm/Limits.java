package dev.componentize.core.wasm;

import java.util.OptionalLong;

/**
 * Limits of a memory or table (spec 5.3.7), with the threads proposal's {@code shared} flag and the
 * memory64/table64 proposal's 64-bit index type. Flag bit 3 (custom page sizes) is not supported.
 */
public record Limits(long min, OptionalLong max, boolean shared, boolean index64) {

  private static final int HAS_MAX = 0x01;
  private static final int SHARED = 0x02;
  private static final int INDEX64 = 0x04;

  public Limits {
    if (max.isPresent() && Long.compareUnsigned(max.getAsLong(), min) < 0) {
      throw new IllegalArgumentException("max " + max.getAsLong() + " below min " + min);
    }
  }

  public static Limits of(long min) {
    return new Limits(min, OptionalLong.empty(), false, false);
  }

  public static Limits of(long min, long max) {
    return new Limits(min, OptionalLong.of(max), false, false);
  }

  static Limits read(ByteReader in) {
    long at = in.offset();
    int flags = in.u8();
    if ((flags & ~(HAS_MAX | SHARED | INDEX64)) != 0) {
      throw in.error(
          at,
          String.format(
              "limits flags 0x%02x not supported (custom page sizes or unknown bits)", flags));
    }
    boolean index64 = (flags & INDEX64) != 0;
    long min = index64 ? in.u64() : Integer.toUnsignedLong(in.u32());
    OptionalLong max = OptionalLong.empty();
    if ((flags & HAS_MAX) != 0) {
      max = OptionalLong.of(index64 ? in.u64() : Integer.toUnsignedLong(in.u32()));
      if (Long.compareUnsigned(max.getAsLong(), min) < 0) {
        throw in.error(at, "limits maximum " + max.getAsLong() + " is below minimum " + min);
      }
    }
    return new Limits(min, max, (flags & SHARED) != 0, index64);
  }

  void write(ByteWriter out) {
    int flags = (max.isPresent() ? HAS_MAX : 0) | (shared ? SHARED : 0) | (index64 ? INDEX64 : 0);
    out.u8(flags);
    if (index64) {
      out.u64(min);
      max.ifPresent(out::u64);
    } else {
      out.u32((int) min);
      max.ifPresent(m -> out.u32((int) m));
    }
  }
}
