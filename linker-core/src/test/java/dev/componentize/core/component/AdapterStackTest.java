package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.wasm.CodeSection;
import dev.componentize.core.wasm.Export;
import dev.componentize.core.wasm.ExportSection;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FunctionBody;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.ImportSection;
import dev.componentize.core.wasm.Section;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stack-allocation rewrite of jco's preview1 command adapter. */
class AdapterStackTest {

  @Test
  void everyExportedFunctionFirstCallsTheAddedAllocator() throws Exception {
    Path adapter =
        TestTools.jcoHome()
            .resolve("node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm");
    assumeTrue(Files.isRegularFile(adapter), "no adapter at " + adapter);
    byte[] original = Files.readAllBytes(adapter);
    WasmModule before = WasmReader.read("before", original);
    WasmModule after = WasmReader.read("after", AdapterStack.prepare(original));

    int imported = functionImports(before);
    List<FunctionBody> oldBodies = bodies(before);
    List<FunctionBody> newBodies = bodies(after);
    assertEquals(oldBodies.size() + 1, newBodies.size());
    int allocator = imported + oldBodies.size();
    byte[] call = callInstruction(allocator);
    for (Section section : after.sections()) {
      if (section instanceof ExportSection exports) {
        for (Export e : exports.exports()) {
          if (e.kind() == ExternalKind.FUNC) {
            byte[] code = newBodies.get(e.index() - imported).code().toArray();
            assertArrayEquals(call, Arrays.copyOf(code, call.length), e.name());
            byte[] old = oldBodies.get(e.index() - imported).code().toArray();
            assertArrayEquals(old, Arrays.copyOfRange(code, call.length, code.length), e.name());
          }
        }
      }
    }
  }

  @Test
  void encodingWithTheAdapterIsDeterministic() throws Exception {
    Path adapter =
        TestTools.jcoHome()
            .resolve("node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm");
    assumeTrue(Files.isRegularFile(adapter), "no adapter at " + adapter);
    byte[] module = ComponentChecks.resource("command.wasm");
    byte[] bytes = Files.readAllBytes(adapter);
    assertArrayEquals(
        WorldEncoder.encodeWithAdapter(WitWorldsTest.load("hello.wit"), module, bytes),
        WorldEncoder.encodeWithAdapter(WitWorldsTest.load("hello.wit"), module, bytes.clone()));
  }

  /** {@code call idx}: opcode 0x10 and the index as unsigned LEB128 (core spec 5.4.1). */
  private static byte[] callInstruction(int index) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x10);
    do {
      int b = index & 0x7f;
      index >>>= 7;
      out.write(index != 0 ? b | 0x80 : b);
    } while (index != 0);
    return out.toByteArray();
  }

  private static int functionImports(WasmModule module) {
    int count = 0;
    for (Section section : module.sections()) {
      if (section instanceof ImportSection imports) {
        for (Import imp : imports.imports()) {
          if (imp.kind() == ExternalKind.FUNC) {
            count++;
          }
        }
      }
    }
    return count;
  }

  private static List<FunctionBody> bodies(WasmModule module) {
    for (Section section : module.sections()) {
      if (section instanceof CodeSection code) {
        return code.bodies();
      }
    }
    return List.of();
  }
}
