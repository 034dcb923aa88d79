package dev.componentize.runtime.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import run.endive.runtime.HostFunction;
import run.endive.runtime.TrapException;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * libcomponentize.so end to end (docs/design/python-glue.md): {@code src/test/c/glue/run-tests.sh}
 * builds and structurally checks the glue against the runtime bundle and builds the hand-written
 * libworld.so stand-in ({@code world_fixture.c}); the bundle's libraries, the glue and the fixture
 * are linked by linker-core's {@code Linker} and run on Endive with WASI ({@link GlueProgram}).
 * {@code componentize_init} starts CPython and imports the fixture app ({@code
 * src/test/c/glue/app}), then the world's exports are called as a host would. The {@code test_*}
 * exports of the fixture check canonical-ABI bytes against offsets worked out from CanonicalABI.md
 * and return the number of failed checks (each named on stderr).
 *
 * <p>One program serves all tests, in order: CPython takes about a minute to start interpreted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlueEndToEndTest {
  @TempDir static Path work;
  static GlueProgram program;
  static long initResult;
  static final List<String> logged = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void buildLinkAndInitialize() throws Exception {
    Path lib = GlueProgram.buildGlue(work);
    HostFunction log =
        new HostFunction(
            "$root",
            "log",
            FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
            (instance, values) -> {
              logged.add(instance.memory().readString((int) values[0], (int) values[1]));
              return null;
            });
    program =
        new GlueProgram(
            lib,
            Files.readAllBytes(lib.resolve("libworld.so")),
            Map.of(
                "/python",
                GlueProgram.bundle().resolve("python"),
                "/app",
                GlueProgram.SOURCES.resolve("app").toAbsolutePath()),
            List.of("/app"),
            List.of(log));
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
  void onlyLibcsUnusedMainIsLeftUndefined() {
    List<String> stubbed = program.linked.stubbed();
    assertEquals(1, stubbed.size(), stubbed.toString());
    assertTrue(stubbed.get(0).startsWith("libc.so needs main"), stubbed.get(0));
  }

  @Test
  @Order(2)
  void initStartsCPythonAndImportsTheApp() {
    assertEquals(0, initResult, "componentize_init failed; stderr:\n" + program.stderr());
  }

  @Test
  @Order(3)
  void firstExportCallReadsArgumentsAndEnvironmentFromWasi() throws Exception {
    int result = (int) program.call("libworld.so", "describe");
    // UTF-8 mode: a component has no locale, and ASCII stdio would fail on any non-ASCII text.
    assertEquals("['build-time-argument']|/app|utf-8|1", program.stringAt(result));
  }

  @Test
  @Order(4)
  void greetLiftsAStringCallsTheLogImportAndReturnsAString() throws Exception {
    byte[] name = "World".getBytes(StandardCharsets.UTF_8);
    int pointer = program.allocate(name, 1);
    int result = (int) program.call("libworld.so", "greet", pointer, name.length);
    assertEquals("Hello, World!", program.stringAt(result));
    assertEquals(List.of("greet called with World"), logged);
    program.call("libworld.so", "cabi_post_greet", result);
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
    assertEquals("", program.stdout());
  }

  @Test
  @Order(10)
  void anExceptionEscapingAnExportPrintsItsTracebackAndTraps() {
    assertThrows(TrapException.class, () -> program.call("libworld.so", "fail"));
    String errors = program.stderr();
    assertTrue(errors.contains("componentize: export fail raised an exception"), errors);
    assertTrue(errors.contains("Traceback (most recent call last)"), errors);
    assertTrue(errors.contains("ValueError: boom from the app"), errors);
    assertFalse(errors.contains("\u001b["), "traceback must be plain text: " + errors);
  }

  private static void assertFixtureChecksPass(String test) throws Exception {
    assertEquals(
        0,
        program.call("libworld.so", test),
        test + " failed checks; stderr:\n" + program.stderr());
  }
}
