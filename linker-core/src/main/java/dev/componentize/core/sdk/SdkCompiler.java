package dev.componentize.core.sdk;

import dev.componentize.core.abi.CandidateLibrary;
import dev.componentize.core.abi.CheckReport;
import dev.componentize.core.abi.Finding;
import dev.componentize.core.abi.Policy;
import dev.componentize.core.abi.RuntimeBundleException;
import dev.componentize.core.abi.RuntimeIdentity;
import dev.componentize.core.abi.ToolchainCheck;
import dev.componentize.core.abi.ToolchainMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Builds CPython extension modules with the runtime bundle's compiler driver ({@value #DRIVER},
 * docs/wheels.md), which runs the host's clang-19 with the runtime's target, sysroot, headers and
 * libraries and stamps the toolchain identity. Each source is compiled to an object in the work
 * directory, the objects are linked {@code -shared} into {@code <module path><ext suffix>}, and the
 * result goes through the toolchain check under STRICT, as the componentize goal will check it.
 */
public final class SdkCompiler {
  /** The C driver, relative to the bundle. */
  public static final String DRIVER = "sdk/bin/wasm32-wasi-clang";

  /** The C++ driver, relative to the bundle. */
  public static final String CXX_DRIVER = "sdk/bin/wasm32-wasi-clang++";

  private final Path bundle;
  private final Path workDirectory;
  private final Path sourceRoot;
  private final Duration timeout;
  private final RuntimeIdentity runtime;

  /**
   * @param bundle the runtime bundle directory
   * @param workDirectory where objects are written
   * @param sourceRoot the project directory, mapped to {@code .} in debug information and {@code
   *     __FILE__} (-ffile-prefix-map), so the module does not depend on where it was built
   * @param timeout for each compiler run
   */
  public SdkCompiler(Path bundle, Path workDirectory, Path sourceRoot, Duration timeout)
      throws NativeBuildException {
    this.bundle = Objects.requireNonNull(bundle, "bundle");
    this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    this.sourceRoot = Objects.requireNonNull(sourceRoot, "sourceRoot");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    for (String driver : List.of(DRIVER, CXX_DRIVER)) {
      if (!Files.isRegularFile(bundle.resolve(driver))) {
        throw new NativeBuildException(
            "the runtime bundle "
                + bundle
                + " has no "
                + driver
                + ": it predates the SDK's compiler driver; use a componentize-runtime of the"
                + " plugin's own version");
      }
    }
    try {
      this.runtime = RuntimeIdentity.fromBundle(bundle);
    } catch (RuntimeBundleException e) {
      throw new NativeBuildException(
          "cannot read the runtime bundle " + bundle + ": " + e.getMessage(), e);
    }
  }

  /** A module built, with what the compiler printed (warnings) on the way. */
  public record Built(Path library, String sitePath, List<String> diagnostics) {}

  /**
   * Builds {@code spec} into {@code siteRoot/<module path><ext suffix>}.
   *
   * @throws NativeBuildException if a source is missing or does not compile, the link fails, or the
   *     toolchain check refuses the result
   */
  public Built build(ExtensionSpec spec, Path siteRoot) throws NativeBuildException, IOException {
    Path objects = Files.createDirectories(workDirectory.resolve(spec.module()));
    List<String> diagnostics = new ArrayList<>();
    List<String> linkInputs = new ArrayList<>();
    int index = 0;
    for (Path source : spec.sources()) {
      if (!Files.isRegularFile(source)) {
        throw new NativeBuildException(
            source + ": no such source file (extension module " + spec.module() + ")");
      }
      Path object = objects.resolve((index++) + "-" + source.getFileName() + ".o");
      List<String> compile = new ArrayList<>(driver(spec.isCxx(source)));
      compile.add("-O2");
      compile.add("-ffile-prefix-map=" + sourceRoot.toAbsolutePath().normalize() + "=.");
      compile.addAll(spec.compilerArgs());
      compile.addAll(List.of("-c", source.toAbsolutePath().toString(), "-o", object.toString()));
      run(compile, source + ": does not compile for the runtime", diagnostics);
      linkInputs.add(object.toString());
    }
    String sitePath = spec.pathWithoutSuffix() + runtime.extSuffix();
    Path library = siteRoot.resolve(sitePath);
    Files.createDirectories(library.getParent());
    List<String> link = new ArrayList<>(driver(spec.anyCxx()));
    link.addAll(List.of("-shared", "-Wl,--strip-debug"));
    link.addAll(spec.linkerArgs());
    link.addAll(List.of("-o", library.toString()));
    link.addAll(linkInputs);
    run(link, "extension module " + spec.module() + ": the link failed", diagnostics);
    check(sitePath, library);
    return new Built(library, sitePath, List.copyOf(diagnostics));
  }

  private List<String> driver(boolean cxx) {
    return List.of("bash", bundle.resolve(cxx ? CXX_DRIVER : DRIVER).toString());
  }

  private void check(String sitePath, Path library) throws NativeBuildException, IOException {
    try {
      CheckReport report =
          new ToolchainCheck(runtime)
              .check(
                  List.of(CandidateLibrary.extension(sitePath, Files.readAllBytes(library))),
                  Policy.STRICT);
      if (!report.warnings().isEmpty()) {
        throw new NativeBuildException(
            String.join("\n", report.warnings().stream().map(Finding::message).toList()));
      }
    } catch (ToolchainMismatchException e) {
      Files.deleteIfExists(library);
      throw new NativeBuildException(e.getMessage(), e);
    }
  }

  private void run(List<String> command, String failure, List<String> diagnostics)
      throws NativeBuildException, IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(workDirectory.toFile())
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new NativeBuildException(
            failure + ": the compiler did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new NativeBuildException(failure + ": interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new NativeBuildException(
          failure
              + " (exit status "
              + process.exitValue()
              + "):\n"
              + (output.isEmpty() ? "(no output)" : output)
              + "\ncommand: "
              + String.join(" ", command));
    }
    if (!output.isEmpty()) {
      diagnostics.add(output);
    }
  }
}
