package dev.componentize.runtime.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.run.GuestThread;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import run.endive.runtime.HostFunction;
import run.endive.runtime.Memory;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * A Python program around libcomponentize.so for tests: the runtime bundle's libraries, the glue
 * (built by {@code src/test/c/glue/run-tests.sh}) and a world library, linked by linker-core's
 * {@link Linker} and instantiated on Endive with WASI preview1 and the test's host functions.
 */
final class GlueProgram implements AutoCloseable {
  static final Path SOURCES = Path.of("src/test/c/glue");

  /** The bundle's libraries and the glue, in the order the linker gets them. */
  private static final List<String> RUNTIME_LIBRARIES =
      List.of(
          "libc.so",
          "libdl.so",
          "libwasi-emulated-getpid.so",
          "libwasi-emulated-process-clocks.so",
          "libwasi-emulated-mman.so",
          "libpython3.13.so",
          "libcomponentize.so");

  /** CPython on Endive's interpreter recurses deeply. */
  final LinkedProgram linked;

  final RunningProgram program;
  private final WasiPreview1 wasi;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  /**
   * Links and instantiates the program (constructors run; CPython is not started yet).
   *
   * @param lib the directory run-tests.sh filled (bundle libraries and libcomponentize.so)
   * @param world the bytes of the world library, linked as {@code libworld.so}
   * @param directories guest path -> host directory, preopened; the first is PYTHONHOME
   * @param pythonPath guest directories for {@code COMPONENTIZE_PYTHONPATH}
   */
  GlueProgram(
      Path lib,
      byte[] world,
      Map<String, Path> directories,
      List<String> pythonPath,
      List<HostFunction> hostFunctions)
      throws Exception {
    List<Library> libraries = new ArrayList<>();
    for (String name : RUNTIME_LIBRARIES) {
      libraries.add(Library.of(name, Files.readAllBytes(lib.resolve(name))));
    }
    libraries.add(Library.of("libworld.so", world));
    // libc.so refers to `main` (its command start-up code), which a reactor never calls: it
    // becomes a trapping stub (tests check that nothing else does).
    linked = new Linker(LinkOptions.defaults().withStubMissingFunctions(true)).link(libraries);
    WasiOptions.Builder options =
        WasiOptions.builder()
            .withArguments(List.of("build-time-argument"))
            .withEnvironment("COMPONENTIZE_PYTHONHOME", "/python")
            .withEnvironment("COMPONENTIZE_PYTHONPATH", String.join(":", pythonPath))
            .withStdout(stdout)
            .withStderr(stderr);
    directories.forEach(options::withDirectory);
    wasi = WasiPreview1.builder().withOptions(options.build()).build();
    List<HostFunction> host = new ArrayList<>(List.of(wasi.toHostFunctions()));
    host.addAll(hostFunctions);
    program = GuestThread.call(() -> ProgramRunner.instantiate(linked, host));
  }

  /** Builds and checks the glue and the fixture world library into {@code out}/lib. */
  static Path buildGlue(Path out) throws IOException, InterruptedException {
    Process build =
        new ProcessBuilder(
                "bash",
                SOURCES.resolve("run-tests.sh").toString(),
                "--out",
                out.toString(),
                bundle().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, build.waitFor(), "run-tests.sh failed:\n" + output);
    return out.resolve("lib");
  }

  /** The runtime bundle the module's build linked (system property set by surefire). */
  static Path bundle() throws IOException {
    String configured =
        System.getProperty("componentize.runtime.dir", System.getenv("COMPONENTIZE_RUNTIME_DIR"));
    if (configured == null || !Files.isRegularFile(Path.of(configured).resolve(".complete"))) {
      throw new IllegalStateException(
          "no finished runtime bundle at componentize.runtime.dir=" + configured);
    }
    return Path.of(configured).toRealPath();
  }

  /** Calls {@code export} of instance {@code library}; its first result, or 0. */
  long call(String library, String export, long... args) throws Exception {
    long[] results = GuestThread.call(() -> program.function(library, export).apply(args));
    return results == null || results.length == 0 ? 0 : results[0];
  }

  /** Copies {@code bytes} into memory allocated with the glue's cabi_realloc. */
  int allocate(byte[] bytes, int align) throws Exception {
    int pointer = (int) call("libcomponentize.so", "cabi_realloc", 0, 0, align, bytes.length);
    memory().write(pointer, bytes);
    return pointer;
  }

  /** A canonical-ABI string given by the (pointer, length) pair at {@code address}. */
  String stringAt(int address) {
    return memory().readString(memory().readInt(address), memory().readInt(address + 4));
  }

  Memory memory() {
    return program.memory();
  }

  String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    wasi.close();
  }
}
