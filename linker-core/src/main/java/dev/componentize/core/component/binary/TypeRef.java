package dev.componentize.core.component.binary;

import dev.componentize.core.component.types.PrimitiveType;
import java.util.Objects;

/**
 * A {@code valtype} in the binary format: a primitive written inline as its opcode, or an index
 * into the current type index space (Binary.md, "Type Definitions": {@code valtype}).
 */
public sealed interface TypeRef {

  void write(BinaryWriter w);

  static TypeRef of(PrimitiveType primitive) {
    return new Primitive(primitive);
  }

  static TypeRef index(int index) {
    return new Index(index);
  }

  /** An inline primitive type. */
  record Primitive(PrimitiveType type) implements TypeRef {
    public Primitive {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(type.opcode());
    }
  }

  /**
   * A type index, written as a non-negative signed LEB128 (an {@code s33}): primitive opcodes are
   * the negative one-byte SLEB128 values, so an index such as 68 (0x44, bit 6 set) needs a second
   * byte to stay positive (Binary.md, notes on type definitions).
   */
  record Index(int index) implements TypeRef {
    public Index {
      if (index < 0) {
        throw new IllegalArgumentException("negative type index " + index);
      }
    }

    @Override
    public void write(BinaryWriter w) {
      w.s32(index);
    }
  }
}
