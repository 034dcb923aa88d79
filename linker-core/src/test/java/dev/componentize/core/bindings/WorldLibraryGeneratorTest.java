package dev.componentize.core.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.dylink.ToolchainIdentity;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import run.endive.runtime.HostFunction;
import run.endive.runtime.Memory;
import run.endive.runtime.TrapException;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * Links a generated libworld.so for demo.wit with a clang-19 compiled stand-in for the glue
 * (src/test/c/bindings/glue_recorder.c, which records what reaches it) and runs both on Endive.
 * Every import the world makes is a host function that records its flat arguments.
 */
class WorldLibraryGeneratorTest {
  static final String GLUE = dev.componentize.core.abi.RuntimeBundle.GLUE;

  @TempDir static Path out;
  static WorldPlan plan;
  static Descriptor descriptor;
  static byte[] world;
  static byte[] glue;

  /** One call of a host function: its import name and flat arguments. */
  record HostCall(String module, String name, List<Long> args) {}

  final List<HostCall> hostCalls = new ArrayList<>();
  RunningProgram program;
  Memory memory;

  @BeforeAll
  static void generateAndCompile() throws Exception {
    plan = PythonBindingsGeneratorTest.demoPlan();
    descriptor = DescriptorEncoder.encode(plan);
    world = WorldLibraryGenerator.generate(plan, descriptor, Optional.empty());
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/clang-19")), "clang-19 is not installed");
    Path object = out.resolve("glue_recorder.o");
    run(
        "clang-19",
        "--target=wasm32-wasi",
        "-O2",
        "-fPIC",
        "-fvisibility=default",
        "-ffreestanding",
        "-c",
        Path.of("src/test/c/bindings/glue_recorder.c").toAbsolutePath().toString(),
        "-o",
        object.toString());
    run(
        "clang-19",
        "--target=wasm32-wasi",
        "-shared",
        "-nostdlib",
        "-Wl,--no-entry",
        "-Wl,--allow-undefined",
        "-o",
        out.resolve(GLUE).toString(),
        object.toString());
    glue = Files.readAllBytes(out.resolve(GLUE));
  }

  @BeforeEach
  void link() throws Exception {
    LinkedProgram linked =
        new Linker(LinkOptions.defaults())
            .link(List.of(Library.of(WorldLibraryGenerator.NAME, world), Library.of(GLUE, glue)));
    WasmModule module = WasmReader.read(WorldLibraryGenerator.NAME, world);
    List<HostFunction> host = new ArrayList<>();
    for (Import anImport : module.imports()) {
      if (anImport.type() instanceof Import.Func func && !anImport.module().equals("env")) {
        host.add(recorder(anImport, module.types().get(func.typeIndex())));
      }
    }
    program = ProgramRunner.instantiate(linked, host);
    memory = program.memory();
  }

  private HostFunction recorder(Import anImport, FuncType type) {
    List<ValType> params = type.params().stream().map(WorldLibraryGeneratorTest::endive).toList();
    List<ValType> results = type.results().stream().map(WorldLibraryGeneratorTest::endive).toList();
    return new HostFunction(
        anImport.module(),
        anImport.name(),
        FunctionType.of(params, results),
        (instance, args) -> {
          List<Long> values = new ArrayList<>();
          for (long arg : args) {
            values.add(arg);
          }
          hostCalls.add(new HostCall(anImport.module(), anImport.name(), values));
          return results.isEmpty() ? new long[0] : new long[] {1000 + hostCalls.size()};
        });
  }

  private static ValType endive(dev.componentize.core.wasm.ValType type) {
    return switch (type) {
      case I32 -> ValType.I32;
      case I64 -> ValType.I64;
      case F32 -> ValType.F32;
      case F64 -> ValType.F64;
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  private long[] call(String instance, String export, long... args) {
    return program.function(instance, export).apply(args);
  }

  private int glue(String export, long... args) {
    return (int) call(GLUE, export, args)[0];
  }

  private int stackPointer() {
    return (int) program.instance("main").exports().global("__stack_pointer").getValue();
  }

  @Test
  void theLibraryValidatesAndIsAPicLibraryNeedingTheGlue() throws Exception {
    Path file = out.resolve("libworld.so");
    Files.write(file, world);
    assertEquals("", run("wasm-validate", file.toString()));
    DylinkSection dylink = DylinkSection.of(WasmReader.read("libworld.so", world)).orElseThrow();
    assertEquals(List.of(GLUE), dylink.needed());
    assertEquals(descriptor.blob().length, dylink.memInfo().memorySize());
  }

  @Test
  void theDescriptorIsReachableThroughTheWorldSymbol() {
    int address = glue("world_address");
    byte[] blob = descriptor.blob();
    assertEquals(DescriptorEncoder.MAGIC, memory.readInt(address));
    assertEquals(
        new String(blob, StandardCharsets.ISO_8859_1),
        new String(memory.readBytes(address, blob.length), StandardCharsets.ISO_8859_1));
  }

  @Test
  void exportFlatParamsArriveInSlotsOfEightBytes() {
    WorldPlan.Export export = export("example:demo/api@0.1.0#class");
    int before = stackPointer();
    call(GLUE, "set_export_result", 0x1234L);
    long[] result =
        call(
            WorldLibraryGenerator.NAME,
            export.coreName(),
            3,
            -4,
            Float.floatToRawIntBits(1.5f),
            1L << 40);
    assertEquals(0x1234, (int) result[0]);
    assertEquals(export.index(), glue("recorded_export_index"));
    int params = glue("recorded_export_params");
    assertEquals(3, memory.readInt(params));
    assertEquals(-4, memory.readInt(params + 8));
    assertEquals(1.5f, Float.intBitsToFloat(memory.readInt(params + 16)));
    assertEquals(1L << 40, memory.readLong(params + 24));
    assertEquals(before, stackPointer(), "the stack area is released");
  }

  @Test
  void spilledExportParamsArriveAsOnePointerInSlotZero() throws Exception {
    Resolve resolve =
        WitLoader.loadText(
            """
            package example:spill;
            world w {
              export many: func(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32,
                  i: u32, j: u32, k: u32, l: u32, m: u32, n: u32, o: u32, p: u32, q: u32) -> u32;
            }
            """,
            Set.of());
    WorldBindings spill =
        WorldBindings.generate(resolve, resolve.selectWorld("w"), "app", Optional.empty());
    assertEquals(true, spill.plan().exports().get(0).lift().paramsInMemory());
    RunningProgram running =
        ProgramRunner.instantiate(
            new Linker(LinkOptions.defaults())
                .link(
                    List.of(
                        Library.of(WorldLibraryGenerator.NAME, spill.library()),
                        Library.of(GLUE, glue))),
            List.of());
    running.function(GLUE, "set_export_result").apply(17L);
    assertEquals(17L, running.function(WorldLibraryGenerator.NAME, "many").apply(0x4440)[0]);
    int params = (int) running.function(GLUE, "recorded_export_params").apply()[0];
    assertEquals(0x4440, running.memory().readInt(params));
  }

  @Test
  void aFloatResultComesBackFromTheResultSlot() {
    WorldPlan.Export export = export("example:demo/api@0.1.0#area");
    call(GLUE, "set_export_result", Double.doubleToRawLongBits(2.5));
    long[] result = call(WorldLibraryGenerator.NAME, export.coreName(), 1, 7L, 9);
    assertEquals(2.5, Double.longBitsToDouble(result[0]));
    int params = glue("recorded_export_params");
    assertEquals(1, memory.readInt(params));
    assertEquals(7L, memory.readLong(params + 8));
    assertEquals(9, memory.readInt(params + 16));
  }

  @Test
  void postReturnHandsTheFlatResultsToTheGlue() {
    WorldPlan.Export export = export("example:demo/api@0.1.0#greet");
    call(WorldLibraryGenerator.NAME, "cabi_post_" + export.coreName(), 0x5000);
    assertEquals(export.index(), glue("recorded_post_index"));
    assertEquals(0x5000, memory.readInt(glue("recorded_post_results")));
  }

  @Test
  void importDispatchCallsTheRightHostFunctionWithFlatArgs() {
    int params = glue("import_params_area");
    int results = glue("import_results_area");
    WorldPlan.Import check = importNamed("check");
    memory.writeI32(params, 5);
    memory.writeLong(params + 8, 1L << 33);
    call(GLUE, "call_import", check.index());
    assertEquals(
        List.of(new HostCall("example:demo/host@0.1.0", "check", List.of(5L, 1L << 33))),
        hostCalls);
    assertEquals(1001, memory.readInt(results), "the flat result is stored in slot 0");
  }

  @Test
  void spilledParamsPassOnePointerAndSpilledResultsTheResultsArea() {
    int params = glue("import_params_area");
    int results = glue("import_results_area");
    memory.writeI32(params, 0x2000);
    call(GLUE, "call_import", importNamed("wide").index());
    memory.writeI32(params, 11);
    memory.writeI32(params + 8, 12);
    memory.writeI32(params + 16, 13);
    memory.writeI32(params + 24, 14);
    call(GLUE, "call_import", importNamed("move").index());
    assertEquals(
        new HostCall("example:demo/host@0.1.0", "wide", List.of(0x2000L)), hostCalls.get(0));
    assertEquals(
        new HostCall(
            "example:demo/host@0.1.0", "move", List.of(11L, 12L, 13L, 14L, (long) results)),
        hostCalls.get(1));
    assertEquals(1001L, memory.readLong(results), "wide's i64 result");
  }

  @Test
  void worldLevelImportsAndResourceIntrinsicsFollowTheFunctions() {
    int params = glue("import_params_area");
    int results = glue("import_results_area");
    memory.writeI32(params, 21);
    memory.writeI32(params + 8, 3);
    call(GLUE, "call_import", importNamed("print").index());
    WorldPlan.Resource file = plan.resources().get(0);
    WorldPlan.Resource counter = plan.resources().get(1);
    call(GLUE, "call_import", file.dropIndex());
    memory.writeI32(params, 77);
    call(GLUE, "call_import", counter.newIndex());
    assertEquals(
        List.of(
            new HostCall("$root", "print", List.of(21L, 3L)),
            new HostCall("example:demo/host@0.1.0", "[resource-drop]file", List.of(21L)),
            new HostCall("[export]example:demo/api@0.1.0", "[resource-new]counter", List.of(77L))),
        hostCalls);
    assertEquals(1003, memory.readInt(results));
  }

  @Test
  void anImportIndexOutOfRangeTraps() {
    int count = plan.imports().size() + 4;
    assertThrows(TrapException.class, () -> call(GLUE, "call_import", count));
  }

  @Test
  void anExportedResourceDestructorReachesTheGlueWithItsTypeIndex() {
    call(WorldLibraryGenerator.NAME, "example:demo/api@0.1.0#[dtor]counter", 99);
    assertEquals(1, glue("recorded_dropped_type"), "counter is the second resource type");
    assertEquals(99, glue("recorded_dropped_rep"));
  }

  @Test
  void theToolchainIdentityIsCopiedIntoTheLibrary() throws Exception {
    ToolchainIdentity identity =
        new ToolchainIdentity(
            List.of(
                new ToolchainIdentity.Entry(ToolchainIdentity.KEY_FORMAT, ToolchainIdentity.FORMAT),
                new ToolchainIdentity.Entry(ToolchainIdentity.KEY_TOOLCHAIN, "test")));
    byte[] library = WorldLibraryGenerator.generate(plan, descriptor, Optional.of(identity));
    assertEquals(
        Optional.of(identity), ToolchainIdentity.of(WasmReader.read("libworld.so", library)));
  }

  private WorldPlan.Export export(String coreName) {
    return plan.exports().stream().filter(e -> e.coreName().equals(coreName)).findFirst().get();
  }

  private WorldPlan.Import importNamed(String field) {
    return plan.imports().stream().filter(i -> i.field().equals(field)).findFirst().get();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
