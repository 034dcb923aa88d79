package dev.componentize.runtime.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.bindings.WorldBindings;
import dev.componentize.runtime.pipeline.ProductionStages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import run.endive.runtime.HostFunction;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * The glue with what linker-core generates for a real world (docs/design/python-glue.md): the
 * production stages up to the bindings ({@link ProductionStages}) turn {@code
 * src/test/c/glue/generated/world.wit} into the {@code wit_world} package and libworld.so; the app
 * ({@code generated/app.py}) is written against that package. Linked with the bundle and the glue
 * and run on Endive, the world's core exports are called with canonical-ABI values the way a host's
 * {@code canon lift} would, and the host's imports answer the app. This is the contract between the
 * two halves, exercised rather than described.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedWorldTest {
  private static final Path FIXTURE = GlueProgram.SOURCES.resolve("generated");
  private static final String API = "test:app/api@0.1.0#";
  private static final String HOST = "test:app/host@0.1.0";

  private static final String EXPORTED = "[export]test:app/api@0.1.0";

  /** What the host's lookup import answers; other keys are none. */
  private static final Map<String, Integer> FACTORS = Map.of("x", 2, "y", 10);

  private static final FunctionType I32_TO_I32 =
      FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));

  /** The host's side of resource counter (imported by the app): handle -> value. */
  static final Map<Integer, Integer> counters = new ConcurrentHashMap<>();

  static final List<Integer> droppedCounters = new CopyOnWriteArrayList<>();
  static final AtomicInteger nextHandle = new AtomicInteger(1);

  /** The host's handles of resource tally (exported by the app): handle -> representation. */
  static final Map<Integer, Integer> tallies = new ConcurrentHashMap<>();

  @TempDir static Path work;
  static GlueProgram program;
  static long initResult;
  static final List<String> logged = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void generateLinkAndInitialize() throws Exception {
    Path lib = GlueProgram.buildGlue(work.resolve("glue"));
    // The bindings as a build makes them: the production stages up to the bindings.
    ProductionStages.Bound bound =
        ProductionStages.bind(
            ComponentizeConfig.builder()
                .wit(FIXTURE.resolve("world.wit"))
                .world("app")
                .runtimeBundle(GlueProgram.bundle())
                .output(work.resolve("unused.wasm"))
                .workDirectory(work.resolve("build"))
                .preInitializeOnly(true)
                .build());
    WorldBindings bindings = bound.bindings().bindings();
    Path generated = bound.bindings().directory();
    List<HostFunction> host =
        List.of(
            new HostFunction(
                HOST,
                "[constructor]counter",
                I32_TO_I32,
                (instance, values) -> {
                  int handle = nextHandle.getAndIncrement();
                  counters.put(handle, (int) values[0]);
                  return new long[] {handle};
                }),
            new HostFunction(
                HOST,
                "[method]counter.add",
                FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                (instance, values) ->
                    new long[] {counters.merge((int) values[0], (int) values[1], Integer::sum)}),
            new HostFunction(
                HOST,
                "[resource-drop]counter",
                FunctionType.of(List.of(ValType.I32), List.of()),
                (instance, values) -> {
                  droppedCounters.add((int) values[0]);
                  return null;
                }),
            new HostFunction(
                EXPORTED,
                "[resource-new]tally",
                I32_TO_I32,
                (instance, values) -> {
                  int handle = nextHandle.getAndIncrement();
                  tallies.put(handle, (int) values[0]);
                  return new long[] {handle};
                }),
            new HostFunction(
                EXPORTED,
                "[resource-rep]tally",
                I32_TO_I32,
                (instance, values) -> new long[] {tallies.get((int) values[0])}),
            new HostFunction(
                EXPORTED,
                "[resource-drop]tally",
                FunctionType.of(List.of(ValType.I32), List.of()),
                (instance, values) -> {
                  throw new AssertionError("the app never owns a tally handle in this test");
                }),
            new HostFunction(
                HOST,
                "log",
                FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (instance, values) -> {
                  logged.add(instance.memory().readString((int) values[0], (int) values[1]));
                  return null;
                }),
            // lookup(key: string) -> option<u32>: two flat results, so the lowered import gets
            // a return pointer: the case byte at 0, the u32 at 4.
            new HostFunction(
                HOST,
                "lookup",
                FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of()),
                (instance, values) -> {
                  String key = instance.memory().readString((int) values[0], (int) values[1]);
                  Integer factor = FACTORS.get(key);
                  int out = (int) values[2];
                  instance.memory().writeByte(out, (byte) (factor == null ? 0 : 1));
                  instance.memory().writeI32(out + 4, factor == null ? 0 : factor);
                  return null;
                }));
    program =
        new GlueProgram(
            lib,
            bindings.library(),
            Map.of(
                "/python",
                GlueProgram.bundle().resolve("python"),
                "/app",
                FIXTURE.toAbsolutePath(),
                "/gen",
                generated),
            List.of("/app", "/gen"),
            host);
    initResult = program.call("libcomponentize.so", "componentize_init");
  }

  @AfterAll
  static void close() {
    if (program != null) {
      program.close();
    }
  }

  @Test
  @Order(1)
  void theGeneratedPackageAndTheAppImport() {
    assertEquals(0, initResult, "componentize_init failed; stderr:\n" + program.stderr());
    assertEquals(1, program.linked.stubbed().size(), program.linked.stubbed().toString());
    assertTrue(program.linked.stubbed().get(0).startsWith("libc.so needs main"));
  }

  @Test
  @Order(2)
  void anInterfaceExportTakesAStringAndAnEnumAndCallsAnImport() throws Exception {
    assertEquals("Hello, Ada!", greet("Ada", 0));
    assertEquals("HELLO, BOB!", greet("Bob", 1));
    assertEquals(List.of("greet Ada QUIET", "greet Bob LOUD"), logged);
  }

  @Test
  @Order(3)
  void aListOfRecordsComesInAndAResultGoesOut() throws Exception {
    // total([{x, 3}, {y, 4}]) = 3 * 2 + 4 * 10 through the lookup import.
    int result = total(List.of("x", "y"), List.of(3, 4));
    assertEquals(0, program.memory().read(result), "the ok case");
    assertEquals(46L, program.memory().readLong(result + 8));
    program.call("libworld.so", "cabi_post_" + API + "total", result);

    result = total(List.of("x", "z"), List.of(1, 1));
    assertEquals(1, program.memory().read(result), "the err case");
    assertEquals("unknown key z", program.stringAt(result + 8));
    program.call("libworld.so", "cabi_post_" + API + "total", result);
  }

  @Test
  @Order(4)
  void aWorldLevelExportReturnsAResultWithoutPayloads() throws Exception {
    assertEquals(0, run(List.of("a", "b")), "ok for the expected arguments");
    assertEquals(1, run(List.of("c")), "err otherwise");
    assertTrue(program.stderr().isEmpty(), program.stderr());
  }

  @Test
  @Order(5)
  void anImportedResourceIsBorrowedMadeAndDropped() throws Exception {
    int borrowed = nextHandle.getAndIncrement();
    counters.put(borrowed, 10);
    long result = program.call("libworld.so", API + "use-counter", borrowed);
    program.call("libworld.so", "cabi_post_" + API + "use-counter", result);
    assertEquals(15, result, "c.add(5) on the borrowed counter");
    assertEquals(15, counters.get(borrowed));
    // The scratch counter the app made (Counter(100)) and dropped at the end of its with block.
    assertEquals(1, droppedCounters.size(), droppedCounters.toString());
    assertEquals(101, counters.get(droppedCounters.get(0)));
    assertEquals(1, program.call("libworld.so", API + "borrow-ended"), "borrow forgotten");
  }

  @Test
  @Order(6)
  void anExportedResourceLivesUntilTheHostDropsIt() throws Exception {
    long handle = program.call("libworld.so", API + "[constructor]tally", -3);
    int rep = tallies.get((int) handle);
    assertEquals(1, program.call("libworld.so", API + "live-tallies"));
    // A borrow of the component's own resource arrives as its representation.
    assertEquals(-3, (int) program.call("libworld.so", API + "[method]tally.total", rep));
    // The host drops its last handle: the destructor releases the app's object.
    program.call("libworld.so", API + "[dtor]tally", rep);
    assertEquals(0, program.call("libworld.so", API + "live-tallies"));
    assertTrue(program.stderr().isEmpty(), program.stderr());
  }

  private static String greet(String name, int mode) throws Exception {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    int pointer = program.allocate(bytes, 1);
    int result = (int) program.call("libworld.so", API + "greet", pointer, bytes.length, mode);
    String text = program.stringAt(result);
    program.call("libworld.so", "cabi_post_" + API + "greet", result);
    return text;
  }

  /** Calls total with a list<entry> (entry: key string at 0, value u32 at 8; 12 bytes). */
  private static int total(List<String> keys, List<Integer> values) throws Exception {
    ByteBuffer entries = ByteBuffer.allocate(12 * keys.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < keys.size(); i++) {
      byte[] key = keys.get(i).getBytes(StandardCharsets.UTF_8);
      entries.putInt(program.allocate(key, 1)).putInt(key.length).putInt(values.get(i));
    }
    int list = program.allocate(entries.array(), 4);
    return (int) program.call("libworld.so", API + "total", list, keys.size());
  }

  /** Calls run with a list<string>; the result's case (0 ok, 1 err) comes back flat. */
  private static long run(List<String> args) throws Exception {
    ByteBuffer strings = ByteBuffer.allocate(8 * args.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      strings.putInt(program.allocate(bytes, 1)).putInt(bytes.length);
    }
    int list = program.allocate(strings.array(), 4);
    long result = program.call("libworld.so", "run", list, args.size());
    program.call("libworld.so", "cabi_post_run", result);
    return result;
  }
}
