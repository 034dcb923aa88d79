package dev.componentize.maven;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.sdk.ExtensionSpec;
import dev.componentize.core.sdk.NativeBuildException;
import dev.componentize.core.sdk.SdkCompiler;
import dev.componentize.core.wheel.WheelWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystemSession;

/**
 * Builds a wasi wheel from the module: the Python package files ({@code src/main/python}) and the
 * CPython extension modules listed in {@code <extensions>}, compiled from C/C++ by the runtime
 * bundle's compiler driver ({@code sdk/bin/wasm32-wasi-clang} on the host's clang-19), into a
 * reproducible {@code <name>-<version>-cp313-cp313-wasi_0_0_0_wasm32.whl} with METADATA, WHEEL and
 * RECORD, attached as the module's {@code whl} artifact (docs/wheels.md).
 */
// The mojo maps parameters to the core's SdkCompiler and WheelWriter, logs and attaches.
@Mojo(name = "wheel", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class WheelMojo extends AbstractComponentizeMojo {
  /** The wheel tag of native wheels for the runtime (docs/wheels.md). */
  static final String TAG = "cp313-cp313-wasi_0_0_0_wasm32";

  private static final Duration COMPILER_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Directories whose files go into the wheel at their relative paths (the Python packages), except
   * {@code __pycache__} directories and {@code .pyc} files. Default: {@code src/main/python}, when
   * it exists.
   */
  @Parameter(property = "componentize.pythonSources")
  List<File> pythonSources;

  /**
   * The extension modules: each {@code <extension>} has a {@code <name>} (dotted, e.g. {@code
   * fastmath._native}), {@code <sources>} and optional {@code <compilerArgs>} and {@code
   * <linkerArgs>}.
   */
  @Parameter List<Extension> extensions;

  /** The distribution name (PEP 508). */
  @Parameter(
      property = "componentize.wheel.distribution",
      defaultValue = "${project.artifactId}",
      required = true)
  String distribution;

  /**
   * The wheel's version (PEP 440). A Maven {@code -SNAPSHOT} version becomes {@code .dev0} ({@code
   * 1.0.0-SNAPSHOT} is {@code 1.0.0.dev0}).
   */
  @Parameter(
      property = "componentize.wheel.version",
      defaultValue = "${project.version}",
      required = true)
  String version;

  /** METADATA's one-line Summary; default: the project's description. */
  @Parameter(property = "componentize.wheel.summary", defaultValue = "${project.description}")
  String summary;

  /** The runtime bundle jar whose SDK compiles the extensions (as for the componentize goal). */
  @Parameter(
      property = RUNTIME_ARTIFACT_PROPERTY,
      defaultValue = RUNTIME_ARTIFACT_DEFAULT,
      required = true)
  String runtimeArtifact;

  /** An already unpacked runtime bundle directory; overrides {@code runtimeArtifact}. */
  @Parameter(property = RUNTIME_DIRECTORY_PROPERTY)
  File runtimeDirectory;

  /** The directory the wheel is written to. */
  @Parameter(
      property = "componentize.outputDirectory",
      defaultValue = "${project.build.directory}",
      required = true)
  File outputDirectory;

  /** Scratch space: the unpacked runtime and the objects. */
  @Parameter(
      property = "componentize.workDirectory",
      defaultValue = "${project.build.directory}/componentize",
      required = true)
  File workDirectory;

  /** A classifier for the attached artifact; none by default. */
  @Parameter(property = "componentize.wheel.classifier")
  String classifier;

  /** Whether to attach the wheel to the project (type {@code whl}) for install and deploy. */
  @Parameter(property = "componentize.attach", defaultValue = "true")
  boolean attach;

  /** Skips the goal (the build says so). */
  @Parameter(property = "componentize.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
  String pluginVersion;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  RepositorySystemSession repositorySession;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped(skip)) {
      return;
    }
    long start = System.nanoTime();
    try {
      build(start);
    } catch (ComponentizeException e) {
      throw Failures.failure(e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          LogLines.PREFIX + "I/O error while building the wheel: " + e.getMessage(), e);
    }
  }

  private void build(long start) throws ConfigurationException, NativeBuildException, IOException {
    WheelWriter.Spec spec = spec();
    List<ExtensionSpec> modules = extensionSpecs();
    Path basedir = project.getBasedir().toPath();
    Path work = workDirectory.toPath().resolve("wheel");
    deleteRecursively(work);
    Path site = Files.createDirectories(work.resolve("site"));
    Map<String, Path> files = new TreeMap<>();
    for (Path root : pythonSourceDirectories()) {
      collect(root, files);
    }
    // Sources compiled into an extension module are not shipped (as setuptools leaves them out).
    for (ExtensionSpec module : modules) {
      for (Path source : module.sources()) {
        files.values().removeIf(file -> sameFile(file, source));
      }
    }
    if (!modules.isEmpty()) {
      Path bundle =
          runtimeBundle(
              runtimeDirectory, runtimeArtifact, pluginVersion, workDirectory, repositorySession);
      SdkCompiler compiler =
          new SdkCompiler(
              bundle, Files.createDirectories(work.resolve("obj")), basedir, COMPILER_TIMEOUT);
      for (ExtensionSpec module : modules) {
        SdkCompiler.Built built = compiler.build(module, site);
        for (String diagnostic : built.diagnostics()) {
          getLog().warn(LogLines.PREFIX + module.module() + ": " + diagnostic);
        }
        if (files.put(built.sitePath(), built.library()) != null) {
          throw new ConfigurationException(
              "<extension> "
                  + module.module()
                  + ": "
                  + built.sitePath()
                  + " is also a file of the Python sources; remove one of them");
        }
        getLog()
            .info(
                LogLines.PREFIX
                    + "compiled "
                    + module.module()
                    + " ("
                    + module.sources().size()
                    + (module.sources().size() == 1 ? " source" : " sources")
                    + ") -> "
                    + built.sitePath());
      }
    }
    if (files.isEmpty()) {
      throw new ConfigurationException(
          "the wheel would be empty: no Python files in "
              + (pythonSources == null ? "src/main/python" : "<pythonSources>")
              + " and no <extensions>");
    }
    Path wheel;
    try {
      wheel = WheelWriter.write(outputDirectory.toPath(), spec, files);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    getLog()
        .info(
            LogLines.PREFIX
                + "wrote "
                + LogLines.relative(basedir, wheel)
                + " ("
                + LogLines.megabytes(Files.size(wheel))
                + ", "
                + modules.size()
                + (modules.size() == 1 ? " extension module" : " extension modules")
                + ", "
                + files.size()
                + " files) in "
                + LogLines.seconds(Duration.ofNanos(System.nanoTime() - start)));
    attach(attach, "whl", classifier, wheel);
  }

  private WheelWriter.Spec spec() throws ConfigurationException {
    String pythonVersion =
        version.endsWith("-SNAPSHOT")
            ? version.substring(0, version.length() - "-SNAPSHOT".length()) + ".dev0"
            : version;
    try {
      return new WheelWriter.Spec(
          distribution.strip(),
          pythonVersion,
          TAG,
          Optional.ofNullable(summary),
          "componentize-maven-plugin " + pluginVersion);
    } catch (IllegalArgumentException e) {
      String element =
          e.getMessage().contains("version")
              ? "<version> (default: the project's version)"
              : "<distribution> (default: the artifactId)";
      throw new ConfigurationException(element + ": " + e.getMessage(), e);
    }
  }

  private List<ExtensionSpec> extensionSpecs() throws ConfigurationException {
    List<ExtensionSpec> specs = new ArrayList<>();
    if (extensions == null) {
      return specs;
    }
    for (Extension extension : extensions) {
      if (extension.name == null || extension.name.isBlank()) {
        throw new ConfigurationException("<extension> without a <name> (e.g. fastmath._native)");
      }
      try {
        specs.add(
            new ExtensionSpec(
                extension.name.strip(),
                extension.sources == null
                    ? List.of()
                    : extension.sources.stream().map(File::toPath).toList(),
                extension.compilerArgs == null ? List.of() : extension.compilerArgs,
                extension.linkerArgs == null ? List.of() : extension.linkerArgs));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "<extension> " + extension.name + ": " + e.getMessage(), e);
      }
    }
    return specs;
  }

  private List<Path> pythonSourceDirectories() throws ConfigurationException {
    if (pythonSources == null || pythonSources.isEmpty()) {
      Path conventional = project.getBasedir().toPath().resolve("src/main/python");
      return Files.isDirectory(conventional) ? List.of(conventional) : List.of();
    }
    List<Path> directories = new ArrayList<>();
    for (File directory : pythonSources) {
      if (!directory.isDirectory()) {
        throw new ConfigurationException("<pythonSources> " + directory + " is not a directory");
      }
      directories.add(directory.toPath());
    }
    return directories;
  }

  /** Every file under {@code root} but caches, at its {@code /}-separated relative path. */
  private static void collect(Path root, Map<String, Path> files)
      throws ConfigurationException, IOException {
    List<Path> found;
    try (Stream<Path> walk = Files.walk(root)) {
      found =
          walk.filter(Files::isRegularFile)
              .filter(p -> !skipped(root.relativize(p)))
              .filter(p -> !p.getFileName().toString().endsWith(".pyc"))
              .sorted()
              .toList();
    }
    for (Path file : found) {
      String name = root.relativize(file).toString().replace(File.separatorChar, '/');
      if (files.put(name, file) != null) {
        throw new ConfigurationException(
            "<pythonSources>: " + name + " is in two source directories; keep one");
      }
    }
  }

  /** Build leftovers that are no part of a package: caches and an sdist's egg-info. */
  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("__pycache__") || name.endsWith(".egg-info")) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameFile(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
