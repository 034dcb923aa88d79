package dev.componentize.core.wasm;

/** A memory type (spec 5.3.8): limits in 64 KiB pages. */
public record MemoryType(Limits limits) {

  public static MemoryType of(long minPages) {
    return new MemoryType(Limits.of(minPages));
  }

  static MemoryType read(ByteReader in) {
    return new MemoryType(Limits.read(in));
  }

  void write(ByteWriter out) {
    limits.write(out);
  }
}
