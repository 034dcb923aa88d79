package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Component-model async through the encoder (Async.md, CanonicalABI.md): async function types, an
 * async export lifted with the callback ABI, async lowerings of WASI 0.3 imports, {@code
 * task.return} and the task and waitable built-ins, wired by their core names ({@link CoreNames}).
 * The core modules are written in WAT (parsed by wasm-tools); the component around them is ours,
 * validated by wasm-tools and run on wasmtime with {@code -W component-model-async=y -S p3=y}.
 */
class AsyncComponentTest {

  private static final String CLOCK_WORLD =
      "package test:concurrent;\n"
          + "world sleeper {\n"
          + "  import wasi:clocks/monotonic-clock@0.3.0;\n"
          + "  export run: async func() -> u32;\n"
          + "}\n";

  /**
   * {@code run} starts two {@code wait-for(300 ms)} subtasks, joins both to one waitable set and
   * returns WAIT; the callback drops each subtask as it returns and calls {@code task.return(42)}
   * after the second.
   */
  private static final String CLOCK_MODULE =
      """
      (module
        (import "wasi:clocks/monotonic-clock@0.3.0" "[async-lower]wait-for"
          (func $wait_for (param i64) (result i32)))
        (import "[export]$root" "[task-return]run" (func $task_return (param i32)))
        (import "$root" "[waitable-set-new]" (func $set_new (result i32)))
        (import "$root" "[waitable-join]" (func $join (param i32 i32)))
        (import "$root" "[subtask-drop]" (func $subtask_drop (param i32)))
        (import "$root" "[context-get-0]" (func $context_get (result i32)))
        (import "$root" "[context-set-0]" (func $context_set (param i32)))
        (memory (export "memory") 1)
        (global $pending (mut i32) (i32.const 0))
        (func $start (param $set i32) (local $status i32)
          (local.set $status (call $wait_for (i64.const 300000000)))
          ;; state 2 = RETURNED already; else the handle is above the 4 state bits
          (if (i32.ne (i32.and (local.get $status) (i32.const 15)) (i32.const 2))
            (then
              (call $join (i32.shr_u (local.get $status) (i32.const 4)) (local.get $set))
              (global.set $pending (i32.add (global.get $pending) (i32.const 1))))))
        (func $next (param $set i32) (result i32)
          (if (result i32) (i32.eqz (global.get $pending))
            (then (call $task_return (i32.const 42)) (i32.const 0))
            (else (i32.or (i32.const 2) (i32.shl (local.get $set) (i32.const 4))))))
        (func (export "[async-lift]run") (result i32) (local $set i32)
          (local.set $set (call $set_new))
          (call $context_set (local.get $set))
          (call $start (local.get $set))
          (call $start (local.get $set))
          (call $next (local.get $set)))
        (func (export "[callback][async-lift]run")
            (param $event i32) (param $handle i32) (param $code i32) (result i32)
          ;; event 1 = SUBTASK, code 2 = RETURNED
          (if (i32.and (i32.eq (local.get $event) (i32.const 1))
                       (i32.eq (local.get $code) (i32.const 2)))
            (then
              (call $subtask_drop (local.get $handle))
              (global.set $pending (i32.sub (global.get $pending) (i32.const 1)))))
          (call $next (call $context_get))))
      """;

  private static final String ECHO_WORLD =
      "package test:concurrent;\n"
          + "world echo {\n"
          + "  export shout: async func(text: string) -> string;\n"
          + "}\n";

  /**
   * {@code shout} returns its string through {@code task.return}, which then needs the memory (a
   * string is lifted from it) before the module that owns the memory is instantiated.
   */
  private static final String ECHO_MODULE =
      """
      (module
        (import "[export]$root" "[task-return]shout" (func $task_return (param i32 i32)))
        (memory (export "memory") 1)
        (global $bump (mut i32) (i32.const 1024))
        (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
          (local.set $p (global.get $bump))
          (global.set $bump (i32.add (global.get $bump) (local.get 3)))
          (local.get $p))
        (func (export "[async-lift]shout") (param $ptr i32) (param $len i32) (result i32)
          (call $task_return (local.get $ptr) (local.get $len))
          (i32.const 0))
        (func (export "[callback][async-lift]shout") (param i32 i32 i32) (result i32)
          unreachable))
      """;

  @Test
  void anAsyncExportAwaitsTwoWasi03WaitsConcurrently(@TempDir Path dir) throws Exception {
    Path component = encode(dir, CLOCK_WORLD, CLOCK_MODULE);
    String wit = TestTools.wasmTools(dir, "component", "wit", component.toString()).stdout();
    assertTrue(wit.contains("export run: async func() -> u32;"), wit);
    assertTrue(wit.contains("import wasi:clocks/monotonic-clock@0.3.0;"), wit);

    long start = System.nanoTime();
    TestTools.Result run = wasmtime(dir, component, "run()");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("42\n", run.stdout());
    // Two 300 ms waits that overlap: well under the 600 ms they would take one after the other.
    assertTrue(millis >= 300 && millis < 600, "took " + millis + " ms");
  }

  @Test
  void anAsyncExportReturnsAStringThroughTaskReturn(@TempDir Path dir) throws Exception {
    Path component = encode(dir, ECHO_WORLD, ECHO_MODULE);
    TestTools.Result run = wasmtime(dir, component, "shout(\"hello, async\")");
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("\"hello, async\"\n", run.stdout());
  }

  @Test
  void anAsyncExportWithoutItsCallbackIsRefused(@TempDir Path dir) throws Exception {
    String module = ECHO_MODULE.replace("(export \"[callback][async-lift]shout\")", "");
    byte[] core = TestTools.parseWat(dir, module);
    ComponentEncodingException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ComponentEncodingException.class, () -> WorldEncoder.encode(world(ECHO_WORLD), core));
    assertEquals(
        "the world exports async 'shout', but the core module exports no callback"
            + " '[callback][async-lift]shout' (only the callback ABI is supported)",
        e.getMessage());
  }

  private static WorldType world(String wit) {
    Resolve resolve = WitLoader.loadText(wit, Set.of());
    return WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
  }

  private static Path encode(Path dir, String wit, String module) throws Exception {
    byte[] bytes = WorldEncoder.encode(world(wit), TestTools.parseWat(dir, module));
    Path component = Files.write(dir.resolve("component.wasm"), bytes);
    TestTools.Result valid =
        TestTools.wasmTools(dir, "validate", "--features", "cm-async", component.toString());
    assertEquals(0, valid.exitCode(), valid::describe);
    return component;
  }

  private static TestTools.Result wasmtime(Path dir, Path component, String call) throws Exception {
    return TestTools.run(
        dir,
        60,
        TestTools.wasmtime().toString(),
        "run",
        "-W",
        "component-model-async=y",
        "-S",
        "p3=y",
        "--invoke",
        call,
        component.toString());
  }
}
