package dev.componentize.maven;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeException;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.abi.Policy;
import dev.componentize.core.build.BuildInputs;
import dev.componentize.core.build.BuildListener;
import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import dev.componentize.core.files.FileKit;
import dev.componentize.core.files.InputFingerprint;
import dev.componentize.core.imports.StdlibMode;
import dev.componentize.core.wheel.WheelException;
import dev.componentize.core.wheel.WheelLimits;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the Python app ({@code src/main/python}), its wheels and its WIT world ({@code
 * src/main/wit}) into a WebAssembly component, {@code target/<finalName>.wasm}, and attaches it
 * (type {@code wasm}). Prints one line per stage, with its time and a summary, as it ends (and
 * which stage failed after how long); skips the build when no input changed since the last one.
 */
// The mojo only maps parameters to a ComponentizeConfig, calls Componentizer (all pipeline logic
// lives in linker-core), maps its exceptions, logs and attaches.
@Mojo(
    name = "componentize",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class ComponentizeMojo extends AbstractPackagesMojo {
  /** The up-to-date stamp in the work directory. */
  static final String STAMP = "inputs.sha256";

  /**
   * Directories holding the app's Python files, searched in this order (the first one first on
   * {@code sys.path}). Default: {@code src/main/python}, when it exists.
   */
  @Parameter(property = "componentize.pythonSources")
  List<File> pythonSources;

  /**
   * Extra wheels besides the project's dependencies of type {@code whl}: wheel files, or
   * directories whose {@code *.whl} files are taken in name order. They come after the dependency
   * wheels.
   */
  @Parameter(property = "componentize.wheels")
  List<File> wheels;

  /** The directory the component is written to. */
  @Parameter(
      property = "componentize.outputDirectory",
      defaultValue = "${project.build.directory}",
      required = true)
  File outputDirectory;

  /** The component's file name without extension: {@code <finalName>[-<classifier>].wasm}. */
  @Parameter(
      property = "componentize.finalName",
      defaultValue = "${project.build.finalName}",
      required = true)
  String finalName;

  /** A classifier for the component file and the attached artifact; none by default. */
  @Parameter(property = "componentize.classifier")
  String classifier;

  /** Whether to attach the component to the project (type {@code wasm}) for install and deploy. */
  @Parameter(property = "componentize.attach", defaultValue = "true")
  boolean attach;

  /** Skips the goal (the build says so). */
  @Parameter(property = "componentize.skip", defaultValue = "false")
  boolean skip;

  /**
   * What to do when a native extension module was built with a toolchain that does not match the
   * runtime's (docs/toolchain-check.md): {@code STRICT} fails the build, {@code WARN} prints a
   * warning and goes on, {@code OFF} does not check.
   */
  @Parameter(property = "componentize.toolchainCheck", defaultValue = "STRICT", required = true)
  String toolchainCheck;

  /** The guest's C stack in bytes: a multiple of 16, at least 65536. */
  @Parameter(property = "componentize.stackSize", defaultValue = "1048576", required = true)
  int stackSize;

  /**
   * Makes every WASI import a trap, for hosts without WASI (as componentize-py's {@code
   * --stub-wasi}): the component imports only what the world imports. Pure functions work; printing
   * traps, the environment and arguments are empty and {@code random} keeps the build's seed.
   */
  @Parameter(property = "componentize.stubWasi", defaultValue = "false")
  boolean stubWasi;

  /**
   * Which standard-library modules the component carries besides those the build imported
   * (docs/runtime-imports.md): {@code reachable} (those the app's, the bindings' and the wheels'
   * code can import, found by a static scan), {@code all} (the whole standard library, for apps
   * that name modules at run time) or {@code imported} (none: the smallest component). The app's
   * and the wheels' modules are embedded in {@code reachable} and {@code all} mode.
   */
  @Parameter(property = "componentize.stdlib", defaultValue = "reachable", required = true)
  String stdlib;

  /**
   * Whether the app's Python sources go into the component, so that tracebacks show their lines;
   * without them the app's modules that the build did not import are embedded as bytecode.
   */
  @Parameter(property = "componentize.embedSources", defaultValue = "true")
  boolean embedSources;

  /** Scratch space: generated bindings, unpacked wheels, the unpacked runtime, the stamp. */
  @Parameter(
      property = "componentize.workDirectory",
      defaultValue = "${project.build.directory}/componentize",
      required = true)
  File workDirectory;

  /**
   * Where pre-initialization results (snapshots and the bindings' bytecode) are kept across builds,
   * keyed by every input, so that {@code mvn clean package} and other projects with the same world
   * and app reuse them. Default: {@code $COMPONENTIZE_CACHE/snapshots} if that environment variable
   * is set, else {@code ~/.cache/componentize-maven/snapshots}. Safe to delete at any time.
   */
  @Parameter(property = "componentize.cacheDirectory")
  File cacheDirectory;

  /**
   * How long pre-initialization (CPython's start and the app's imports, run at build time) may
   * take, in seconds, before the build fails naming the phase it was in: an app that loops or waits
   * at import time would otherwise hang the build.
   */
  @Parameter(property = "componentize.preinitTimeout", defaultValue = "600", required = true)
  int preinitTimeout;

  /**
   * Most entries (files and directories) one wheel may have; a wheel over it is refused before
   * anything is unpacked (a defence against zip bombs of millions of tiny entries).
   */
  @Parameter(property = "componentize.wheelMaxEntries", defaultValue = "50000", required = true)
  int wheelMaxEntries;

  /** Most bytes one file of a wheel may inflate to (default 512 MiB), counted while inflating. */
  @Parameter(
      property = "componentize.wheelMaxFileSize",
      defaultValue = "536870912",
      required = true)
  long wheelMaxFileSize;

  /** Most bytes all files of one wheel together may inflate to (default 2 GiB). */
  @Parameter(
      property = "componentize.wheelMaxTotalSize",
      defaultValue = "2147483648",
      required = true)
  long wheelMaxTotalSize;

  /**
   * Most inflated bytes per compressed byte of one wheel entry, enforced once the entry has passed
   * 1 MiB (code and text compress 3 to 10 times; far more means filler: a zip bomb).
   */
  @Parameter(
      property = "componentize.wheelMaxCompressionRatio",
      defaultValue = "100",
      required = true)
  int wheelMaxCompressionRatio;

  /**
   * The plugin's own jars (the plugin and linker-core with its dependencies): a SNAPSHOT plugin
   * rebuilt with another pipeline keeps its version, so the up-to-date check hashes the code too.
   */
  @Parameter(defaultValue = "${plugin.artifacts}", readonly = true)
  List<Artifact> pluginArtifacts;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped(skip)) {
      return;
    }
    long start = System.nanoTime();
    Console console = new Console();
    try {
      build(start, console);
    } catch (ComponentizeException e) {
      // A wheel over a limit gets the parameter that sets it.
      if (e.getCause() instanceof WheelException wheel && wheel.limit().isPresent()) {
        throw new MojoFailureException(
            e.getMessage() + " " + limitParameter(wheel.limit().get()), e);
      }
      throw Failures.failure(e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          LogLines.PREFIX + "I/O error while building the component: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw Failures.internal(e, console.running());
    } catch (OutOfMemoryError e) {
      throw Failures.outOfMemory(e, console.running());
    }
  }

  /** Prints each stage's line when it ends, the pre-initialization phases and the warnings. */
  private final class Console implements BuildListener {
    private volatile Stage running;

    Optional<Stage> running() {
      return Optional.ofNullable(running);
    }

    @Override
    public void stageStarted(Stage stage) {
      running = stage;
    }

    @Override
    public void stageFinished(StageTiming timing) {
      running = null;
      getLog().info(LogLines.stage(timing));
    }

    @Override
    public void stageFailed(Stage stage, Duration elapsed, Throwable cause) {
      getLog().error(LogLines.failed(stage, elapsed));
    }

    @Override
    public void progress(Stage stage, String message) {
      getLog().info(LogLines.progress(stage, message));
    }

    @Override
    public void warning(String message) {
      getLog().warn(LogLines.PREFIX + message);
    }
  }

  private void build(long start, BuildListener listener)
      throws ConfigurationException, ComponentizeException, IOException {
    Policy policy = policy();
    Path bundle = runtimeBundle();
    List<Path> wheelFiles =
        new ArrayList<>(
            WheelInputs.fromDependencies(project.getDependencies(), project.getArtifacts()));
    wheelFiles.addAll(WheelInputs.fromEntries(wheels == null ? List.of() : wheels));
    wheelFiles.addAll(packageInputs(bundle).wheels());
    Path output = outputDirectory.toPath().resolve(fileName());
    // A value out of range is an InvalidConfigurationException naming its field (the parameter).
    ComponentizeConfig config =
        (ComponentizeConfig.builder()
                .wit(witDirectory.toPath())
                .world(worldName().orElse(null))
                .witFeatures(features())
                .appModule(appModule)
                .pythonSources(pythonSourceDirectories())
                .wheels(wheelFiles)
                .runtimeBundle(bundle)
                .output(output)
                .toolchainPolicy(policy)
                .stackSize(stackSize)
                .stubWasi(stubWasi)
                .stdlib(stdlibMode())
                .embedSources(embedSources)
                .workDirectory(workDirectory.toPath())
                .snapshotCache(snapshotCacheDirectory())
                .preinitTimeout(Duration.ofSeconds(preinitTimeout))
                .wheelLimits(wheelLimits()))
            .build();

    Path basedir = project.getBasedir().toPath();
    Path shown = LogLines.relative(basedir, output);
    Path stamp = workDirectory.toPath().resolve(STAMP);
    BuildInputs buildInputs = new BuildInputs(config);
    String inputs = fingerprint(buildInputs);
    if (InputFingerprint.isUpToDate(stamp, inputs, output)) {
      getLog().info(LogLines.upToDate(shown));
      attach(output);
      return;
    }
    // The same inputs: the files the fingerprint hashed are not hashed again by the build.
    ComponentizeResult result = Componentizer.componentize(buildInputs, listener);
    report(result, wheelFiles);
    Path written =
        result.output().orElseThrow(() -> new IllegalStateException("the core wrote no component"));
    InputFingerprint.writeStamp(stamp, inputs, written);
    getLog()
        .info(
            LogLines.wrote(
                shown,
                result.componentSize(),
                result.libraries().size(),
                Duration.ofNanos(System.nanoTime() - start)));
    attach(written);
  }

  /** The details at debug level (the stage lines were printed as they happened). */
  private void report(ComponentizeResult result, List<Path> wheelFiles) {
    if (getLog().isDebugEnabled()) {
      getLog().debug(LogLines.PREFIX + "world " + result.world());
      getLog()
          .debug(LogLines.PREFIX + "linked libraries: " + String.join(", ", result.libraries()));
      getLog().debug(LogLines.PREFIX + "wheels: " + wheelFiles);
      getLog()
          .debug(
              LogLines.PREFIX
                  + "output of the app during pre-initialization:"
                  + (result.initOutput().isBlank()
                      ? " (none)"
                      : "\n" + result.initOutput().strip()));
    }
  }

  private String fileName() {
    return finalName
        + (classifier == null || classifier.isBlank() ? "" : "-" + classifier)
        + ".wasm";
  }

  private void attach(Path output) {
    attach(attach, "wasm", classifier, output);
  }

  private StdlibMode stdlibMode() throws ConfigurationException {
    for (StdlibMode mode : StdlibMode.values()) {
      if (mode.label().equals(stdlib.strip().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new ConfigurationException(
        "<stdlib> (property componentize.stdlib) '"
            + stdlib
            + "' is not a mode; use reachable, all or imported");
  }

  private Policy policy() throws ConfigurationException {
    try {
      return Policy.valueOf(toolchainCheck.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // Without the cause: Maven would append its Java wording ("No enum constant ...").
      throw new ConfigurationException(
          "<toolchainCheck> (property componentize.toolchainCheck) '"
              + toolchainCheck
              + "' is not a policy; use STRICT, WARN or OFF");
    }
  }

  /** The wheel parameters as the core's limits; each must be positive. */
  private WheelLimits wheelLimits() throws ConfigurationException {
    Map<WheelLimits.Limit, Long> values = new LinkedHashMap<>();
    values.put(WheelLimits.Limit.ENTRIES, (long) wheelMaxEntries);
    values.put(WheelLimits.Limit.ENTRY_BYTES, wheelMaxFileSize);
    values.put(WheelLimits.Limit.TOTAL_BYTES, wheelMaxTotalSize);
    values.put(WheelLimits.Limit.COMPRESSION_RATIO, (long) wheelMaxCompressionRatio);
    for (Map.Entry<WheelLimits.Limit, Long> value : values.entrySet()) {
      if (value.getValue() < 1) {
        throw new ConfigurationException(
            parameterOf(value.getKey()) + " " + value.getValue() + " must be at least 1");
      }
    }
    return new WheelLimits(
        wheelMaxEntries,
        wheelMaxFileSize,
        wheelMaxTotalSize,
        wheelMaxCompressionRatio,
        WheelLimits.DEFAULTS.ratioGraceBytes());
  }

  /** Where a wheel limit is set: {@code (<wheelMaxFileSize>, property ...; now N)}. */
  private String limitParameter(WheelLimits.Limit limit) {
    long now =
        switch (limit) {
          case ENTRIES -> wheelMaxEntries;
          case ENTRY_BYTES -> wheelMaxFileSize;
          case TOTAL_BYTES -> wheelMaxTotalSize;
          case COMPRESSION_RATIO -> wheelMaxCompressionRatio;
        };
    return "(" + parameterOf(limit) + ", now " + now + ")";
  }

  /** The parameter of a wheel limit and its user property. */
  private static String parameterOf(WheelLimits.Limit limit) {
    String name =
        switch (limit) {
          case ENTRIES -> "wheelMaxEntries";
          case ENTRY_BYTES -> "wheelMaxFileSize";
          case TOTAL_BYTES -> "wheelMaxTotalSize";
          case COMPRESSION_RATIO -> "wheelMaxCompressionRatio";
        };
    return "<" + name + "> (property componentize." + name + ")";
  }

  /**
   * The configured source directories, each of which must exist; unconfigured, {@code
   * src/main/python} if it exists (the app may also come from a wheel).
   */
  private List<Path> pythonSourceDirectories() throws ConfigurationException {
    if (pythonSources == null || pythonSources.isEmpty()) {
      Path conventional = project.getBasedir().toPath().resolve("src/main/python");
      return Files.isDirectory(conventional) ? List.of(conventional) : List.of();
    }
    List<Path> directories = new ArrayList<>();
    for (File source : pythonSources) {
      if (!source.isDirectory()) {
        throw new ConfigurationException(
            "<pythonSources> entry "
                + source
                + (source.exists() ? " is not a directory" : " does not exist")
                + "; list directories that hold the app's Python files");
      }
      directories.add(source.toPath());
    }
    return directories;
  }

  /** The bundle directory: {@code runtimeDirectory}, or the runtime jar resolved and unpacked. */
  private Path runtimeBundle() throws ConfigurationException, IOException {
    return runtimeBundle(workDirectory);
  }

  /**
   * Everything the component depends on (docs/maven-plugin.md "Up to date"): what the core declares
   * it reads, and the plugin's version and code.
   */
  private String fingerprint(BuildInputs inputs) throws IOException {
    InputFingerprint fingerprint = inputs.fingerprint().value("plugin", pluginVersion);
    if (pluginArtifacts != null) {
      for (Artifact artifact : pluginArtifacts) {
        if (artifact.getFile() != null) {
          fingerprint
              .value("plugin artifact", artifact.getId())
              .file("jar", artifact.getFile().toPath());
        }
      }
    }
    return fingerprint.hex();
  }

  /** The {@link #cacheDirectory}, or the user's cache when it is not configured. */
  private Path snapshotCacheDirectory() {
    if (cacheDirectory != null) {
      return cacheDirectory.toPath();
    }
    return FileKit.cacheRoot().resolve("snapshots");
  }
}
