package dev.componentize.core.wasm;

import java.util.List;

/**
 * Encodes instructions (spec 5.4) for the code the linker synthesizes: relocation and constructor
 * runners, trampolines, GOT initialisation, table set-up. It tracks block nesting so that {@link
 * #build} only hands out a body whose final {@code end} closes the function.
 *
 * <p>Memory instructions take a {@code memoryIndex}: a non-zero index is encoded the multi-memory
 * way, flag bit 6 in the alignment field followed by the index.
 */
public final class CodeBuilder {

  private static final int BLOCK_EMPTY = 0x40;
  private static final int PREFIX_FC = 0xfc;
  private static final int MULTI_MEMORY_FLAG = 0x40;

  private final ByteWriter out = new ByteWriter(64);
  private int depth = 1; // the function body is the outermost block

  // ---- control (spec 5.4.1) ----

  public CodeBuilder unreachable() {
    op(0x00);
    return this;
  }

  public CodeBuilder nop() {
    op(0x01);
    return this;
  }

  /** {@code block} with no result. */
  public CodeBuilder block() {
    open(0x02).u8(BLOCK_EMPTY);
    return this;
  }

  /** {@code block} producing one value. */
  public CodeBuilder block(ValType result) {
    open(0x02).u8(result.code());
    return this;
  }

  /** {@code block} whose type is type-section entry {@code typeIndex} (multi-value). */
  public CodeBuilder blockOfType(int typeIndex) {
    open(0x02);
    out.s64(typeIndex);
    return this;
  }

  public CodeBuilder loop() {
    open(0x03).u8(BLOCK_EMPTY);
    return this;
  }

  public CodeBuilder ifThen() {
    open(0x04).u8(BLOCK_EMPTY);
    return this;
  }

  public CodeBuilder ifThen(ValType result) {
    open(0x04).u8(result.code());
    return this;
  }

  public CodeBuilder elseBranch() {
    if (depth < 2) {
      throw new IllegalStateException("'else' outside of an 'if'");
    }
    op(0x05);
    return this;
  }

  /** Closes the innermost block; the last {@code end} closes the function. */
  public CodeBuilder end() {
    if (depth == 0) {
      throw new IllegalStateException("function body already ended");
    }
    depth--;
    out.u8(0x0b);
    return this;
  }

  public CodeBuilder br(int label) {
    op(0x0c).u32(label);
    return this;
  }

  public CodeBuilder brIf(int label) {
    op(0x0d).u32(label);
    return this;
  }

  public CodeBuilder brTable(List<Integer> labels, int defaultLabel) {
    op(0x0e).u32(labels.size());
    for (int label : labels) {
      out.u32(label);
    }
    out.u32(defaultLabel);
    return this;
  }

  public CodeBuilder returnFromFunction() {
    op(0x0f);
    return this;
  }

  public CodeBuilder call(int functionIndex) {
    op(0x10).u32(functionIndex);
    return this;
  }

  public CodeBuilder callIndirect(int typeIndex, int tableIndex) {
    op(0x11).u32(typeIndex).u32(tableIndex);
    return this;
  }

  // ---- parametric and variable (spec 5.4.3, 5.4.4) ----

  public CodeBuilder drop() {
    op(0x1a);
    return this;
  }

  public CodeBuilder select() {
    op(0x1b);
    return this;
  }

  public CodeBuilder localGet(int index) {
    op(0x20).u32(index);
    return this;
  }

  public CodeBuilder localSet(int index) {
    op(0x21).u32(index);
    return this;
  }

  public CodeBuilder localTee(int index) {
    op(0x22).u32(index);
    return this;
  }

  public CodeBuilder globalGet(int index) {
    op(0x23).u32(index);
    return this;
  }

  public CodeBuilder globalSet(int index) {
    op(0x24).u32(index);
    return this;
  }

  // ---- table (spec 5.4.5) ----

  public CodeBuilder tableGet(int table) {
    op(0x25).u32(table);
    return this;
  }

  public CodeBuilder tableSet(int table) {
    op(0x26).u32(table);
    return this;
  }

  public CodeBuilder tableInit(int elementSegment, int table) {
    prefixed(12).u32(elementSegment).u32(table);
    return this;
  }

  public CodeBuilder elemDrop(int elementSegment) {
    prefixed(13).u32(elementSegment);
    return this;
  }

  public CodeBuilder tableCopy(int destination, int source) {
    prefixed(14).u32(destination).u32(source);
    return this;
  }

  public CodeBuilder tableGrow(int table) {
    prefixed(15).u32(table);
    return this;
  }

  public CodeBuilder tableSize(int table) {
    prefixed(16).u32(table);
    return this;
  }

  public CodeBuilder tableFill(int table) {
    prefixed(17).u32(table);
    return this;
  }

  // ---- memory (spec 5.4.6); alignment is log2 of the byte alignment ----

  public CodeBuilder i32Load(int memoryIndex, int alignLog2, long offset) {
    return memoryOp(0x28, memoryIndex, alignLog2, offset);
  }

  public CodeBuilder i64Load(int memoryIndex, int alignLog2, long offset) {
    return memoryOp(0x29, memoryIndex, alignLog2, offset);
  }

  public CodeBuilder i32Load8U(int memoryIndex, long offset) {
    return memoryOp(0x2d, memoryIndex, 0, offset);
  }

  public CodeBuilder i32Store(int memoryIndex, int alignLog2, long offset) {
    return memoryOp(0x36, memoryIndex, alignLog2, offset);
  }

  public CodeBuilder i64Store(int memoryIndex, int alignLog2, long offset) {
    return memoryOp(0x37, memoryIndex, alignLog2, offset);
  }

  public CodeBuilder i32Store8(int memoryIndex, long offset) {
    return memoryOp(0x3a, memoryIndex, 0, offset);
  }

  public CodeBuilder memorySize(int memoryIndex) {
    op(0x3f).u32(memoryIndex);
    return this;
  }

  public CodeBuilder memoryGrow(int memoryIndex) {
    op(0x40).u32(memoryIndex);
    return this;
  }

  public CodeBuilder memoryInit(int dataSegment, int memoryIndex) {
    prefixed(8).u32(dataSegment).u32(memoryIndex);
    return this;
  }

  public CodeBuilder dataDrop(int dataSegment) {
    prefixed(9).u32(dataSegment);
    return this;
  }

  public CodeBuilder memoryCopy(int destination, int source) {
    prefixed(10).u32(destination).u32(source);
    return this;
  }

  public CodeBuilder memoryFill(int memoryIndex) {
    prefixed(11).u32(memoryIndex);
    return this;
  }

  // ---- numeric (spec 5.4.7) ----

  public CodeBuilder i32Const(int value) {
    op(0x41);
    out.s32(value);
    return this;
  }

  public CodeBuilder i64Const(long value) {
    op(0x42);
    out.s64(value);
    return this;
  }

  public CodeBuilder f32Const(float value) {
    op(0x43);
    out.fixedI32(Float.floatToRawIntBits(value));
    return this;
  }

  public CodeBuilder f64Const(double value) {
    op(0x44);
    out.fixedI64(Double.doubleToRawLongBits(value));
    return this;
  }

  public CodeBuilder i32Eqz() {
    op(0x45);
    return this;
  }

  public CodeBuilder i32Eq() {
    op(0x46);
    return this;
  }

  public CodeBuilder i32Ne() {
    op(0x47);
    return this;
  }

  public CodeBuilder i32LtU() {
    op(0x49);
    return this;
  }

  public CodeBuilder i32GeU() {
    op(0x4f);
    return this;
  }

  public CodeBuilder i32Add() {
    op(0x6a);
    return this;
  }

  public CodeBuilder i32Sub() {
    op(0x6b);
    return this;
  }

  public CodeBuilder i32Mul() {
    op(0x6c);
    return this;
  }

  public CodeBuilder i32And() {
    op(0x71);
    return this;
  }

  public CodeBuilder i32Or() {
    op(0x72);
    return this;
  }

  public CodeBuilder i32Shl() {
    op(0x74);
    return this;
  }

  public CodeBuilder i32ShrU() {
    op(0x76);
    return this;
  }

  public CodeBuilder i64Add() {
    op(0x7c);
    return this;
  }

  public CodeBuilder i32WrapI64() {
    op(0xa7);
    return this;
  }

  public CodeBuilder i64ExtendI32U() {
    op(0xad);
    return this;
  }

  // ---- reference (spec 5.4.2) ----

  public CodeBuilder refNull(ValType type) {
    if (!type.isReference()) {
      throw new IllegalArgumentException("ref.null needs a reference type, not " + type);
    }
    op(0xd0).u8(type.code());
    return this;
  }

  public CodeBuilder refIsNull() {
    op(0xd1);
    return this;
  }

  public CodeBuilder refFunc(int functionIndex) {
    op(0xd2).u32(functionIndex);
    return this;
  }

  /** The instruction bytes; the function's final {@code end} must have been emitted. */
  public Bytes build() {
    if (depth != 0) {
      throw new IllegalStateException(
          depth + " block(s) still open, including the function body: add end()");
    }
    return Bytes.of(out.toByteArray());
  }

  /**
   * The instructions so far, for splicing in front of another function's body (a call added to its
   * start, say): every block they opened must be closed, and the function's {@code end} is the
   * other body's.
   */
  public Bytes fragment() {
    if (depth != 1) {
      throw new IllegalStateException(
          (depth - 1) + " block(s) still open in a fragment, or the function body ended");
    }
    return Bytes.of(out.toByteArray());
  }

  /** A function body with these instructions and the given locals. */
  public FunctionBody body(List<Local> locals) {
    return new FunctionBody(locals, build());
  }

  private CodeBuilder memoryOp(int opcode, int memoryIndex, int alignLog2, long offset) {
    if (alignLog2 < 0 || alignLog2 >= MULTI_MEMORY_FLAG) {
      throw new IllegalArgumentException("alignment exponent " + alignLog2 + " out of range");
    }
    op(opcode);
    if (memoryIndex == 0) {
      out.u32(alignLog2);
    } else {
      out.u32(alignLog2 | MULTI_MEMORY_FLAG).u32(memoryIndex);
    }
    out.u64(offset);
    return this;
  }

  private ByteWriter op(int opcode) {
    if (depth == 0) {
      throw new IllegalStateException("instruction after the function's final end");
    }
    return out.u8(opcode);
  }

  private ByteWriter open(int opcode) {
    ByteWriter w = op(opcode);
    depth++;
    return w;
  }

  private ByteWriter prefixed(int subOpcode) {
    return op(PREFIX_FC).u32(subOpcode);
  }
}
