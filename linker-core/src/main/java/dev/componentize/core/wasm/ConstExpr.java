package dev.componentize.core.wasm;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A constant expression (spec 3.3.10 "Constant Expressions", 5.4.9): the instruction bytes
 * including the final {@code end}, kept verbatim. The reader accepts the instructions that may
 * appear there: {@code t.const}, {@code global.get}, {@code ref.null}, {@code ref.func} and the
 * extended-const proposal's {@code i32/i64.add/sub/mul} (wasm-ld uses {@code global.get
 * __memory_base; i32.const n; i32.add} for PIC data when extended-const is enabled).
 */
public record ConstExpr(Bytes code) {

  private static final int END = 0x0b;
  private static final int GLOBAL_GET = 0x23;
  private static final int I32_CONST = 0x41;
  private static final int I64_CONST = 0x42;
  private static final int F32_CONST = 0x43;
  private static final int F64_CONST = 0x44;
  private static final int REF_NULL = 0xd0;
  private static final int REF_FUNC = 0xd2;
  private static final int SIMD_PREFIX = 0xfd;
  private static final int V128_CONST = 12;

  public ConstExpr {
    if (code.isEmpty() || code.get(code.length() - 1) != END) {
      throw new IllegalArgumentException("constant expression must end with 'end' (0x0b)");
    }
  }

  public static ConstExpr i32Const(int value) {
    return new ConstExpr(new ByteWriter(8).u8(I32_CONST).s32(value).u8(END).toBytes());
  }

  public static ConstExpr i64Const(long value) {
    return new ConstExpr(new ByteWriter(12).u8(I64_CONST).s64(value).u8(END).toBytes());
  }

  public static ConstExpr globalGet(int globalIndex) {
    return new ConstExpr(new ByteWriter(8).u8(GLOBAL_GET).u32(globalIndex).u8(END).toBytes());
  }

  public static ConstExpr refFunc(int functionIndex) {
    return new ConstExpr(new ByteWriter(8).u8(REF_FUNC).u32(functionIndex).u8(END).toBytes());
  }

  public static ConstExpr refNull(ValType type) {
    return new ConstExpr(new ByteWriter(4).u8(REF_NULL).u8(type.code()).u8(END).toBytes());
  }

  /** The value if this is exactly {@code i32.const n; end}. */
  public OptionalInt asI32Const() {
    if (code.get(0) != I32_CONST) {
      return OptionalInt.empty();
    }
    ByteReader in = code.reader("<expr>", "expr", 0);
    in.u8();
    int value = in.s32();
    return in.remaining() == 1 ? OptionalInt.of(value) : OptionalInt.empty();
  }

  /** The value if this is exactly {@code i64.const n; end}. */
  public OptionalLong asI64Const() {
    if (code.get(0) != I64_CONST) {
      return OptionalLong.empty();
    }
    ByteReader in = code.reader("<expr>", "expr", 0);
    in.u8();
    long value = in.s64();
    return in.remaining() == 1 ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** The global index if this is exactly {@code global.get g; end}. */
  public OptionalInt asGlobalGet() {
    if (code.get(0) != GLOBAL_GET) {
      return OptionalInt.empty();
    }
    ByteReader in = code.reader("<expr>", "expr", 0);
    in.u8();
    int index = in.u32();
    return in.remaining() == 1 ? OptionalInt.of(index) : OptionalInt.empty();
  }

  /** The function index if this is exactly {@code ref.func f; end}. */
  public OptionalInt asRefFunc() {
    if (code.get(0) != REF_FUNC) {
      return OptionalInt.empty();
    }
    ByteReader in = code.reader("<expr>", "expr", 0);
    in.u8();
    int index = in.u32();
    return in.remaining() == 1 ? OptionalInt.of(index) : OptionalInt.empty();
  }

  static ConstExpr read(ByteReader in) {
    long start = in.offset();
    scanLength(in);
    return new ConstExpr(in.since(start));
  }

  /** Moves {@code in} past one constant expression and returns its length in bytes. */
  private static int scanLength(ByteReader in) {
    long start = in.offset();
    while (true) {
      long at = in.offset();
      int opcode = in.u8();
      switch (opcode) {
        case END -> {
          return (int) (in.offset() - start);
        }
        case I32_CONST -> in.s32();
        case I64_CONST -> in.s64();
        case F32_CONST -> in.bytes(4);
        case F64_CONST -> in.bytes(8);
        case GLOBAL_GET, REF_FUNC -> in.u32();
        case REF_NULL -> ValType.readReference(in);
        case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e -> {
          // i32.add/sub/mul, i64.add/sub/mul (extended-const): no immediates.
        }
        case SIMD_PREFIX -> {
          int sub = in.u32();
          if (sub != V128_CONST) {
            throw in.error(
                at, "SIMD instruction " + sub + " is not allowed in a constant expression");
          }
          in.bytes(16);
        }
        default ->
            throw in.error(
                at, String.format("opcode 0x%02x is not allowed in a constant expression", opcode));
      }
    }
  }

  void write(ByteWriter out) {
    out.bytes(code);
  }
}
