package dev.componentize.core.bindings;

import dev.componentize.core.component.canon.FlatType;
import dev.componentize.core.wasm.ByteWriter;
import dev.componentize.core.wasm.FunctionBody;
import dev.componentize.core.wasm.Local;
import java.util.List;

/**
 * Instruction encoder for libworld.so's function bodies (core spec 5.4). It adds to what {@code
 * wasm.CodeBuilder} offers the typed loads and stores of all four flat types ({@code f32.load}
 * 0x2a, {@code f64.load} 0x2b, {@code f32.store} 0x38, {@code f64.store} 0x39), which moving flat
 * values between locals and memory needs; everything is memory 0 with natural alignment.
 */
final class FlatCode {
  private static final int BLOCK_EMPTY = 0x40;

  private final ByteWriter out = new ByteWriter(64);
  private int depth = 1;

  FlatCode localGet(int index) {
    out.u8(0x20).u32(index);
    return this;
  }

  FlatCode localTee(int index) {
    out.u8(0x22).u32(index);
    return this;
  }

  FlatCode globalGet(int index) {
    out.u8(0x23).u32(index);
    return this;
  }

  FlatCode globalSet(int index) {
    out.u8(0x24).u32(index);
    return this;
  }

  FlatCode i32Const(int value) {
    out.u8(0x41).s32(value);
    return this;
  }

  FlatCode i32Add() {
    out.u8(0x6a);
    return this;
  }

  FlatCode i32Sub() {
    out.u8(0x6b);
    return this;
  }

  FlatCode call(int function) {
    out.u8(0x10).u32(function);
    return this;
  }

  FlatCode unreachable() {
    out.u8(0x00);
    return this;
  }

  FlatCode returnFromFunction() {
    out.u8(0x0f);
    return this;
  }

  FlatCode block() {
    out.u8(0x02).u8(BLOCK_EMPTY);
    depth++;
    return this;
  }

  /** {@code br_table}: label {@code i} for operand {@code i} below {@code count}, else default. */
  FlatCode brTable(int count, int defaultLabel) {
    out.u8(0x0e).u32(count);
    for (int i = 0; i < count; i++) {
      out.u32(i);
    }
    out.u32(defaultLabel);
    return this;
  }

  FlatCode end() {
    out.u8(0x0b);
    depth--;
    return this;
  }

  /**
   * {@code <type>.load} at {@code offset} from the address on the stack (memarg: align, offset).
   */
  FlatCode load(FlatType type, int offset) {
    int opcode =
        switch (type) {
          case I32 -> 0x28;
          case I64 -> 0x29;
          case F32 -> 0x2a;
          case F64 -> 0x2b;
        };
    out.u8(opcode).u32(alignLog2(type)).u32(offset);
    return this;
  }

  /** {@code <type>.store} of the value on the stack at the address below it plus {@code offset}. */
  FlatCode store(FlatType type, int offset) {
    int opcode =
        switch (type) {
          case I32 -> 0x36;
          case I64 -> 0x37;
          case F32 -> 0x38;
          case F64 -> 0x39;
        };
    out.u8(opcode).u32(alignLog2(type)).u32(offset);
    return this;
  }

  private static int alignLog2(FlatType type) {
    return type == FlatType.I64 || type == FlatType.F64 ? 3 : 2;
  }

  /** The body: {@code locals} and these instructions followed by the function's final end. */
  FunctionBody body(List<Local> locals) {
    if (depth != 1) {
      throw new IllegalStateException(depth - 1 + " block(s) still open");
    }
    ByteWriter code = new ByteWriter(out.size() + 1);
    code.bytes(out);
    code.u8(0x0b);
    return new FunctionBody(locals, code.toBytes());
  }
}
