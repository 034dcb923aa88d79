package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstExprTest {

  private static ConstExpr read(int... bytes) {
    byte[] array = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      array[i] = (byte) bytes[i];
    }
    ByteReader in = Bytes.of(array).reader("expr.wasm", "global", 0);
    ConstExpr expr = ConstExpr.read(in);
    in.expectEnd("expression");
    return expr;
  }

  @Test
  void readsExtendedConstantAddressArithmetic() {
    // global.get 1; i32.const 16; i32.add; end: the PIC data address form with extended-const.
    ConstExpr expr = read(0x23, 0x01, 0x41, 0x10, 0x6a, 0x0b);
    assertEquals(6, expr.code().length());
    assertFalse(expr.asGlobalGet().isPresent());
  }

  @Test
  void recognisesTheSimpleForms() {
    assertEquals(-7, ConstExpr.i32Const(-7).asI32Const().getAsInt());
    assertEquals(Long.MIN_VALUE, ConstExpr.i64Const(Long.MIN_VALUE).asI64Const().getAsLong());
    assertEquals(300, ConstExpr.globalGet(300).asGlobalGet().getAsInt());
    assertEquals(9, ConstExpr.refFunc(9).asRefFunc().getAsInt());
    assertTrue(ConstExpr.refNull(ValType.EXTERNREF).asRefFunc().isEmpty());
  }

  @Test
  void readsFloatAndVectorConstants() {
    read(0x43, 0, 0, 0xc0, 0x3f, 0x0b);
    read(0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b);
    int[] v128 = new int[19]; // prefix, sub-opcode 12, 16 immediate bytes, end
    v128[0] = 0xfd;
    v128[1] = 12;
    v128[18] = 0x0b;
    assertEquals(19, read(v128).code().length());
  }

  @Test
  void rejectsInstructionsThatAreNotConstant() {
    WasmFormatException e = assertThrows(WasmFormatException.class, () -> read(0x41, 0x01, 0x10));
    assertEquals(2, e.offset());
    assertTrue(e.getMessage().contains("0x10 is not allowed"), e.getMessage());
  }

  @Test
  void rejectsAnExpressionWithoutEnd() {
    WasmFormatException e = assertThrows(WasmFormatException.class, () -> read(0x41, 0x01));
    assertEquals(2, e.offset());
  }
}
