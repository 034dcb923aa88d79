package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream, future and error-context built-ins through the encoder, wired by their core names
 * ({@link CoreNames#handleBuiltin}): a WAT core module importing every built-in of an imported
 * function's {@code stream<u8>} and an exported function's {@code future<string>} (whose read needs
 * the memory, realloc and UTF-8), and the three error-context built-ins; the component is validated
 * by wasm-tools ({@code --features all}).
 */
class StreamComponentTest {

  private static final String WORLD =
      "package test:streams;\n"
          + "world pipes {\n"
          + "  import pipe: func(limit: u32) -> stream<u8>;\n"
          + "  export later: async func(e: error-context) -> future<string>;\n"
          + "}\n";

  private static final String MODULE =
      """
      (module
        (import "$root" "pipe" (func (param i32) (result i32)))
        (import "$root" "[stream-new-0]pipe" (func (result i64)))
        (import "$root" "[async-lower][stream-read-0]pipe" (func (param i32 i32 i32) (result i32)))
        (import "$root" "[async-lower][stream-write-0]pipe" (func (param i32 i32 i32) (result i32)))
        (import "$root" "[stream-cancel-read-0]pipe" (func (param i32) (result i32)))
        (import "$root" "[stream-cancel-write-0]pipe" (func (param i32) (result i32)))
        (import "$root" "[stream-drop-readable-0]pipe" (func (param i32)))
        (import "$root" "[stream-drop-writable-0]pipe" (func (param i32)))
        (import "[export]$root" "[future-new-0]later" (func (result i64)))
        (import "[export]$root" "[async-lower][future-read-0]later" (func (param i32 i32) (result i32)))
        (import "[export]$root" "[async-lower][future-write-0]later" (func (param i32 i32) (result i32)))
        (import "[export]$root" "[future-drop-readable-0]later" (func (param i32)))
        (import "[export]$root" "[task-return]later" (func (param i32)))
        (import "$root" "[error-context-new]" (func (param i32 i32) (result i32)))
        (import "$root" "[error-context-debug-message]" (func (param i32 i32)))
        (import "$root" "[error-context-drop]" (func (param i32)))
        (memory (export "memory") 1)
        (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
        (func (export "[async-lift]later") (param i32) (result i32) unreachable)
        (func (export "[callback][async-lift]later") (param i32 i32 i32) (result i32) unreachable))
      """;

  @Test
  void everyBuiltInOfAStreamAFutureAndErrorContextIsEncodedAndValid(@TempDir Path dir)
      throws Exception {
    byte[] bytes = WorldEncoder.encode(world(), TestTools.parseWat(dir, MODULE));
    Path component = Files.write(dir.resolve("component.wasm"), bytes);
    TestTools.Result valid =
        TestTools.wasmTools(dir, "validate", "--features", "all", component.toString());
    assertEquals(0, valid.exitCode(), valid::describe);
    String wit = TestTools.wasmTools(dir, "component", "wit", component.toString()).stdout();
    assertTrue(wit.contains("import pipe: func(limit: u32) -> stream<u8>;"), wit);
    assertTrue(wit.contains("export later: async func(e: error-context) -> future<string>;"), wit);
  }

  @Test
  void aBuiltInOfAStreamTheFunctionDoesNotHaveIsRefused(@TempDir Path dir) throws Exception {
    String module =
        MODULE.replace("\"[stream-drop-writable-0]pipe\"", "\"[stream-drop-writable-1]pipe\"");
    byte[] core = TestTools.parseWat(dir, module);
    ComponentEncodingException e =
        assertThrows(ComponentEncodingException.class, () -> WorldEncoder.encode(world(), core));
    assertEquals(
        "core module imports '$root' '[stream-drop-writable-1]pipe', but function 'pipe' has no"
            + " stream number 1 (it has one stream or future, numbered from 0 in the order of its"
            + " parameters and result)",
        e.getMessage());
  }

  private static WorldType world() {
    Resolve resolve = WitLoader.loadText(WORLD, Set.of());
    return WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
  }
}
