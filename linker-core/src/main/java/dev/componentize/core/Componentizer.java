package dev.componentize.core;

import static java.util.stream.Collectors.joining;

import dev.componentize.core.abi.CandidateLibrary;
import dev.componentize.core.abi.CheckReport;
import dev.componentize.core.abi.Finding;
import dev.componentize.core.abi.RuntimeBundleException;
import dev.componentize.core.abi.RuntimeIdentity;
import dev.componentize.core.abi.ToolchainCheck;
import dev.componentize.core.abi.ToolchainMismatchException;
import dev.componentize.core.bindings.BindingsException;
import dev.componentize.core.bindings.WorldBindings;
import dev.componentize.core.component.AdapterImports;
import dev.componentize.core.component.SupportedFeatures;
import dev.componentize.core.component.TrappingWasi;
import dev.componentize.core.component.UnsupportedWitException;
import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.dylink.ToolchainIdentity;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkException;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.pipeline.AppSources;
import dev.componentize.core.pipeline.BuildTimeInit;
import dev.componentize.core.pipeline.BytecodeCache;
import dev.componentize.core.pipeline.FixedTimes;
import dev.componentize.core.pipeline.GuestPaths;
import dev.componentize.core.pipeline.SitePackages;
import dev.componentize.core.pipeline.SnapshotCache;
import dev.componentize.core.pipeline.Stage;
import dev.componentize.core.pipeline.StageTiming;
import dev.componentize.core.pipeline.UnpackedWheels;
import dev.componentize.core.preinit.PreInitException;
import dev.componentize.core.preinit.PreInitializer;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wheel.ExtensionModule;
import dev.componentize.core.wheel.TargetRuntime;
import dev.componentize.core.wheel.UnpackedWheel;
import dev.componentize.core.wheel.WheelConflicts;
import dev.componentize.core.wheel.WheelException;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitException;
import dev.componentize.core.wit.WitLoader;
import dev.componentize.core.wit.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole build of a Python component (README "How it works"): load the WIT world, generate the
 * bindings, unpack the wheels, check their native code against the runtime, link everything,
 * pre-initialize the program on Endive, encode it with the WASI preview1 adapter (the runtime
 * bundle's unless configured) and write the component. Each stage is timed; every failure the user
 * can fix is a {@link ComponentizeException} naming the file or element and the fix. One instance
 * per build; not thread-safe (separate builds may run in parallel with separate instances and work
 * directories).
 */
public final class Componentizer {
  /** The glue library the bundle must ship next to libpython (docs/design/python-glue.md). */
  public static final String GLUE_LIBRARY = "libcomponentize.so";

  /** The generated world library's name in the program. */
  public static final String WORLD_LIBRARY = "libworld.so";

  /**
   * libc.so's command start-up code refers to {@code main}, which a reactor program never calls;
   * the linker stubs it with a trap. Any other stub is an unresolved symbol and fails the link.
   */
  private static final String STUB_ALLOWED = "libc.so needs main";

  private static final String BINDINGS_GUEST = "/bindings";
  private static final String STUB_WASI_VARIABLE = "COMPONENTIZE_STUB_WASI";
  private static final String SOURCES_GUEST = "/sources/";

  private final ComponentizeConfig config;
  private final Consumer<String> warnings;
  // Set once the toolchain check ran: its warnings go into the message of a later failure.
  private CheckReport toolchainReport;
  private final List<StageTiming> timings = new ArrayList<>();

  private Componentizer(ComponentizeConfig config, Consumer<String> warnings) {
    this.config = config;
    this.warnings = warnings;
  }

  /**
   * Runs the pipeline for {@code config}.
   *
   * @throws ComponentizeException if an input is wrong (WIT, world, wheel, toolchain, unresolved
   *     symbol, missing app module, failing app initialization); nothing is written then
   * @throws IOException if reading inputs or writing into the work directory or output fails
   */
  public static ComponentizeResult componentize(ComponentizeConfig config)
      throws ComponentizeException, IOException {
    return componentize(config, warning -> System.err.println("WARNING: " + warning));
  }

  /**
   * Runs the pipeline for {@code config}, reporting to {@code warnings} what the user should know
   * but does not stop the build (a damaged cache entry that was discarded and made again).
   *
   * @throws ComponentizeException if an input is wrong; nothing is written then
   * @throws IOException if reading inputs or writing into the work directory or output fails
   */
  public static ComponentizeResult componentize(
      ComponentizeConfig config, Consumer<String> warnings)
      throws ComponentizeException, IOException {
    Componentizer componentizer = new Componentizer(config, warnings);
    try {
      return componentizer.run();
    } catch (ComponentizeException e) {
      throw componentizer.withToolchainWarnings(e);
    }
  }

  /**
   * {@code failure} of a stage after the toolchain check, with the warnings the check reported: a
   * library the check let through under policy WARN is often why a later stage fails, and the
   * warnings would otherwise never be printed, since a failed build has no result to print them
   * from.
   */
  private ComponentizeException withToolchainWarnings(ComponentizeException failure) {
    if (toolchainReport == null
        || toolchainReport.warnings().isEmpty()
        || failure.stage() == Stage.TOOLCHAIN_CHECK) {
      return failure;
    }
    StringBuilder message =
        new StringBuilder(failure.getMessage())
            .append("\n(the toolchain check, policy ")
            .append(toolchainReport.policy())
            .append(", had reported ")
            .append(toolchainReport.warnings().size())
            .append(toolchainReport.warnings().size() == 1 ? " warning:" : " warnings:");
    for (Finding warning : toolchainReport.warnings()) {
      message.append("\n  - ").append(warning.message());
    }
    return new ComponentizeException(failure.stage(), message.append(')').toString(), failure);
  }

  private ComponentizeResult run() throws ComponentizeException, IOException {
    long start = System.nanoTime();
    RuntimeIdentity runtime = readRuntime();
    Path glue = config.runtimeBundle().resolve("lib").resolve(GLUE_LIBRARY);
    LoadedWit wit = loadWit(config.wit(), config.world(), config.witFeatures());
    // Before the slow stages, so a world that cannot be encoded fails in milliseconds.
    Optional<Encoding> encoding =
        config.preInitializeOnly() ? Optional.empty() : Optional.of(componentWorld(wit));
    timed(Stage.WIT, start, wit.name());

    start = System.nanoTime();
    prepareWorkDirectory();
    WorldBindings bindings = bind(wit, config.wit(), config.appModule(), glueIdentity(glue));
    Path bindingsDir = work("bindings");
    for (Map.Entry<String, String> file : bindings.pythonFiles().entrySet()) {
      Path path = bindingsDir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    FixedTimes.apply(bindingsDir);
    timed(Stage.BINDINGS, start, bindings.pythonFiles().size() + " Python files, " + WORLD_LIBRARY);

    start = System.nanoTime();
    List<UnpackedWheel> wheels = unpackWheels(runtime);
    Path site = SitePackages.merge(wheels, work("site-packages"));
    FixedTimes.apply(site);
    int modules = wheels.stream().mapToInt(w -> w.extensionModules().size()).sum();
    timed(Stage.WHEELS, start, wheels.size() + " wheels, " + modules + " extension modules");

    start = System.nanoTime();
    CheckReport report = checkToolchain(runtime, wheels);
    toolchainReport = report;
    timed(
        Stage.TOOLCHAIN_CHECK,
        start,
        report.isSkipped()
            ? "skipped (policy OFF)"
            : "policy " + config.toolchainPolicy() + ", " + report.warnings().size() + " warnings");

    start = System.nanoTime();
    LinkedProgram linked = link(bindings.library(), wheels);
    List<String> libraries =
        linked.instances().stream()
            .map(ProgramInstance::name)
            .filter(n -> !n.equals("main") && !n.equals("init"))
            .toList();
    timed(Stage.LINK, start, libraries.size() + " libraries");

    start = System.nanoTime();
    List<Path> searched = new ArrayList<>(config.pythonSources());
    wheels.forEach(w -> searched.add(w.siteDirectory()));
    requireAppModule(searched);
    Map<String, Path> directories = new LinkedHashMap<>();
    directories.put(BuildTimeInit.PYTHON_HOME, config.runtimeBundle().resolve("python"));
    directories.put(BINDINGS_GUEST, bindingsDir);
    List<String> pythonPath = new ArrayList<>();
    // The app's sources first, as `python app.py` would put its directory first; the bindings
    // and the wheels after them.
    List<Path> sources = AppSources.copy(config.pythonSources(), work("sources"));
    for (int i = 0; i < sources.size(); i++) {
      directories.put(SOURCES_GUEST + i, sources.get(i));
      pythonPath.add(SOURCES_GUEST + i);
    }
    pythonPath.add(BINDINGS_GUEST);
    directories.put(SitePackages.GUEST_PATH, site);
    pythonPath.add(SitePackages.GUEST_PATH);
    BuildTimeInit.Outcome init;
    try {
      init =
          BuildTimeInit.run(
              linked,
              directories,
              pythonPath,
              // The glue then starts the run time at build time (docs/design/python-glue.md).
              config.stubWasi() ? Map.of(STUB_WASI_VARIABLE, "1") : Map.of(),
              Optional.of(snapshotCache()),
              Optional.of(
                  new BytecodeCache(
                      snapshotCache().directory().resolve("bytecode"), BINDINGS_GUEST, warnings)));
    } catch (BuildTimeInit.InitFailedException e) {
      // A traceback names the guest's paths; the user knows the files by their project paths.
      Map<String, Path> projectPaths = new LinkedHashMap<>(directories);
      for (int i = 0; i < sources.size(); i++) {
        projectPaths.put(SOURCES_GUEST + i, config.pythonSources().get(i).toAbsolutePath());
      }
      throw new ComponentizeException(
          Stage.PRE_INITIALIZE,
          "initializing the app module '"
              + config.appModule()
              + "' failed at build time: "
              + new GuestPaths(projectPaths).toHost(e.getMessage()),
          // Not e: Maven prints every message of the cause chain, and e's names the guest paths.
          e.getCause());
    }
    LinkedProgram program;
    try {
      program = PreInitializer.apply(linked, init.snapshot());
    } catch (PreInitException e) {
      throw new ComponentizeException(
          Stage.PRE_INITIALIZE, "the program cannot be pre-initialized: " + e.getMessage(), e);
    }
    timed(
        Stage.PRE_INITIALIZE,
        start,
        init.snapshot().pages()
            + " pages, "
            + init.snapshot().memory().length
            + " bytes of image"
            + (init.reused()
                ? ", reused from " + snapshotCache().directory() + " (every input unchanged)"
                : "; " + init.phases().stream().map(Object::toString).collect(joining(", "))));

    Optional<Path> output = Optional.empty();
    long size = 0;
    if (encoding.isPresent()) {
      start = System.nanoTime();
      byte[] component = encode(wit, encoding.orElseThrow(), program);
      timed(Stage.ENCODE, start, component.length + " bytes");
      start = System.nanoTime();
      writeAtomically(config.output(), component);
      output = Optional.of(config.output());
      size = component.length;
      timed(Stage.WRITE, start, config.output().toString());
    }
    return new ComponentizeResult(
        wit.name(), program, libraries, report, output, size, timings, init.output());
  }

  private RuntimeIdentity readRuntime() throws ComponentizeException {
    Path bundle = config.runtimeBundle();
    Path glue = bundle.resolve("lib").resolve(GLUE_LIBRARY);
    RuntimeIdentity identity;
    try {
      identity = RuntimeIdentity.fromBundle(bundle);
    } catch (RuntimeBundleException e) {
      throw new ComponentizeException(
          Stage.LINK, "runtime bundle " + bundle + " is not usable: " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(glue)) {
      throw new ComponentizeException(
          Stage.LINK,
          "runtime bundle "
              + bundle
              + " has no lib/"
              + GLUE_LIBRARY
              + " (the Python glue); use a complete bundle (the componentize-runtime artifact,"
              + " or runtime/complete-bundle.sh)");
    }
    if (!Files.isDirectory(bundle.resolve("python"))) {
      throw new ComponentizeException(
          Stage.LINK,
          "runtime bundle " + bundle + " has no python/ directory (the standard library)");
    }
    // Checked before the slow stages, so a bad adapter path fails in milliseconds.
    if (!config.preInitializeOnly()
        && !config.stubWasi()
        && !Files.isRegularFile(config.adapter())) {
      throw new ComponentizeException(
          Stage.ENCODE,
          config.preview1Adapter().isPresent()
              ? "the WASI preview1 adapter " + config.adapter() + " does not exist"
              : "runtime bundle "
                  + bundle
                  + " has no "
                  + ComponentizeConfig.BUNDLED_ADAPTER
                  + " (the WASI preview1 adapter); use a complete bundle (the"
                  + " componentize-runtime artifact, or runtime/complete-bundle.sh) or configure"
                  + " a preview1 adapter");
    }
    return identity;
  }

  private static Optional<ToolchainIdentity> glueIdentity(Path glue) throws IOException {
    try {
      return ToolchainIdentity.of(WasmReader.read(glue));
    } catch (WasmFormatException e) {
      throw new IOException(glue + " is not a wasm module: " + e.getMessage(), e);
    }
  }

  private record LoadedWit(Resolve resolve, World world, String name) {}

  /**
   * The Python files of the bindings of a world ({@code wit_world/...}, {@code py.typed} and the
   * {@code _componentize.pyi} stub), keyed by path relative to a {@code sys.path} directory: what
   * the pipeline puts on the component's Python path, for tools such as IDEs.
   *
   * @param wit a WIT file or a directory of WIT files ({@code deps/} beside them)
   * @param world the world's name, or empty for the only world
   * @param witFeatures names of {@code @unstable} feature gates to enable
   * @param appModule the Python module implementing the exports
   * @throws ComponentizeException if the WIT path is missing or wrong or the world cannot be bound
   * @throws IllegalArgumentException if {@code appModule} is not a dotted Python module name
   */
  public static Map<String, String> pythonBindings(
      Path wit, Optional<String> world, Set<String> witFeatures, String appModule)
      throws ComponentizeException, IOException {
    if (!ComponentizeConfig.MODULE.matcher(appModule).matches()) {
      throw new IllegalArgumentException(
          "app module '" + appModule + "' is not a Python module name (e.g. app or my_pkg.app)");
    }
    return bind(loadWit(wit, world, witFeatures), wit, appModule, Optional.empty()).pythonFiles();
  }

  private static WorldBindings bind(
      LoadedWit wit, Path witPath, String appModule, Optional<ToolchainIdentity> identity)
      throws ComponentizeException {
    try {
      return WorldBindings.generate(wit.resolve(), wit.world(), appModule, identity);
    } catch (BindingsException e) {
      throw new ComponentizeException(
          Stage.BINDINGS,
          "world " + wit.name() + " in " + witPath + " cannot be bound: " + e.getMessage(),
          e);
    }
  }

  private static LoadedWit loadWit(Path path, Optional<String> worldName, Set<String> features)
      throws ComponentizeException, IOException {
    if (!Files.exists(path)) {
      throw new ComponentizeException(
          Stage.WIT,
          "WIT path "
              + path
              + " does not exist; put the world's .wit files there or configure where they are");
    }
    try {
      Resolve resolve = WitLoader.load(path, features);
      World world = resolve.selectWorld(worldName.orElse(null));
      SupportedFeatures.check(resolve, world);
      return new LoadedWit(resolve, world, resolve.pkg(world.pkg()).name().qualify(world.name()));
    } catch (WitException e) {
      // Located errors already start with file:line:column; the others (no world, unknown
      // world) get the WIT path so the user knows where the worlds were looked for.
      String message = e.line() > 0 ? e.getMessage() : path + ": " + e.getMessage();
      throw new ComponentizeException(Stage.WIT, message, e);
    }
  }

  /** Removes what an earlier run left in the work directory's pipeline folders. */
  private void prepareWorkDirectory() throws IOException {
    // Not "wheels": unpacked wheels are reused, each verified first (pipeline.UnpackedWheels).
    for (String name : List.of("bindings", "site-packages", "sources")) {
      deleteRecursively(work(name));
    }
    Files.createDirectories(work("bindings"));
  }

  /** Keeps at most this many snapshots (about 9 MB each for a small app). */
  private static final int SNAPSHOT_CACHE_ENTRIES = 4;

  private SnapshotCache snapshotCache() {
    return new SnapshotCache(
        config.snapshotCache().orElseGet(() -> work("snapshot-cache")),
        SNAPSHOT_CACHE_ENTRIES,
        warnings);
  }

  private Path work(String name) {
    return config.workDirectory().resolve(name).toAbsolutePath();
  }

  private List<UnpackedWheel> unpackWheels(RuntimeIdentity runtime)
      throws ComponentizeException, IOException {
    String[] version = runtime.pythonMinorVersion().split("\\.");
    TargetRuntime target =
        new TargetRuntime(Integer.parseInt(version[0]), Integer.parseInt(version[1]));
    List<UnpackedWheel> wheels = new ArrayList<>();
    UnpackedWheels unpacked =
        new UnpackedWheels(work("wheels"), target, config.wheelLimits(), warnings);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < config.wheels().size(); i++) {
      Path file = config.wheels().get(i);
      if (!Files.isRegularFile(file)) {
        throw new ComponentizeException(Stage.WHEELS, "wheel " + file + " does not exist");
      }
      // Numbered, so that two wheels with the same file name (from different repositories)
      // still get a directory each.
      String name = i + "-" + file.getFileName().toString().replaceFirst("\\.whl$", "");
      names.add(name);
      try {
        wheels.add(unpacked.unpack(file, name));
      } catch (WheelException e) {
        throw new ComponentizeException(Stage.WHEELS, e.getMessage(), e);
      }
    }
    unpacked.retainOnly(names);
    try {
      WheelConflicts.check(wheels);
    } catch (WheelException e) {
      throw new ComponentizeException(Stage.WHEELS, e.getMessage(), e);
    }
    return wheels;
  }

  private CheckReport checkToolchain(RuntimeIdentity runtime, List<UnpackedWheel> wheels)
      throws ComponentizeException, IOException {
    List<CandidateLibrary> candidates = new ArrayList<>();
    for (UnpackedWheel wheel : wheels) {
      for (ExtensionModule module : wheel.extensionModules()) {
        candidates.add(CandidateLibrary.of(wheel, module));
      }
    }
    try {
      return new ToolchainCheck(runtime).check(candidates, config.toolchainPolicy());
    } catch (ToolchainMismatchException e) {
      throw new ComponentizeException(
          Stage.TOOLCHAIN_CHECK,
          e.getMessage()
              + "\n(the check can be relaxed with the toolchain-check policy WARN, at your own"
              + " risk)",
          e);
    }
  }

  private LinkedProgram link(byte[] worldLibrary, List<UnpackedWheel> wheels)
      throws ComponentizeException, IOException {
    List<Library> libraries = new ArrayList<>();
    List<Path> runtimeLibraries;
    try (Stream<Path> files = Files.list(config.runtimeBundle().resolve("lib"))) {
      runtimeLibraries =
          files
              .filter(f -> f.getFileName().toString().endsWith(".so"))
              .filter(f -> !f.getFileName().toString().equals(WORLD_LIBRARY))
              .sorted()
              .toList();
    }
    for (Path file : runtimeLibraries) {
      libraries.add(Library.of(file.getFileName().toString(), Files.readAllBytes(file)));
    }
    libraries.add(Library.of(WORLD_LIBRARY, worldLibrary));
    for (UnpackedWheel wheel : wheels) {
      for (ExtensionModule module : wheel.extensionModules()) {
        libraries.add(
            Library.dlOpenable(SitePackages.dlOpenName(module), Files.readAllBytes(module.path())));
      }
    }
    LinkOptions options =
        LinkOptions.defaults().withStackSize(config.stackSize()).withStubMissingFunctions(true);
    LinkedProgram linked;
    try {
      linked = new Linker(options).link(libraries);
    } catch (LinkException e) {
      throw new ComponentizeException(Stage.LINK, "linking failed: " + e.getMessage(), e);
    }
    List<String> unresolved =
        linked.stubbed().stream().filter(s -> !s.startsWith(STUB_ALLOWED)).toList();
    if (!unresolved.isEmpty()) {
      throw new ComponentizeException(
          Stage.LINK,
          "unresolved symbols (no library defines them):\n  - "
              + String.join("\n  - ", unresolved)
              + "\nlink the library that defines them (add its wheel) or rebuild the library"
              + " without them");
    }
    return linked;
  }

  /** Fails unless {@code appModule} is a Python file or package in one of {@code searched}. */
  private void requireAppModule(List<Path> searched) throws ComponentizeException {
    String relative = config.appModule().replace('.', '/');
    for (Path directory : searched) {
      if (Files.isRegularFile(directory.resolve(relative + ".py"))
          || Files.isRegularFile(directory.resolve(relative).resolve("__init__.py"))) {
        return;
      }
    }
    throw new ComponentizeException(
        Stage.PRE_INITIALIZE,
        "app module '"
            + config.appModule()
            + "' not found: no "
            + relative
            + ".py or "
            + relative
            + "/__init__.py in "
            + (searched.isEmpty() ? "(no Python source directories)" : searched.toString())
            + "; add it to a Python source directory or configure the app module");
  }

  /**
   * What the encoder gets besides the program: the component's world and the preview1 adapter
   * (empty in stub-WASI mode: the trapping module is made from the linked program).
   */
  private record Encoding(WorldType world, Optional<byte[]> adapter) {}

  /**
   * The user's world plus the WASI 0.2 interfaces the preview1 adapter imports: CPython calls WASI
   * preview1, which the adapter serves through them, so they are imports of the component whether
   * or not the world names them (componentize-py's worlds do not either). In stub-WASI mode there
   * is no adapter and the world stays as it is.
   */
  private Encoding componentWorld(LoadedWit wit) throws ComponentizeException, IOException {
    WorldType world;
    try {
      world = WitWorlds.toWorldType(wit.resolve(), wit.world());
    } catch (UnsupportedWitException e) {
      throw new ComponentizeException(
          Stage.WIT, "world " + wit.name() + " in " + config.wit() + ": " + e.getMessage(), e);
    }
    if (config.stubWasi()) {
      return new Encoding(world, Optional.empty());
    }
    byte[] adapter = Files.readAllBytes(config.adapter());
    try {
      return new Encoding(AdapterImports.addTo(world, adapter), Optional.of(adapter));
    } catch (ComponentEncodingException e) {
      throw new ComponentizeException(
          Stage.WIT, "world " + wit.name() + " in " + config.wit() + ": " + e.getMessage(), e);
    }
  }

  private byte[] encode(LoadedWit wit, Encoding encoding, LinkedProgram program)
      throws ComponentizeException {
    try {
      byte[] adapter =
          encoding.adapter().isPresent() ? encoding.adapter().get() : TrappingWasi.module(program);
      return WorldEncoder.encodeProgram(encoding.world(), program, adapter);
    } catch (ComponentEncodingException e) {
      throw new ComponentizeException(
          Stage.ENCODE,
          "the component cannot be encoded: "
              + e.getMessage()
              + " (world "
              + wit.name()
              + " in "
              + config.wit()
              + ")",
          e);
    }
  }

  /**
   * Writes {@code bytes} to a temporary file beside {@code target} and moves it into place, so a
   * reader never sees a partial component and a failure leaves no file behind. The temporary file
   * is created as any new file is (mode 0666 less the umask, e.g. 0644), not as {@link
   * Files#createTempFile} creates one (0600): the component is meant to be read by others.
   */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void timed(Stage stage, long startNanos, String summary) {
    timings.add(new StageTiming(stage, Duration.ofNanos(System.nanoTime() - startNanos), summary));
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
