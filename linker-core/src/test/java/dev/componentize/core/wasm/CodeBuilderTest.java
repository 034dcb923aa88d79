package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeBuilderTest {

  private static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  @Test
  void encodesConstantsWithSignedLebs() {
    assertArrayEquals(
        bytes(0x41, 0x7f, 0x42, 0x80, 0x01, 0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x0b),
        new CodeBuilder()
            .i32Const(-1)
            .i64Const(128)
            .i32Const(Integer.MIN_VALUE)
            .end()
            .build()
            .toArray());
  }

  @Test
  void encodesTheRelocationRunnerPattern() {
    // global.get $__memory_base; i32.const 16; i32.add; global.get $GOT; i32.store align=2
    assertArrayEquals(
        bytes(0x23, 0x00, 0x41, 0x10, 0x6a, 0x23, 0x05, 0x36, 0x02, 0x00, 0x0b),
        new CodeBuilder()
            .globalGet(0)
            .i32Const(16)
            .i32Add()
            .globalGet(5)
            .i32Store(0, 2, 0)
            .end()
            .build()
            .toArray());
  }

  @Test
  void encodesMemoryArgumentsForOtherMemoriesWithTheMultiMemoryFlag() {
    assertArrayEquals(
        bytes(0x28, 0x42, 0x03, 0x80, 0x01, 0x0b),
        new CodeBuilder().i32Load(3, 2, 128).end().build().toArray());
  }

  @Test
  void encodesCallsTablesAndBulkMemory() {
    assertArrayEquals(
        bytes(
            0x10, 0x83, 0x01, // call 131
            0x11, 0x02, 0x00, // call_indirect type 2 table 0
            0xd2, 0x04, // ref.func 4
            0x26, 0x00, // table.set 0
            0xfc, 0x08, 0x01, 0x00, // memory.init 1 0
            0xfc, 0x09, 0x01, // data.drop 1
            0xfc, 0x0f, 0x00, // table.grow 0
            0xd0, 0x70, // ref.null func
            0x1a, 0x00, 0x0f, 0x0b),
        new CodeBuilder()
            .call(131)
            .callIndirect(2, 0)
            .refFunc(4)
            .tableSet(0)
            .memoryInit(1, 0)
            .dataDrop(1)
            .tableGrow(0)
            .refNull(ValType.FUNCREF)
            .drop()
            .unreachable()
            .returnFromFunction()
            .end()
            .build()
            .toArray());
  }

  @Test
  void encodesStructuredControlFlow() {
    assertArrayEquals(
        bytes(
            0x02, 0x40, 0x03, 0x40, 0x0d, 0x01, 0x0c, 0x00, 0x0b, 0x0b, 0x04, 0x7f, 0x41, 0x01,
            0x05, 0x41, 0x02, 0x0b, 0x0e, 0x02, 0x00, 0x01, 0x02, 0x0b),
        new CodeBuilder()
            .block()
            .loop()
            .brIf(1)
            .br(0)
            .end()
            .end()
            .ifThen(ValType.I32)
            .i32Const(1)
            .elseBranch()
            .i32Const(2)
            .end()
            .brTable(List.of(0, 1), 2)
            .end()
            .build()
            .toArray());
  }

  @Test
  void refusesABodyWithOpenBlocks() {
    CodeBuilder code = new CodeBuilder().block().end();
    assertThrows(IllegalStateException.class, code::build);
  }

  @Test
  void refusesInstructionsAfterTheFinalEnd() {
    CodeBuilder code = new CodeBuilder().end();
    assertThrows(IllegalStateException.class, code::nop);
    assertThrows(IllegalStateException.class, code::end);
  }
}
