package dev.componentize.core.component.canon;

/**
 * A core WebAssembly value type as it appears in flattened signatures (CanonicalABI.md,
 * "Flattening"), with its core binary opcode (core spec 5.3.1, "Number Types").
 */
public enum FlatType {
  I32(0x7f),
  I64(0x7e),
  F32(0x7d),
  F64(0x7c);

  private final int opcode;

  FlatType(int opcode) {
    this.opcode = opcode;
  }

  public int opcode() {
    return opcode;
  }

  /**
   * The type that can carry a value of either {@code a} or {@code b} when two variant cases share a
   * flattened position (CanonicalABI.md, "Flattening", {@code join}): equal types stay, i32 and f32
   * meet in i32 (an f32 is reinterpreted as its bits), everything else widens to i64.
   */
  public static FlatType join(FlatType a, FlatType b) {
    if (a == b) {
      return a;
    }
    if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
      return I32;
    }
    return I64;
  }
}
