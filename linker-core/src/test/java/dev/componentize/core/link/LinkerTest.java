package dev.componentize.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import run.endive.runtime.TrapException;

class LinkerTest {
  @TempDir static Path out;
  static byte[] liba;
  static byte[] libb;
  static byte[] libneedsMissing;
  static byte[] libclash;

  @BeforeAll
  static void compileFixtures() throws Exception {
    Clang.assumeAvailable();
    liba = Clang.sharedLibrary(out, "liba.so", "liba.c");
    libb = Clang.sharedLibrary(out, "libb.so", "libb.c", "liba.so");
    libneedsMissing = Clang.sharedLibrary(out, "libneeds_missing.so", "libneeds_missing.c");
    libclash = Clang.sharedLibrary(out, "libclash.so", "libclash.c");
  }

  /** liba.so and libb.so (which needs liba.so), linked with default options. */
  private static LinkedProgram linkAandB() throws LinkException {
    return new Linker(LinkOptions.defaults())
        .link(List.of(Library.of("liba.so", liba), Library.of("libb.so", libb)));
  }

  private static RunningProgram run(LinkedProgram program) {
    return ProgramRunner.instantiate(program, List.of());
  }

  private static int call(RunningProgram program, String instance, String export, long... args) {
    return (int) program.function(instance, export).apply(args)[0];
  }

  @Test
  void librariesComeAfterTheLibrariesTheyNeed() throws Exception {
    LinkedProgram program =
        new Linker(LinkOptions.defaults())
            .link(List.of(Library.of("libb.so", libb), Library.of("liba.so", liba)));
    assertEquals(
        List.of("main", "liba.so", "libb.so", "init"),
        program.instances().stream().map(ProgramInstance::name).toList());
  }

  @Test
  void callsAcrossLibrariesInBothDirectionsWork() throws Exception {
    RunningProgram program = run(linkAandB());
    assertEquals(42, call(program, "libb.so", "b_twice", 21), "libb calls liba directly");
    assertEquals(11, call(program, "liba.so", "a_calls_b", 5), "liba calls libb via trampoline");
  }

  @Test
  void aProgramParsedInTheBackgroundRunsLikeOneParsedOnDemand() throws Exception {
    LinkedProgram linked = linkAandB();
    var binaries = ProgramRunner.binaries(linked);
    ProgramRunner.Parsing background = ProgramRunner.Parsing.inBackground(linked, binaries);
    assertEquals(List.copyOf(binaries.keySet()), List.copyOf(background.binaries().keySet()));
    RunningProgram program = background.join().instantiate(List.of());
    assertEquals(42, call(program, "libb.so", "b_twice", 21));
    RunningProgram onDemand =
        ProgramRunner.Parsing.onDemand(linked, binaries).join().instantiate(List.of());
    assertEquals(11, call(onDemand, "liba.so", "a_calls_b", 5));
  }

  @Test
  void aModuleThatCannotBeParsedInTheBackgroundFailsTheJoin() throws Exception {
    LinkedProgram linked = linkAandB();
    var binaries = new java.util.LinkedHashMap<>(ProgramRunner.binaries(linked));
    byte[] broken = binaries.get("libb.so").clone();
    broken[0] = 'X'; // not the wasm magic
    binaries.put("libb.so", broken);
    ProgramRunner.Parsing parsing = ProgramRunner.Parsing.inBackground(linked, binaries);
    RuntimeException e = assertThrows(RuntimeException.class, parsing::join);
    assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), e.toString());
  }

  @Test
  void functionPointersAndDataAddressesAreRelocated() throws Exception {
    LinkedProgram linked = linkAandB();
    RunningProgram program = run(linked);
    assertEquals(101, call(program, "libb.so", "b_through_pointer", 1));
    assertEquals(1002, call(program, "libb.so", "b_through_own_pointer", 2));
    int counter = call(program, "libb.so", "b_counter_address");
    assertTrue(counter >= linked.layout().memoryBases().get("liba.so"));
    assertEquals(40, program.memory().readInt(counter));
  }

  @Test
  void constructorsRunAfterRelocationsInDependencyOrder() throws Exception {
    RunningProgram program =
        run(
            new Linker(LinkOptions.defaults())
                .link(List.of(Library.of("libb.so", libb), Library.of("liba.so", liba))));
    assertEquals(42, call(program, "libb.so", "b_get_initialized"));
  }

  @Test
  void weakFunctionsNoLibraryDefinesHaveANullAddress() throws Exception {
    RunningProgram program = run(linkAandB());
    assertEquals(0, call(program, "libb.so", "b_has_maybe_missing"));
  }

  @Test
  void theStackSitsBelowTheLibrariesAndTheHeapAbove() throws Exception {
    Layout layout =
        new Linker(LinkOptions.defaults().withStackSize(65536))
            .link(List.of(Library.of("liba.so", liba), Library.of("libb.so", libb)))
            .layout();
    assertEquals(65536, layout.stackPointer());
    assertTrue(layout.memoryBases().get("liba.so") >= layout.stackPointer());
    assertTrue(layout.memoryBases().get("libb.so") > layout.memoryBases().get("liba.so"));
    assertEquals(0, layout.heapBase() % 16);
    assertTrue(layout.heapBase() > layout.memoryBases().get("libb.so"));
    assertTrue(layout.heapEnd() >= layout.heapBase());
  }

  @Test
  void dlOpenableLibrariesAreListedInTheDlopenTable() throws Exception {
    LinkedProgram linked =
        new Linker(LinkOptions.defaults())
            .link(
                List.of(
                    Library.of("liba.so", liba),
                    Library.dlOpenable("/python/ext/libb.cpython-313-wasm32-wasi.so", libb)));
    RunningProgram program = run(linked);
    ByteBuffer memory = readMemory(program, linked.layout().dlTable(), 16);
    assertEquals(DlTable.MAGIC, memory.getInt(0));
    assertEquals(DlTable.VERSION, memory.getInt(4));
    assertEquals(1, memory.getInt(8));
    ByteBuffer library = readMemory(program, memory.getInt(12), 16);
    String name = readString(program, library.getInt(4), library.getInt(0));
    assertEquals("/python/ext/libb.cpython-313-wasm32-wasi.so", name);
    int symbols = library.getInt(8);
    ByteBuffer symbolArray = readMemory(program, library.getInt(12), 12 * symbols);
    String previous = "";
    boolean sawTwice = false;
    for (int i = 0; i < symbols; i++) {
      String symbol =
          readString(program, symbolArray.getInt(12 * i + 4), symbolArray.getInt(12 * i));
      assertTrue(symbol.compareTo(previous) > 0, "symbols sorted: " + previous + " < " + symbol);
      previous = symbol;
      if (symbol.equals("b_twice")) {
        sawTwice = true;
        int slot = symbolArray.getInt(12 * i + 8);
        assertTrue(slot > 0 && slot < linked.layout().tableSize(), "b_twice slot " + slot);
      }
    }
    assertTrue(sawTwice, "b_twice listed");
    assertEquals(List.of("/python/ext/libb.cpython-313-wasm32-wasi.so"), linked.dlOpenable());
  }

  @Test
  void everyUnresolvedFunctionIsReportedInOneError() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () ->
                new Linker(LinkOptions.defaults())
                    .link(List.of(Library.of("libneeds_missing.so", libneedsMissing))));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(
        e.problems()
            .contains(
                "libneeds_missing.so needs function nowhere_one (i32) -> (i32), which no library defines"),
        e.getMessage());
    assertTrue(e.getMessage().contains("nowhere_two (f64, i32) -> (f64)"), e.getMessage());
  }

  @Test
  void missingFunctionsBecomeTrapsWhenAsked() throws Exception {
    LinkedProgram linked =
        new Linker(LinkOptions.defaults().withStubMissingFunctions(true))
            .link(List.of(Library.of("libneeds_missing.so", libneedsMissing)));
    assertEquals(2, linked.stubbed().size());
    RunningProgram program = run(linked);
    assertThrows(
        TrapException.class, () -> call(program, "libneeds_missing.so", "calls_missing", 1));
  }

  @Test
  void aNeededFileNameFindsALibraryCalledByItsFullPath() throws Exception {
    LinkedProgram program =
        new Linker(LinkOptions.defaults())
            .link(
                List.of(
                    Library.of("libb.so", libb),
                    Library.dlOpenable("/site-packages/x/liba.so", liba)));
    assertEquals(
        List.of("main", "/site-packages/x/liba.so", "libb.so", "init"),
        program.instances().stream().map(ProgramInstance::name).toList());
  }

  @Test
  void aMissingNeededLibraryIsNamed() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> new Linker(LinkOptions.defaults()).link(List.of(Library.of("libb.so", libb))));
    assertTrue(
        e.getMessage().startsWith("link failed: libb.so needs library liba.so, which is not among"),
        e.getMessage());
  }

  @Test
  void conflictingSignaturesAreReported() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () ->
                new Linker(LinkOptions.defaults())
                    .link(
                        List.of(
                            Library.of("liba.so", liba),
                            Library.of("libclash.so", libclash),
                            Library.of("libb.so", libb))));
    assertTrue(
        e.getMessage()
            .contains(
                "function a_add is defined by libclash.so as (i64) -> (i64) and by liba.so as (i32, i32) -> (i32)"),
        e.getMessage());
  }

  @Test
  void aModuleWithoutDylinkIsRefusedWithTheFix() {
    byte[] notPic = {0, 'a', 's', 'm', 1, 0, 0, 0};
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> new Linker(LinkOptions.defaults()).link(List.of(Library.of("app.wasm", notPic))));
    assertEquals(
        "link failed: app.wasm is not a position-independent library (no dylink.0 section):"
            + " build it with -fPIC and link it with -shared",
        e.getMessage());
  }

  private static ByteBuffer readMemory(RunningProgram program, int address, int length) {
    return ByteBuffer.wrap(program.memory().readBytes(address, length))
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String readString(RunningProgram program, int address, int length) {
    return new String(program.memory().readBytes(address, length), StandardCharsets.UTF_8);
  }
}
