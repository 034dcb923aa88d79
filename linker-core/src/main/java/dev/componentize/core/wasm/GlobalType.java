package dev.componentize.core.wasm;

/** A global type (spec 5.3.10): value type and mutability. */
public record GlobalType(ValType type, boolean mutable) {

  public static GlobalType immutable(ValType type) {
    return new GlobalType(type, false);
  }

  public static GlobalType mutable(ValType type) {
    return new GlobalType(type, true);
  }

  static GlobalType read(ByteReader in) {
    ValType type = ValType.read(in);
    long at = in.offset();
    int mutability = in.u8();
    if (mutability > 1) {
      throw in.error(at, String.format("global mutability 0x%02x is neither 0 nor 1", mutability));
    }
    return new GlobalType(type, mutability == 1);
  }

  void write(ByteWriter out) {
    out.u8(type.code()).u8(mutable ? 1 : 0);
  }
}
