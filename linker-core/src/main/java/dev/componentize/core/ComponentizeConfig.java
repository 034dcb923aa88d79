package dev.componentize.core;

import dev.componentize.core.abi.Policy;
import dev.componentize.core.imports.StdlibMode;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.wheel.WheelLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything {@link Componentizer#componentize} needs, as plain paths and values (no Maven types:
 * the plugin translates its parameters into one of these). Build one with {@link #builder}.
 *
 * @param wit a WIT file or a directory of WIT files (the main package, {@code deps/} beside it)
 * @param world the world to build, or empty for the main package's only world
 * @param witFeatures names of {@code @unstable(feature = ...)} gates to enable
 * @param appModule the Python module that implements the exports ({@code app} by default)
 * @param pythonSources directories holding the app's Python files, searched in this order
 * @param wheels wheel files, unpacked in this order
 * @param runtimeBundle the CPython runtime bundle: {@code manifest.json}, {@code lib/*.so}, {@code
 *     python/lib/python3.13}
 * @param output the component file to write (replaced atomically)
 * @param toolchainPolicy what the toolchain check does with what it finds
 * @param stackSize the guest's C stack in bytes (the linker reserves it)
 * @param stubWasi whether every WASI import becomes a trap: the program is pre-initialized with
 *     WASI as always, then encoded without the preview1 adapter, so the component imports only what
 *     its world imports (a run-time WASI call traps)
 * @param workDirectory where generated bindings, unpacked wheels and scratch files go; it is
 *     emptied of what a previous run left there, except the unpacked wheels, which are reused after
 *     each of their files is checked (cache.UnpackedWheels)
 * @param preview1Adapter the WASI preview1 adapter module the component encoder wraps the program
 *     with, or empty for the runtime bundle's {@code adapter/wasi_snapshot_preview1.reactor.wasm}
 * @param preInitializeOnly whether to stop at the pre-initialized program: nothing is encoded and
 *     no output is written (for tests and tools that inspect the program itself)
 * @param snapshotCache where pre-initialization results are kept for builds whose every input is
 *     unchanged (cache.SnapshotCache), or empty for {@code <workDirectory>/snapshot-cache}; a
 *     directory outside the work directory (e.g. in the user's cache) survives {@code mvn clean}
 * @param preinitTimeout how long pre-initialization (CPython's start and the app's imports) may run
 *     before the build fails naming the phase it was in; at least one second
 * @param wheelLimits what unpacking one wheel may cost (entries, bytes per file and in total,
 *     compression ratio), against zip bombs
 * @param stdlib which standard-library modules the component carries besides those the build
 *     imported (docs/runtime-imports.md)
 * @param embedSources whether the app's Python sources travel with the component, so that
 *     tracebacks show their lines
 */
public record ComponentizeConfig(
    Path wit,
    Optional<String> world,
    Set<String> witFeatures,
    String appModule,
    List<Path> pythonSources,
    List<Path> wheels,
    Path runtimeBundle,
    Path output,
    Policy toolchainPolicy,
    int stackSize,
    boolean stubWasi,
    Path workDirectory,
    Optional<Path> preview1Adapter,
    boolean preInitializeOnly,
    Optional<Path> snapshotCache,
    Duration preinitTimeout,
    WheelLimits wheelLimits,
    StdlibMode stdlib,
    boolean embedSources) {

  /**
   * Where a runtime bundle keeps its WASI preview1 reactor adapter (runtime/complete-bundle.sh).
   */
  public static final String BUNDLED_ADAPTER = "adapter/wasi_snapshot_preview1.reactor.wasm";

  /** The default {@link #preinitTimeout}: generous, an app that needs longer says so. */
  public static final Duration DEFAULT_PREINIT_TIMEOUT = Duration.ofSeconds(600);

  /** The default {@link #appModule}. */
  public static final String DEFAULT_APP_MODULE = "app";

  /** A dotted Python module path: identifiers separated by dots (also checked by Componentizer). */
  static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_]\\w*)*");

  public ComponentizeConfig {
    Objects.requireNonNull(wit, "wit");
    Objects.requireNonNull(world, "world");
    witFeatures = Set.copyOf(witFeatures);
    Objects.requireNonNull(appModule, "appModule");
    pythonSources = List.copyOf(pythonSources);
    wheels = List.copyOf(wheels);
    Objects.requireNonNull(runtimeBundle, "runtimeBundle");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(toolchainPolicy, "toolchainPolicy");
    Objects.requireNonNull(workDirectory, "workDirectory");
    Objects.requireNonNull(preview1Adapter, "preview1Adapter");
    Objects.requireNonNull(snapshotCache, "snapshotCache");
    Objects.requireNonNull(preinitTimeout, "preinitTimeout");
    Objects.requireNonNull(wheelLimits, "wheelLimits");
    Objects.requireNonNull(stdlib, "stdlib");
    if (world.isPresent() && world.get().isBlank()) {
      throw new InvalidConfigurationException(
          "world", "world is blank; leave it empty to use the only world");
    }
    if (!MODULE.matcher(appModule).matches()) {
      throw new InvalidConfigurationException(
          "appModule",
          "app module '" + appModule + "' is not a Python module name (e.g. app or my_pkg.app)");
    }
    // The linker rounds the stack to 16 bytes; CPython needs far more than a page of it.
    if (stackSize < 64 * 1024 || stackSize % 16 != 0) {
      throw new InvalidConfigurationException(
          "stackSize",
          "stack size " + stackSize + " must be a multiple of 16 and at least 65536 bytes");
    }
    if (preinitTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidConfigurationException(
          "preinitTimeout",
          "pre-initialization time limit "
              + preinitTimeout.toSeconds()
              + " s is too small; give at least 1 second (the default is "
              + DEFAULT_PREINIT_TIMEOUT.toSeconds()
              + ")");
    }
  }

  /** The preview1 adapter to encode with: the configured one, else the runtime bundle's. */
  public Path adapter() {
    return preview1Adapter.orElseGet(() -> runtimeBundle.resolve(BUNDLED_ADAPTER));
  }

  /** A builder with the defaults: only world, app module {@code app}, strict check, 1 MiB stack. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.wit = wit;
    builder.world = world.orElse(null);
    builder.witFeatures.addAll(witFeatures);
    builder.appModule = appModule;
    builder.pythonSources.addAll(pythonSources);
    builder.wheels.addAll(wheels);
    builder.runtimeBundle = runtimeBundle;
    builder.output = output;
    builder.toolchainPolicy = toolchainPolicy;
    builder.stackSize = stackSize;
    builder.stubWasi = stubWasi;
    builder.workDirectory = workDirectory;
    builder.preview1Adapter = preview1Adapter.orElse(null);
    builder.preInitializeOnly = preInitializeOnly;
    builder.snapshotCache = snapshotCache.orElse(null);
    builder.preinitTimeout = preinitTimeout;
    builder.wheelLimits = wheelLimits;
    builder.stdlib = stdlib;
    builder.embedSources = embedSources;
    return builder;
  }

  /** Collects the values; {@link #build} validates them. */
  public static final class Builder {
    private Path wit;
    private String world;
    private final Set<String> witFeatures = new TreeSet<>();
    private String appModule = DEFAULT_APP_MODULE;
    private final List<Path> pythonSources = new ArrayList<>();
    private final List<Path> wheels = new ArrayList<>();
    private Path runtimeBundle;
    private Path output;
    private Policy toolchainPolicy = Policy.STRICT;
    private int stackSize = LinkOptions.DEFAULT_STACK_SIZE;
    private boolean stubWasi;
    private Path workDirectory;
    private Path preview1Adapter;
    private boolean preInitializeOnly;
    private Path snapshotCache;
    private Duration preinitTimeout = DEFAULT_PREINIT_TIMEOUT;
    private WheelLimits wheelLimits = WheelLimits.DEFAULTS;
    private StdlibMode stdlib = StdlibMode.REACHABLE;
    private boolean embedSources = true;

    private Builder() {}

    public Builder wit(Path wit) {
      this.wit = wit;
      return this;
    }

    /** The world's name ({@code hello} or {@code ns:pkg/hello}); null for the only world. */
    public Builder world(String world) {
      this.world = world;
      return this;
    }

    public Builder witFeatures(Set<String> features) {
      this.witFeatures.clear();
      this.witFeatures.addAll(features);
      return this;
    }

    public Builder appModule(String appModule) {
      this.appModule = appModule;
      return this;
    }

    public Builder pythonSources(List<Path> directories) {
      this.pythonSources.clear();
      this.pythonSources.addAll(directories);
      return this;
    }

    public Builder wheels(List<Path> wheels) {
      this.wheels.clear();
      this.wheels.addAll(wheels);
      return this;
    }

    public Builder runtimeBundle(Path bundle) {
      this.runtimeBundle = bundle;
      return this;
    }

    public Builder output(Path output) {
      this.output = output;
      return this;
    }

    public Builder toolchainPolicy(Policy policy) {
      this.toolchainPolicy = policy;
      return this;
    }

    public Builder stackSize(int bytes) {
      this.stackSize = bytes;
      return this;
    }

    public Builder stubWasi(boolean stubWasi) {
      this.stubWasi = stubWasi;
      return this;
    }

    public Builder workDirectory(Path directory) {
      this.workDirectory = directory;
      return this;
    }

    /** The preview1 adapter module; null for the runtime bundle's. */
    public Builder preview1Adapter(Path adapter) {
      this.preview1Adapter = adapter;
      return this;
    }

    /** Whether to stop at the pre-initialized program (nothing encoded or written). */
    public Builder preInitializeOnly(boolean preInitializeOnly) {
      this.preInitializeOnly = preInitializeOnly;
      return this;
    }

    /** The snapshot cache directory; null for {@code <workDirectory>/snapshot-cache}. */
    public Builder snapshotCache(Path directory) {
      this.snapshotCache = directory;
      return this;
    }

    /** How long pre-initialization may run before the build fails. */
    public Builder preinitTimeout(Duration timeout) {
      this.preinitTimeout = timeout;
      return this;
    }

    /** The limits on unpacking each wheel; {@link WheelLimits#DEFAULTS} unless set. */
    public Builder wheelLimits(WheelLimits limits) {
      this.wheelLimits = limits;
      return this;
    }

    /** Which standard-library modules to embed ({@link StdlibMode#REACHABLE} by default). */
    public Builder stdlib(StdlibMode stdlib) {
      this.stdlib = stdlib;
      return this;
    }

    /** Whether the app's sources go into the component for tracebacks (true by default). */
    public Builder embedSources(boolean embedSources) {
      this.embedSources = embedSources;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws NullPointerException if wit, runtime bundle, output or work directory is missing
     * @throws InvalidConfigurationException if a value is out of range (it names the field)
     */
    public ComponentizeConfig build() {
      return new ComponentizeConfig(
          wit,
          Optional.ofNullable(world),
          witFeatures,
          appModule,
          pythonSources,
          wheels,
          runtimeBundle,
          output,
          toolchainPolicy,
          stackSize,
          stubWasi,
          workDirectory,
          Optional.ofNullable(preview1Adapter),
          preInitializeOnly,
          Optional.ofNullable(snapshotCache),
          preinitTimeout,
          wheelLimits,
          stdlib,
          embedSources);
    }
  }
}
