package dev.componentize.runtime.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import run.endive.runtime.HostFunction;
import run.endive.runtime.Memory;
import run.endive.runtime.TrapException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * libcomponentize.so end to end (docs/python-glue.md): {@code src/test/c/glue/run-tests.sh} builds
 * and structurally checks the glue against the runtime bundle and builds the hand-written
 * libworld.so stand-in ({@code world_fixture.c}); the bundle's libraries, the glue and the fixture
 * are linked by linker-core's {@link Linker} and run on Endive with WASI. {@code componentize_init}
 * starts CPython and imports the fixture app ({@code src/test/c/glue/app}), then the world's
 * exports are called as a host would. The {@code test_*} exports of the fixture check canonical-ABI
 * bytes against offsets worked out from CanonicalABI.md and return the number of failed checks
 * (each named on stderr).
 *
 * <p>One program serves all tests, in order: CPython takes about a minute to start interpreted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlueEndToEndTest {
  private static final Path SOURCES = Path.of("src/test/c/glue");
  private static final List<String> LIBRARIES =
      List.of(
          "libc.so",
          "libdl.so",
          "libwasi-emulated-getpid.so",
          "libwasi-emulated-process-clocks.so",
          "libwasi-emulated-mman.so",
          "libpython3.13.so",
          "libcomponentize.so",
          "libworld.so");

  /** CPython on Endive's interpreter recurses deeply. */
  private static final long GUEST_STACK_BYTES = 64L << 20;

  @TempDir static Path work;
  static LinkedProgram linked;
  static RunningProgram program;
  static WasiPreview1 wasi;
  static long initResult;
  static final List<String> logged = new CopyOnWriteArrayList<>();
  static final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  static final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeAll
  static void buildLinkAndInitialize() throws Exception {
    Path bundle = bundle();
    Process build =
        new ProcessBuilder(
                "bash",
                SOURCES.resolve("run-tests.sh").toString(),
                "--out",
                work.toString(),
                bundle.toString())
            .redirectErrorStream(true)
            .start();
    String buildOutput = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, build.waitFor(), "run-tests.sh failed:\n" + buildOutput);

    List<Library> libraries = new ArrayList<>();
    for (String name : LIBRARIES) {
      libraries.add(Library.of(name, Files.readAllBytes(work.resolve("lib").resolve(name))));
    }
    // libc.so refers to `main` (its command start-up code), which a reactor never calls; it
    // becomes a trapping stub, and the first test checks that nothing else did.
    linked = new Linker(LinkOptions.defaults().withStubMissingFunctions(true)).link(libraries);

    WasiOptions options =
        WasiOptions.builder()
            .withArguments(List.of("build-time-argument"))
            .withEnvironment("COMPONENTIZE_PYTHONHOME", "/python")
            .withEnvironment("COMPONENTIZE_PYTHONPATH", "/app")
            .withDirectory("/python", bundle.resolve("python"))
            .withDirectory("/app", SOURCES.resolve("app").toAbsolutePath())
            .withStdout(stdout)
            .withStderr(stderr)
            .build();
    wasi = WasiPreview1.builder().withOptions(options).build();
    List<HostFunction> host = new ArrayList<>(List.of(wasi.toHostFunctions()));
    host.add(
        new HostFunction(
            "$root",
            "log",
            FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
            (instance, values) -> {
              logged.add(instance.memory().readString((int) values[0], (int) values[1]));
              return null;
            }));
    program = onGuestStack(() -> ProgramRunner.instantiate(linked, host));
    initResult = call("libcomponentize.so", "componentize_init");
  }

  @AfterAll
  static void closeWasi() {
    if (wasi != null) {
      wasi.close();
    }
  }

  @Test
  @Order(1)
  void onlyLibcsUnusedMainIsLeftUndefined() {
    assertEquals(1, linked.stubbed().size(), linked.stubbed().toString());
    assertTrue(linked.stubbed().get(0).startsWith("libc.so needs main"), linked.stubbed().get(0));
  }

  @Test
  @Order(2)
  void initStartsCPythonAndImportsTheApp() {
    assertEquals(0, initResult, "componentize_init failed; stderr:\n" + text(stderr));
  }

  @Test
  @Order(3)
  void firstExportCallReadsArgumentsAndEnvironmentFromWasi() throws Exception {
    int result = (int) call("libworld.so", "describe");
    assertEquals("['build-time-argument']|/app", string(result));
  }

  @Test
  @Order(4)
  void greetLiftsAStringCallsTheLogImportAndReturnsAString() throws Exception {
    byte[] name = "World".getBytes(StandardCharsets.UTF_8);
    int pointer = (int) call("libcomponentize.so", "cabi_realloc", 0, 0, 1, name.length);
    program.memory().write(pointer, name);
    int result = (int) call("libworld.so", "greet", pointer, name.length);
    assertEquals("Hello, World!", string(result));
    assertEquals(List.of("greet called with World"), logged);
    call("libworld.so", "cabi_post_greet", result);
  }

  @Test
  @Order(5)
  void recordsListsOptionsEnumsAndVariantsRoundTrip() throws Exception {
    assertFixtureChecksPass("test_echo");
  }

  @Test
  @Order(6)
  void anImportsErrRaisedThroughTheAppBecomesTheExportsErr() throws Exception {
    assertFixtureChecksPass("test_fetch");
  }

  @Test
  @Order(7)
  void flagsU64AndCharRoundTrip() throws Exception {
    assertFixtureChecksPass("test_flip");
  }

  @Test
  @Order(8)
  void importedAndExportedResourcesKeepTheirHandlesAndRepresentations() throws Exception {
    assertFixtureChecksPass("test_resources");
  }

  @Test
  @Order(9)
  void nothingWasWrittenToStdout() {
    assertEquals("", text(stdout));
  }

  @Test
  @Order(10)
  void anExceptionEscapingAnExportPrintsItsTracebackAndTraps() {
    assertThrows(TrapException.class, () -> call("libworld.so", "fail"));
    String errors = text(stderr);
    assertTrue(errors.contains("componentize: export fail raised an exception"), errors);
    assertTrue(errors.contains("Traceback (most recent call last)"), errors);
    assertTrue(errors.contains("ValueError: boom from the app"), errors);
    assertTrue(!errors.contains("\u001b["), "traceback must be plain text: " + errors);
  }

  private static void assertFixtureChecksPass(String test) throws Exception {
    assertEquals(0, call("libworld.so", test), test + " failed checks; stderr:\n" + text(stderr));
  }

  private static String string(int pointerAndLength) {
    Memory memory = program.memory();
    return memory.readString(
        memory.readInt(pointerAndLength), memory.readInt(pointerAndLength + 4));
  }

  private static long call(String library, String export, long... args) throws Exception {
    long[] results = onGuestStack(() -> program.function(library, export).apply(args));
    return results == null || results.length == 0 ? 0 : results[0];
  }

  /** Runs {@code body} on a thread with a stack deep enough for interpreted CPython. */
  private static <T> T onGuestStack(Callable<T> body) throws Exception {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result[0] = body.call();
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "guest",
            GUEST_STACK_BYTES);
    thread.start();
    thread.join();
    if (failure[0] instanceof Exception e) {
      throw e;
    } else if (failure[0] instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  private static Path bundle() throws IOException {
    String configured =
        System.getProperty("componentize.runtime.dir", System.getenv("COMPONENTIZE_RUNTIME_DIR"));
    if (configured == null || !Files.isRegularFile(Path.of(configured).resolve(".complete"))) {
      throw new IllegalStateException(
          "no finished runtime bundle at componentize.runtime.dir=" + configured);
    }
    return Path.of(configured).toRealPath();
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
