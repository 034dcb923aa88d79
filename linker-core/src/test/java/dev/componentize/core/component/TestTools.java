package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the external tools that check our components ({@code scripts/install-test-tools.sh}
 * installs them) and runs them. A test that needs a missing tool is skipped with a message that
 * says how to install it; CI installs them, so there they run.
 *
 * <p>Lookup order: system property ({@code componentize.wasmTools}, {@code componentize.jcoHome}),
 * then the cache directory {@code ${COMPONENTIZE_CACHE:-~/.cache/componentize-maven}/tools}, then
 * {@code PATH} (wasm-tools only).
 */
final class TestTools {
  private static final String INSTALL_HINT = "; run scripts/install-test-tools.sh to install it";

  private TestTools() {}

  record Result(int exitCode, String stdout, String stderr) {
    String describe() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  static Path wasmTools() {
    Optional<Path> found =
        property("componentize.wasmTools")
            .or(() -> executable(cache().resolve("bin/wasm-tools")))
            .or(() -> onPath("wasm-tools"));
    assumeTrue(found.isPresent(), "wasm-tools not found" + INSTALL_HINT);
    return found.get();
  }

  static Path wasmtime() {
    Optional<Path> found =
        property("componentize.wasmtime")
            .or(() -> executable(cache().resolve("bin/wasmtime")))
            .or(() -> onPath("wasmtime"));
    assumeTrue(found.isPresent(), "wasmtime not found" + INSTALL_HINT);
    return found.get();
  }

  /** The directory holding {@code node_modules/@bytecodealliance/jco}. */
  static Path jcoHome() {
    Optional<Path> home =
        property("componentize.jcoHome")
            .or(() -> Optional.of(cache().resolve("jco")))
            .filter(h -> Files.isRegularFile(jcoScript(h)));
    assumeTrue(home.isPresent(), "jco not found" + INSTALL_HINT);
    return home.get();
  }

  static Path jcoScript(Path home) {
    return home.resolve("node_modules/@bytecodealliance/jco/dist/jco.js");
  }

  static Path node() {
    Optional<Path> node = onPath("node");
    assumeTrue(node.isPresent(), "node not found on PATH (jco needs Node.js 18+)");
    return node.get();
  }

  static Result run(List<String> command, Path directory, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("tool", ".out");
    Path err = Files.createTempFile("tool", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Result run(Path directory, long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    return run(new ArrayList<>(List.of(command)), directory, timeoutSeconds);
  }

  /** Runs wasm-tools with {@code args} in {@code dir} (60 s at most). */
  static Result wasmTools(Path dir, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = wasmTools().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return run(dir, 60, command);
  }

  /** The core module {@code wat} describes, parsed by wasm-tools. */
  static byte[] parseWat(Path dir, String wat) throws IOException, InterruptedException {
    Path text = Files.writeString(dir.resolve("core.wat"), wat);
    Path out = dir.resolve("core.wasm");
    Result parsed = wasmTools(dir, "parse", text.toString(), "-o", out.toString());
    assertEquals(0, parsed.exitCode(), parsed::describe);
    return Files.readAllBytes(out);
  }

  private static Path cache() {
    String cache = System.getenv("COMPONENTIZE_CACHE");
    Path base =
        cache != null && !cache.isEmpty()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "componentize-maven");
    return base.resolve("tools");
  }

  private static Optional<Path> property(String name) {
    String value = System.getProperty(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
  }

  private static Optional<Path> executable(Path path) {
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Optional<Path> found = executable(Path.of(dir, name));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
