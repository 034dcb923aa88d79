package dev.componentize.runtime.component;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The tools the linked-component tests need: clang-19 to build PIC libraries against the runtime
 * bundle's sysroot, {@code wasm-tools} and {@code jco} (installed by {@code
 * scripts/install-test-tools.sh}) to check the components. A missing tool skips the test; CI has
 * them all.
 *
 * <p>Lookup as in linker-core's component tests: system property ({@code componentize.wasmTools},
 * {@code componentize.jcoHome}), then {@code ${COMPONENTIZE_CACHE:-~/.cache/componentize-maven}
 * /tools}, then {@code PATH} (wasm-tools, node).
 */
public final class ComponentTools {
  static final Path SOURCES = Path.of("src/test/c/component");
  private static final String INSTALL_HINT = "; run scripts/install-test-tools.sh to install it";

  private ComponentTools() {}

  public record Result(int exitCode, String stdout, String stderr) {
    public String describe() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /** The runtime bundle built for this module (surefire sets the property, see the pom). */
  static Path runtimeBundle() {
    String dir = System.getProperty("componentize.runtime.dir");
    assumeTrue(dir != null && !dir.isBlank(), "componentize.runtime.dir is not set");
    Path bundle = Path.of(dir);
    assumeTrue(
        Files.isRegularFile(bundle.resolve(".complete")),
        bundle + " is not a finished runtime bundle (run runtime/build-runtime.sh)");
    return bundle;
  }

  public static Path wasmTools() {
    Optional<Path> found =
        property("componentize.wasmTools")
            .or(() -> executable(toolsDirectory().resolve("bin/wasm-tools")))
            .or(() -> onPath("wasm-tools"));
    assumeTrue(found.isPresent(), "wasm-tools not found" + INSTALL_HINT);
    return found.get();
  }

  /** The directory holding {@code node_modules/@bytecodealliance/jco}. */
  public static Path jcoHome() {
    Optional<Path> home =
        property("componentize.jcoHome")
            .or(() -> Optional.of(toolsDirectory().resolve("jco")))
            .filter(h -> Files.isRegularFile(jcoScript(h)));
    assumeTrue(home.isPresent(), "jco not found" + INSTALL_HINT);
    return home.get();
  }

  public static Path jcoScript(Path home) {
    return home.resolve("node_modules/@bytecodealliance/jco/dist/jco.js");
  }

  /** The WASI preview1 reactor adapter of the runtime bundle (runtime/complete-bundle.sh). */
  static Path reactorAdapter() {
    Path adapter = runtimeBundle().resolve("adapter/wasi_snapshot_preview1.reactor.wasm");
    assumeTrue(Files.isRegularFile(adapter), "no preview1 reactor adapter at " + adapter);
    return adapter;
  }

  /**
   * The preview1 command adapter jco ships (the bundle has only the reactor: components built from
   * Python export {@code wasi:cli/run} through the glue, docs/design/python-component-assembly.md).
   */
  static Path commandAdapter() {
    Path adapter =
        jcoHome()
            .resolve("node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm");
    assumeTrue(Files.isRegularFile(adapter), "no preview1 command adapter at " + adapter);
    return adapter;
  }

  public static Path node() {
    Optional<Path> node = onPath("node");
    assumeTrue(node.isPresent(), "node not found on PATH (jco needs Node.js 18+)");
    return node.get();
  }

  /**
   * {@code clang-19 -fPIC} of {@code SOURCES/source} against the bundle's sysroot, linked {@code
   * -shared} into {@code out/name}; {@code needed} are library files whose names become dylink.0
   * "needed" entries (wasm-ld records the name as given, so they are copied into {@code out}).
   */
  static byte[] sharedLibrary(Path sysroot, Path out, String name, String source, Path... needed)
      throws IOException, InterruptedException {
    return sharedLibrary(sysroot, out, name, source, List.of(), needed);
  }

  /** As above, with extra compiler flags (e.g. {@code -mbulk-memory}). */
  static byte[] sharedLibrary(
      Path sysroot, Path out, String name, String source, List<String> cflags, Path... needed)
      throws IOException, InterruptedException {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/clang-19")),
        "clang-19 is not installed: run scripts/install-toolchain.sh");
    Path object = out.resolve(name + ".o");
    List<String> compile =
        new ArrayList<>(
            List.of(
                "clang-19",
                "--target=wasm32-wasi",
                "--sysroot=" + sysroot,
                "-O2",
                "-fPIC",
                "-fvisibility=default"));
    compile.addAll(cflags);
    compile.addAll(
        List.of(
            "-c", SOURCES.resolve(source).toAbsolutePath().toString(), "-o", object.toString()));
    check(run(compile, out, 120));
    List<String> link =
        new ArrayList<>(
            List.of(
                "clang-19",
                "--target=wasm32-wasi",
                "--sysroot=" + sysroot,
                "-shared",
                "-nostdlib",
                "-Wl,--no-entry",
                "-Wl,--allow-undefined",
                "-o",
                out.resolve(name).toString(),
                object.toString()));
    for (Path library : needed) {
      Path local = out.resolve(library.getFileName());
      if (!Files.exists(local)) {
        Files.copy(library, local);
      }
      link.add(library.getFileName().toString());
    }
    check(run(link, out, 120));
    return Files.readAllBytes(out.resolve(name));
  }

  static Result run(Path directory, long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    return run(List.of(command), directory, timeoutSeconds);
  }

  static Result run(List<String> command, Path directory, long timeoutSeconds)
      throws IOException, InterruptedException {
    return run(command, directory, Map.of(), timeoutSeconds);
  }

  /**
   * Runs {@code command} in {@code directory} with {@code env} added to its environment; kills it
   * and fails after {@code timeoutSeconds}.
   */
  public static Result run(
      List<String> command, Path directory, Map<String, String> env, long timeoutSeconds)
      throws IOException, InterruptedException {
    return run(command, directory, env, timeoutSeconds, null);
  }

  /** {@link #run(List, Path, Map, long)} with standard input read from {@code stdin}, if given. */
  public static Result run(
      List<String> command,
      Path directory,
      Map<String, String> env,
      long timeoutSeconds,
      Path stdin)
      throws IOException, InterruptedException {
    Started started = start(command, directory, env, stdin);
    Process process = started.process();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
    }
    return new Result(process.exitValue(), started.stdout(), started.stderr());
  }

  /** A started process whose output and error streams go to files. */
  public record Started(Process process, Path stdoutFile, Path stderrFile) {
    /** What the process printed on its output so far. */
    public String stdout() throws IOException {
      return Files.readString(stdoutFile, StandardCharsets.UTF_8);
    }

    /** What the process printed on its error stream so far. */
    public String stderr() throws IOException {
      return Files.readString(stderrFile, StandardCharsets.UTF_8);
    }
  }

  /**
   * Starts {@code command} in {@code directory} with {@code env} added to its environment, its
   * output and error streams going to new files in {@code directory}.
   */
  public static Started start(List<String> command, Path directory, Map<String, String> env)
      throws IOException {
    return start(command, directory, env, null);
  }

  private static Started start(
      List<String> command, Path directory, Map<String, String> env, Path stdin)
      throws IOException {
    Path out = Files.createTempFile(directory, "process", ".out");
    Path err = Files.createTempFile(directory, "process", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    builder.environment().putAll(env);
    return new Started(builder.start(), out, err);
  }

  private static void check(Result result) throws IOException {
    if (result.exitCode() != 0) {
      throw new IOException("clang-19 failed: " + result.describe());
    }
  }

  /** Where scripts/install-test-tools.sh installs the test tools. */
  public static Path toolsDirectory() {
    String env = System.getenv("COMPONENTIZE_CACHE");
    Path base =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "componentize-maven");
    return base.resolve("tools");
  }

  private static Optional<Path> property(String name) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
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
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
