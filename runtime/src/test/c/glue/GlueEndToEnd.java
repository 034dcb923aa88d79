import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import run.endive.runtime.HostFunction;
import run.endive.runtime.Memory;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * End-to-end test of libcomponentize.so: links the runtime bundle's libraries, the glue and the
 * world_fixture.c stand-in for libworld.so with linker-core's {@code Linker}, runs the program on
 * Endive's interpreter with WASI, initializes CPython through {@code componentize_init}, imports
 * the fixture app, and calls the world's exports (docs/python-glue.md).
 *
 * <pre>java -Xss16m -cp LINKER_CORE_CLASSPATH GlueEndToEnd.java LIB_DIR PYTHON_HOME APP_DIR</pre>
 *
 * LIB_DIR holds libc.so, libdl.so, libwasi-emulated-*.so, libpython3.13.so, libcomponentize.so and
 * libworld.so. Prints one line per check and exits 1 if any failed. (Run as a source-file program
 * so that it needs no change to the runtime module's pom; see run-tests.sh.)
 */
public final class GlueEndToEnd {
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

  private static int failures;

  private static void check(boolean ok, String what) {
    System.out.println((ok ? "PASS " : "FAIL ") + what);
    if (!ok) {
      failures++;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: GlueEndToEnd LIB_DIR PYTHON_HOME APP_DIR");
      System.exit(2);
    }
    Path libDir = Path.of(args[0]);
    List<Library> libraries = new ArrayList<>();
    for (String name : LIBRARIES) {
      libraries.add(Library.of(name, Files.readAllBytes(libDir.resolve(name))));
    }
    long started = System.nanoTime();
    // libc.so refers to `main` (its command start-up code), which a reactor never calls: it
    // becomes a trapping stub, and nothing else may.
    LinkedProgram linked =
        new Linker(LinkOptions.defaults().withStubMissingFunctions(true)).link(libraries);
    System.out.printf("linked %d libraries in %d ms%n", LIBRARIES.size(), millis(started));
    check(
        linked.stubbed().size() == 1 && linked.stubbed().get(0).startsWith("libc.so needs main"),
        "the only function no library defines is libc's main (stubbed: " + linked.stubbed() + ")");

    List<String> logged = new ArrayList<>();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    WasiOptions options =
        WasiOptions.builder()
            .withArguments(List.of("build-time-argument"))
            .withEnvironment("COMPONENTIZE_PYTHONHOME", "/python")
            .withEnvironment("COMPONENTIZE_PYTHONPATH", "/app")
            .withDirectory("/python", Path.of(args[1]))
            .withDirectory("/app", Path.of(args[2]))
            .withStdout(stdout)
            .withStderr(stderr)
            .build();
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
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
      started = System.nanoTime();
      RunningProgram program = ProgramRunner.instantiate(linked, host);
      System.out.printf("instantiated in %d ms%n", millis(started));

      started = System.nanoTime();
      long init = program.function("libcomponentize.so", "componentize_init").apply()[0];
      System.out.printf("componentize_init() = %d in %d ms%n", init, millis(started));
      check(init == 0, "componentize_init returns 0 (stderr: " + text(stderr) + ")");
      if (init != 0) {
        System.exit(1);
      }

      Memory memory = program.memory();
      int described = (int) program.function("libworld.so", "describe").apply()[0];
      String description =
          memory.readString(memory.readInt(described), memory.readInt(described + 4));
      check(
          "['build-time-argument']|/app".equals(description),
          "the first export call reads arguments and environment from WASI (got '"
              + description
              + "')");

      byte[] name = "World".getBytes(StandardCharsets.UTF_8);
      int pointer =
          (int)
              program.function("libcomponentize.so", "cabi_realloc").apply(0, 0, 1, name.length)[0];
      memory.write(pointer, name);
      started = System.nanoTime();
      int result = (int) program.function("libworld.so", "greet").apply(pointer, name.length)[0];
      System.out.printf("greet(\"World\") in %d ms%n", millis(started));
      String greeting = memory.readString(memory.readInt(result), memory.readInt(result + 4));
      check(
          "Hello, World!".equals(greeting),
          "greet returns 'Hello, World!' (got '" + greeting + "')");
      check(
          logged.equals(List.of("greet called with World")),
          "greet called the log import once with its message (got " + logged + ")");
      program.function("libworld.so", "cabi_post_greet").apply(result);

      for (String test : List.of("test_echo", "test_fetch", "test_flip", "test_resources")) {
        long failed = program.function("libworld.so", test).apply()[0];
        check(failed == 0, test + ": " + failed + " failed checks (stderr: " + text(stderr) + ")");
      }

      RuntimeException trap = null;
      try {
        program.function("libworld.so", "fail").apply();
      } catch (RuntimeException e) {
        trap = e;
      }
      String errors = text(stderr);
      check(trap != null, "an exception escaping an export traps (" + trap + ")");
      check(
          errors.contains("Traceback (most recent call last)")
              && errors.contains("ValueError: boom from the app"),
          "the trap prints the Python traceback on stderr (stderr: " + errors + ")");
      check(text(stdout).isEmpty(), "nothing written to stdout (got: " + text(stdout) + ")");
    }
    System.out.println(failures == 0 ? "ALL PASSED" : failures + " FAILED");
    System.exit(failures == 0 ? 0 : 1);
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }

  private static long millis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
