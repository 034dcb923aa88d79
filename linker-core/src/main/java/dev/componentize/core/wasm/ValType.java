package dev.componentize.core.wasm;

/**
 * Value types of the core spec with reference types and SIMD (spec 5.3.3 "Value Types"). The typed
 * function references and GC proposals' {@code (ref null? ht)} forms are not supported: nothing in
 * the C/Python toolchains we link emits them.
 */
public enum ValType {
  I32(0x7f, "i32"),
  I64(0x7e, "i64"),
  F32(0x7d, "f32"),
  F64(0x7c, "f64"),
  V128(0x7b, "v128"),
  FUNCREF(0x70, "funcref"),
  EXTERNREF(0x6f, "externref");

  private static final ValType[] BY_CODE = new ValType[128];

  static {
    for (ValType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;
  private final String text;

  ValType(int code, String text) {
    this.code = code;
    this.text = text;
  }

  public int code() {
    return code;
  }

  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF;
  }

  static ValType read(ByteReader in) {
    long at = in.offset();
    int code = in.u8();
    ValType type = code < 128 ? BY_CODE[code] : null;
    if (type == null) {
      throw in.error(at, describeUnknown(code));
    }
    return type;
  }

  static ValType readReference(ByteReader in) {
    long at = in.offset();
    ValType type = read(in);
    if (!type.isReference()) {
      throw in.error(at, "expected a reference type, found " + type);
    }
    return type;
  }

  private static String describeUnknown(int code) {
    if (code == 0x63 || code == 0x64) {
      return String.format(
          "typed reference type 0x%02x (function-references/GC proposal) is not supported", code);
    }
    return String.format("unknown value type 0x%02x", code);
  }

  @Override
  public String toString() {
    return text;
  }
}
