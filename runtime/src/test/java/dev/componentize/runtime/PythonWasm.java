package dev.componentize.runtime;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the bundle's static {@code bin/python.wasm} on Chicory's interpreter with WASI preview1.
 *
 * <p>The guest sees the standard library at {@code /python/lib/python3.13} (PYTHONHOME=/python, the
 * prefix the bundle was configured with), copied into an in-memory file system so the guest can
 * neither read nor write the host's files.
 */
final class PythonWasm {

  /** Where the guest finds the bundle's {@code python/} tree; matches manifest python.home. */
  static final String GUEST_HOME = "/python";

  private static final long GUEST_THREAD_STACK_BYTES = 512L << 20;

  /** What one interpreter run printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {}

  private PythonWasm() {}

  /** Runs {@code python -c code} and returns its exit code and output. */
  static Result runCode(Path bundle, String code) {
    return run(bundle, List.of("python", "-c", code));
  }

  /**
   * Runs {@code argv} on a thread of its own with a large stack: Chicory's interpreter nests a Java
   * frame per wasm call, and CPython's calls nest deeply, so a default stack is not enough.
   */
  static Result run(Path bundle, List<String> argv) {
    Result[] result = new Result[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result[0] = runOnThisThread(bundle, argv);
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            },
            "python.wasm",
            GUEST_THREAD_STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while python.wasm was running", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return result[0];
  }

  private static Result runOnThisThread(Path bundle, List<String> argv) {
    WasmModule module = Parser.parse(bundle.resolve("bin/python.wasm"));
    // Chicory's WASI reads "unix:*" attributes (inode numbers etc.), so jimfs needs that view.
    Configuration config = Configuration.unix().toBuilder().setAttributeViews("unix").build();
    try (FileSystem fs = Jimfs.newFileSystem(config)) {
      Path guestHome = fs.getPath(GUEST_HOME);
      copyTree(bundle.resolve("python"), guestHome);
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      WasiOptions options =
          WasiOptions.builder()
              .withArguments(argv)
              .withEnvironment("PYTHONHOME", GUEST_HOME)
              .withEnvironment("PYTHONDONTWRITEBYTECODE", "1")
              .withDirectory(GUEST_HOME, guestHome)
              .withStdout(stdout)
              .withStderr(stderr)
              .build();
      int exitCode = 0;
      try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
        ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
        Instance instance =
            Instance.builder(module).withImportValues(imports).withStart(false).build();
        instance.export("_start").apply();
      } catch (WasiExitException e) {
        exitCode = e.exitCode();
      }
      return new Result(
          exitCode,
          stdout.toString(StandardCharsets.UTF_8),
          stderr.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(from)) {
      sources = new ArrayList<>(walk.toList());
    }
    for (Path source : sources) {
      // Resolve by string: the two paths belong to different file systems.
      Path target = to.resolve(from.relativize(source).toString());
      if (Files.isDirectory(source)) {
        Files.createDirectories(target);
      } else {
        Files.copy(source, target);
      }
    }
  }
}
