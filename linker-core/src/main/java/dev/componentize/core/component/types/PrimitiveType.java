package dev.componentize.core.component.types;

/**
 * The primitive value types with their binary opcodes (component-model Binary.md, {@code
 * primvaltype}: the opcodes count down from SLEB128(-1) = 0x7f, leaving non-negative values for
 * type indices).
 */
public enum PrimitiveType implements ComponentValType {
  BOOL("bool", 0x7f),
  S8("s8", 0x7e),
  U8("u8", 0x7d),
  S16("s16", 0x7c),
  U16("u16", 0x7b),
  S32("s32", 0x7a),
  U32("u32", 0x79),
  S64("s64", 0x78),
  U64("u64", 0x77),
  F32("f32", 0x76),
  F64("f64", 0x75),
  CHAR("char", 0x74),
  STRING("string", 0x73),
  /** {@code error-context} (component-model async): an i32 handle, Binary.md 0x64. */
  ERROR_CONTEXT("error-context", 0x64);

  private final String witName;
  private final int opcode;

  PrimitiveType(String witName, int opcode) {
    this.witName = witName;
    this.opcode = opcode;
  }

  /** The name WIT uses for this type, e.g. {@code u32}. */
  public String witName() {
    return witName;
  }

  /** The single-byte {@code primvaltype} opcode. */
  public int opcode() {
    return opcode;
  }
}
