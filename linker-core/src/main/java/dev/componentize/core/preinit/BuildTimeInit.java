package dev.componentize.core.preinit;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.cache.BytecodeCache;
import dev.componentize.core.cache.SnapshotCache;
import dev.componentize.core.files.FixedTimes;
import dev.componentize.core.imports.RuntimeImports;
import dev.componentize.core.link.ImportBinding;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.run.GuestThread;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.Import;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import run.endive.runtime.HostFunction;
import run.endive.runtime.Instance;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * Runs the glue's {@code componentize_init} once on Endive (docs/design/python-glue.md "Start-up
 * and pre-initialization") and snapshots the program. The standard library, the bindings, the app's
 * sources and the wheels are visible through WASI preopens only during this run; the glue reads
 * {@code COMPONENTIZE_PYTHONHOME} and {@code COMPONENTIZE_PYTHONPATH} here and nowhere else.
 */
public final class BuildTimeInit {
  /** Where the bundle's {@code python/} directory is preopened (the glue's default home). */
  public static final String PYTHON_HOME = "/python";

  static final String GLUE = RuntimeBundle.GLUE;
  public static final String PYTHON_LIBRARY = "libpython3.13.so";
  static final String INIT = "componentize_init";
  static final String INIT_RUNTIME = "componentize_init_runtime";
  static final String INIT_APP = "componentize_init_app";
  private static final String WASI_MODULE = "wasi_snapshot_preview1";

  /** CPython on Endive's interpreter recurses deeply: the JVM thread needs a big stack. */
  private BuildTimeInit() {}

  /**
   * What the run left.
   *
   * @param snapshot memory and mutable globals after a successful init
   * @param output what the program wrote to stdout and stderr
   * @param phases where the run's time went, in order (empty when the snapshot was reused)
   * @param reused whether the snapshot came from a {@link SnapshotCache} instead of a run
   * @param base what became of the base snapshot (empty when the snapshot was reused)
   */
  public record Outcome(
      Snapshot snapshot, String output, List<Phase> phases, boolean reused, String base) {
    public Outcome {
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(base, "base");
      phases = List.copyOf(phases);
    }

    public Outcome(Snapshot snapshot, String output, List<Phase> phases, boolean reused) {
      this(snapshot, output, phases, reused, "");
    }
  }

  /**
   * The runtime/world part of start-up (docs/design/python-glue.md): the glue's {@value
   * #INIT_RUNTIME} starts CPython with the Python home and {@code pythonPath} (the world's
   * directories, e.g. the bindings) and imports the bindings; then {@value #INIT_APP} puts the
   * run's whole Python path in place and imports the app. The state between the two depends only on
   * the program, the preopens' names, the Python home, the world's directories and the environment,
   * so {@code cache} keeps it as a base snapshot, and a run whose base is there starts from it
   * instead of running the first part: the same state, hence the same snapshot, as a run of both.
   *
   * @param pythonPath the guest directories on the Python path of the first part, in order
   * @param cache keeps base snapshots (empty: none kept or used)
   */
  public record WorldPart(List<String> pythonPath, Optional<SnapshotCache> cache) {
    public WorldPart {
      pythonPath = List.copyOf(pythonPath);
      Objects.requireNonNull(cache, "cache");
    }
  }

  /**
   * One part of the run: {@code parse} (Endive reads every module, validating the untrusted ones;
   * with a parse started ahead, the wait for it), {@code instantiate} (relocations and constructors
   * run), {@code start CPython} (the glue's init up to the first file it opens outside the Python
   * home), {@code import from <guest dir>} (from the first file opened in that directory to the
   * first one opened in the next: the bindings, the app's sources, the wheels, with whatever
   * standard library modules they import), {@code snapshot}.
   *
   * @param name what ran
   * @param duration its wall-clock time
   */
  public record Phase(String name, Duration duration) {
    public Phase {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(duration, "duration");
    }

    @Override
    public String toString() {
      return name + " " + duration.toMillis() + " ms";
    }
  }

  /**
   * Watches a run: {@code timeout} bounds the guest's run (instantiation and the glue's init), and
   * {@code observer} hears each phase as it ends and, every {@code heartbeat} while one runs, that
   * it still runs.
   */
  public record Supervision(Duration timeout, Duration heartbeat, Observer observer) {
    /** No time limit, nobody listening. */
    public static final Supervision NONE =
        new Supervision(GuestThread.UNLIMITED, GuestThread.UNLIMITED, new Observer() {});

    public Supervision {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(heartbeat, "heartbeat");
      Objects.requireNonNull(observer, "observer");
    }
  }

  /** Hears a run's progress; called from the thread that runs the guest as well. */
  public interface Observer {
    /** {@code phase} ended. */
    default void phaseEnded(Phase phase) {}

    /** The phase named {@code phase} has been running for {@code elapsed}. */
    default void stillRunning(String phase, Duration elapsed) {}
  }

  /** Why a run failed. */
  public enum Failure {
    /** The program could not be loaded, trapped, or its init returned non-zero. */
    FAILED,
    /** The run did not finish within {@link Supervision#timeout}. */
    TIMED_OUT,
    /** The JVM ran out of heap. */
    OUT_OF_MEMORY
  }

  /**
   * The program's initialization failed; the message holds what the program printed, {@link #phase}
   * the phase it was in ({@link Phase}'s names).
   */
  public static final class InitFailedException extends ComponentizeException {
    private static final long serialVersionUID = 1L;

    private final Failure failure;
    private final String phase;

    InitFailedException(Failure failure, String phase, String message, Throwable cause) {
      super(message, cause);
      this.failure = failure;
      this.phase = phase;
    }

    /** What went wrong. */
    public Failure failure() {
      return failure;
    }

    /** The phase the run was in, e.g. {@code import from /sources/0}. */
    public String phase() {
      return phase;
    }
  }

  /** {@link #run(LinkedProgram, Map, List, Map)} with no extra environment. */
  public static Outcome run(
      LinkedProgram linked, Map<String, Path> directories, List<String> pythonPath)
      throws InitFailedException, IOException {
    return run(linked, directories, pythonPath, Map.of());
  }

  /** A run without a cache, a time limit or an observer. */
  public static Outcome run(
      LinkedProgram linked,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment)
      throws InitFailedException, IOException {
    return run(
        linked,
        ProgramRunner.Parsing.onDemand(linked, ProgramRunner.binaries(linked)),
        directories,
        pythonPath,
        environment,
        Optional.empty(),
        Optional.empty(),
        new WorldPart(pythonPath, Optional.empty()),
        Supervision.NONE);
  }

  /**
   * Instantiates {@code linked}, calls the glue's init and snapshots the program; with a {@code
   * cache}, reuses the snapshot of an earlier run with the same inputs (see {@link SnapshotCache})
   * and stores a new one; with {@code bytecode}, the Python files in its directory are loaded from
   * bytecode (see {@link BytecodeCache}).
   *
   * @param parsing the modules of {@code linked} in binary form, maybe already being parsed in the
   *     background (a run served from the cache does not wait for the parse)
   * @param directories guest path -> host directory, preopened for the run in this order
   * @param pythonPath guest directories put on {@code sys.path} after the standard library
   * @param environment added to the guest's build-time environment (e.g. {@code
   *     COMPONENTIZE_STUB_WASI=1}, docs/design/python-glue.md)
   * @param world the runtime/world part of start-up and where its base snapshots are kept
   * @param supervision the time limit and who hears the phases as they end
   * @throws InitFailedException if init returns non-zero or traps, or the app calls an import of
   *     the world while it is imported (there is no host at build time), or the run exceeds the
   *     time limit or the heap
   * @throws IOException if the cache cannot read an input or store the snapshot
   */
  public static Outcome run(
      LinkedProgram linked,
      ProgramRunner.Parsing parsing,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment,
      Optional<SnapshotCache> cache,
      Optional<BytecodeCache> bytecode,
      WorldPart world,
      Supervision supervision)
      throws InitFailedException, IOException {
    Map<String, byte[]> binaries = parsing.binaries();
    Map<String, byte[]> trees =
        cache.isPresent() || world.cache().isPresent()
            ? cache.or(world::cache).orElseThrow().treesOf(directories)
            : Map.of();
    String key = null;
    if (cache.isPresent()) {
      key = SnapshotCache.key(binaries, trees, pythonPath, world.pythonPath(), environment);
      Optional<Outcome> hit = cache.get().load(key);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    Optional<String> baseKey = Optional.empty();
    if (world.cache().isPresent()) {
      Set<String> observed = new HashSet<>(world.pythonPath());
      observed.add(PYTHON_HOME);
      baseKey =
          Optional.of(
              SnapshotCache.baseKey(binaries, trees, observed, world.pythonPath(), environment));
    }
    Outcome outcome =
        execute(
            new Run(linked, parsing, directories, pythonPath, environment, world, baseKey),
            bytecode,
            supervision);
    if (cache.isPresent()) {
      cache.get().store(key, outcome);
    }
    return outcome;
  }

  /** The inputs of one run that is not served from the cache. */
  private record Run(
      LinkedProgram linked,
      ProgramRunner.Parsing parsing,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment,
      WorldPart world,
      Optional<String> baseKey) {}

  private static Outcome execute(Run run, Optional<BytecodeCache> bytecode, Supervision supervision)
      throws InitFailedException, IOException {
    LinkedProgram linked = run.linked();
    Map<String, byte[]> binaries = run.parsing().binaries();
    Map<String, Path> directories = run.directories();
    Timeline timeline = new Timeline(List.copyOf(directories.keySet()), supervision.observer());
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    boolean split = exports(linked, GLUE, INIT_RUNTIME) && exports(linked, GLUE, INIT_APP);
    WasiOptions.Builder options =
        WasiOptions.builder()
            .withArguments(List.of("componentize"))
            .withEnvironment("COMPONENTIZE_PYTHONHOME", PYTHON_HOME)
            .withEnvironment(
                "COMPONENTIZE_PYTHONPATH",
                String.join(":", split ? run.world().pythonPath() : run.pythonPath()))
            // A traceback at build time goes into a build log: plain text (CPython 3.13 colours
            // it when stderr looks like a terminal). The glue clears the environment after init.
            .withEnvironment("PYTHON_COLORS", "0")
            .withEnvironment("NO_COLOR", "1")
            .withStdout(output)
            .withStderr(output)
            // Reproducible snapshots: whatever the program draws from random_get or reads from the
            // clocks while it initializes is baked into the component, so both are fixed
            // (DeterministicWasi). The glue re-seeds `random` at the first call at run time
            // (docs/design/python-glue.md); random_get itself is the host's at run time.
            .withRandom(new Random(0))
            .withClock(Clock.fixed(FixedTimes.TIME.toInstant(), ZoneOffset.UTC));
    run.environment().forEach(options::withEnvironment);
    directories.forEach(options::withDirectory);
    DeterministicWasi deterministic = new DeterministicWasi(directories.size());
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build()) {
      List<HostFunction> host = new ArrayList<>();
      for (HostFunction function : deterministic.wrap(wasi.toHostFunctions())) {
        host.add(function.name().equals("path_open") ? timeline.watching(function) : function);
      }
      host.addAll(buildTimeStubs(linked, host));
      RunningProgram running;
      ProgramRunner.Prepared prepared;
      try {
        prepared = run.parsing().join();
      } catch (RuntimeException e) {
        throw new InitFailedException(
            Failure.FAILED, "parse", "the program cannot be loaded (" + e.getMessage() + ")", e);
      }
      timeline.end("parse", "start CPython");
      if (bytecode.isPresent()
          && binaries.containsKey(PYTHON_LIBRARY)
          && directories.containsKey(PYTHON_HOME)
          && directories.containsKey(bytecode.get().guestDirectory())) {
        Path generated = directories.get(bytecode.get().guestDirectory());
        // On an instance of its own of the same parsed program (one parse for both runs).
        List<Phase> done =
            bytecode
                .get()
                .provide(
                    linked,
                    prepared,
                    binaries.get(PYTHON_LIBRARY),
                    directories.get(PYTHON_HOME),
                    generated);
        // The pycs are new files the guest sees: same times as everything the pipeline writes.
        FixedTimes.apply(generated);
        timeline.ended(done, "start CPython");
      }
      Optional<SnapshotCache> baseCache = split ? run.world().cache() : Optional.empty();
      Optional<SnapshotCache.Entry> base =
          baseCache.isPresent()
              ? baseCache.get().read(run.baseKey().orElseThrow())
              : Optional.empty();
      String baseNote;
      // The limit covers the guest's run: instantiation (constructors) and the glue's init.
      long deadline = System.nanoTime() + supervision.timeout().toNanos();
      Consumer<Duration> heartbeat = elapsed -> timeline.stillRunning();
      try {
        running =
            GuestThread.call(
                () -> prepared.instantiate(host),
                remaining(deadline),
                supervision.heartbeat(),
                heartbeat);
        timeline.end("instantiate", base.isPresent() ? "resume base snapshot" : "start CPython");
        if (!split) {
          requireZero(
              GuestThread.call(
                  () -> running.function(GLUE, INIT).apply()[0],
                  remaining(deadline),
                  supervision.heartbeat(),
                  heartbeat),
              timeline,
              INIT,
              output);
          baseNote = "no base snapshot (the glue does not split its start-up)";
        } else {
          if (base.isPresent()) {
            resume(linked, running, base.get(), deterministic, output);
            baseNote = "resumed base snapshot " + run.baseKey().orElseThrow().substring(0, 16);
          } else {
            requireZero(
                GuestThread.call(
                    () -> running.function(GLUE, INIT_RUNTIME).apply()[0],
                    remaining(deadline),
                    supervision.heartbeat(),
                    heartbeat),
                timeline,
                INIT_RUNTIME,
                output);
            timeline.end(null, "keep base snapshot");
            baseNote = keepBase(run, baseCache, linked, running, deterministic, output);
          }
          timeline.end(null, "start app");
          byte[] path =
              (String.join(":", run.pythonPath()) + "\0").getBytes(StandardCharsets.UTF_8);
          requireZero(
              GuestThread.call(
                  () -> {
                    int pointer = (int) running.function("libc.so", "malloc").apply(path.length)[0];
                    running.memory().write(pointer, path);
                    long result = running.function(GLUE, INIT_APP).apply(pointer)[0];
                    running.function("libc.so", "free").apply(pointer);
                    return result;
                  },
                  remaining(deadline),
                  supervision.heartbeat(),
                  heartbeat),
              timeline,
              INIT_APP,
              output);
        }
        boolean embed = directories.containsKey(RuntimeImports.GUEST_PATH);
        timeline.end(null, embed ? "embed modules" : "snapshot");
      } catch (TimeoutException e) {
        throw new InitFailedException(
            Failure.TIMED_OUT,
            timeline.current(),
            "it did not finish within "
                + supervision.timeout().toSeconds()
                + " s"
                + printed(output),
            e);
      } catch (OutOfMemoryError e) {
        throw new InitFailedException(
            Failure.OUT_OF_MEMORY,
            timeline.current(),
            "the JVM ran out of heap" + printed(output),
            e);
      } catch (InitFailedException e) {
        throw e;
      } catch (Exception | StackOverflowError e) {
        throw new InitFailedException(
            Failure.FAILED,
            timeline.current(),
            "the program trapped during initialization (" + e.getMessage() + ")" + printed(output),
            e);
      }
      if (directories.containsKey(RuntimeImports.GUEST_PATH)) {
        installEmbedded(running, output);
        timeline.end(null, "snapshot");
      }
      Snapshot snapshot = PreInitializer.snapshot(linked, running);
      timeline.end(null, null);
      return new Outcome(
          snapshot, output.toString(StandardCharsets.UTF_8), timeline.phases(), false, baseNote);
    }
  }

  private static void requireZero(
      long status, Timeline timeline, String function, ByteArrayOutputStream output)
      throws InitFailedException {
    if (status != 0) {
      throw new InitFailedException(
          Failure.FAILED,
          timeline.current(),
          GLUE + " " + function + " returned " + status + printed(output),
          null);
    }
  }

  private static boolean exports(LinkedProgram linked, String instance, String name) {
    return linked.instances().stream()
        .filter(i -> i.name().equals(instance))
        .flatMap(i -> i.module().exports().stream())
        .anyMatch(e -> e.name().equals(name));
  }

  /**
   * Stores the state after the runtime/world part as the base snapshot, if a fresh WASI host with
   * the run's preopens would be in the same state ({@link DeterministicWasi#restorable}); says what
   * became of it.
   */
  private static String keepBase(
      Run run,
      Optional<SnapshotCache> cache,
      LinkedProgram linked,
      RunningProgram running,
      DeterministicWasi wasi,
      ByteArrayOutputStream output)
      throws IOException {
    if (cache.isEmpty()) {
      return "no base snapshot kept";
    }
    List<String> preopens = List.copyOf(run.directories().keySet());
    Set<Integer> observable = new HashSet<>();
    for (int i = 0; i < preopens.size(); i++) {
      if (preopens.get(i).equals(PYTHON_HOME)
          || run.world().pythonPath().contains(preopens.get(i))) {
        observable.add(i);
      }
    }
    Optional<String> why = wasi.restorable(observable);
    if (why.isPresent()) {
      return "no base snapshot kept: after starting CPython " + why.get();
    }
    String key = run.baseKey().orElseThrow();
    cache
        .get()
        .write(
            key,
            new SnapshotCache.Entry(
                PreInitializer.snapshot(linked, running),
                output.toString(StandardCharsets.UTF_8),
                wasi.state().clockReadings(),
                wasi.state().randomBytes()));
    return "base snapshot " + key.substring(0, 16) + " stored";
  }

  /**
   * Puts {@code running}, just instantiated, into the state of the base snapshot: its memory (grown
   * to the base's size, every byte written), the mutable globals of every instance, what the WASI
   * host had handed out, and what the program had printed.
   */
  private static void resume(
      LinkedProgram linked,
      RunningProgram running,
      SnapshotCache.Entry base,
      DeterministicWasi wasi,
      ByteArrayOutputStream output)
      throws IOException {
    Snapshot snapshot = base.snapshot();
    var memory = running.memory();
    if (memory.pages() > snapshot.pages()) {
      throw new IOException(
          "the base snapshot has "
              + snapshot.pages()
              + " pages, the fresh instance "
              + memory.pages());
    }
    if (memory.pages() < snapshot.pages()) {
      memory.grow(snapshot.pages() - memory.pages());
    }
    memory.write(0, snapshot.memory());
    byte[] zeros = new byte[1 << 16];
    long size = (long) snapshot.pages() * 65536;
    for (long at = snapshot.memory().length; at < size; at += zeros.length) {
      int length = (int) Math.min(zeros.length, size - at);
      memory.write((int) at, length == zeros.length ? zeros : new byte[length]);
    }
    for (ProgramInstance programInstance : linked.instances()) {
      Instance instance = running.instance(programInstance.name());
      Map<Integer, Long> values = snapshot.globals().getOrDefault(programInstance.name(), Map.of());
      values.forEach((index, value) -> instance.global(index).setValue(value));
    }
    wasi.restore(new DeterministicWasi.State(base.clockReadings(), base.randomBytes()));
    output.writeBytes(base.output().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Splits the run into {@link Phase}s. WASI preopens are numbered from 3 in the order they are
   * given (preview1 reserves 0-2 for stdio), so the descriptor a {@code path_open} is relative to
   * names the guest directory; the first file opened in a directory other than the Python home
   * starts a phase named after it. Used by the thread that runs the guest and, before and after it,
   * by the caller ({@link GuestThread#call} joins, so the two never overlap).
   */
  private static final class Timeline {
    private static final int FIRST_PREOPEN = 3;
    private static final int OFLAGS_DIRECTORY = 2;

    private final List<String> guestDirectories;
    private final Observer observer;
    private final Set<Integer> seen = new HashSet<>();
    private final List<Phase> phases = new ArrayList<>();
    // Read by the supervising thread for heartbeats while the guest's thread changes them.
    private volatile long phaseStart = System.nanoTime();
    private volatile String current = "parse";

    Timeline(List<String> guestDirectories, Observer observer) {
      this.guestDirectories = guestDirectories;
      this.observer = observer;
    }

    /** The running phase's name. */
    String current() {
      return current;
    }

    /** Tells the observer that the running phase still runs. */
    void stillRunning() {
      String name = current;
      if (name != null) {
        observer.stillRunning(name, Duration.ofNanos(System.nanoTime() - phaseStart));
      }
    }

    /**
     * Ends the running phase: named {@code name}, or the name a file open gave it when null; the
     * next one is called {@code next} until a file open renames it.
     */
    void end(String name, String next) {
      long now = System.nanoTime();
      String ended = name != null ? name : current;
      if (ended != null) {
        Phase phase = new Phase(ended, Duration.ofNanos(now - phaseStart));
        phases.add(phase);
        observer.phaseEnded(phase);
      }
      phaseStart = now;
      current = next;
    }

    HostFunction watching(HostFunction pathOpen) {
      return new HostFunction(
          pathOpen.module(),
          pathOpen.name(),
          pathOpen.functionType(),
          (instance, args) -> {
            // preview1 path_open: (fd, dirflags, path, path_len, oflags, ...)
            int directory = (int) args[0] - FIRST_PREOPEN;
            boolean file = (args[4] & OFLAGS_DIRECTORY) == 0;
            if (file
                && directory >= 0
                && directory < guestDirectories.size()
                && !guestDirectories.get(directory).equals(PYTHON_HOME)
                && !guestDirectories.get(directory).equals(RuntimeImports.GUEST_PATH)
                && seen.add(directory)) {
              end(null, "import from " + guestDirectories.get(directory));
            }
            return pathOpen.handle().apply(instance, args);
          });
    }

    /** Adds {@code done}, measured elsewhere, and starts the phase called {@code next}. */
    void ended(List<Phase> done, String next) {
      for (Phase phase : done) {
        phases.add(phase);
        observer.phaseEnded(phase);
      }
      phaseStart = System.nanoTime();
      current = next;
    }

    List<Phase> phases() {
      return List.copyOf(phases);
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  /**
   * Runs {@link RuntimeImports#installScript} in the initialized program: the finder that serves
   * the embedded modules at run time goes into {@code sys.meta_path} (docs/runtime-imports.md). The
   * script's text is freed again, so only what the script keeps is in the snapshot.
   */
  private static void installEmbedded(RunningProgram running, ByteArrayOutputStream output)
      throws InitFailedException {
    byte[] text = (RuntimeImports.installScript() + "\0").getBytes(StandardCharsets.UTF_8);
    long status;
    try {
      status =
          GuestThread.call(
              () -> {
                int pointer = (int) running.function("libc.so", "malloc").apply(text.length)[0];
                running.memory().write(pointer, text);
                long result =
                    running.function(PYTHON_LIBRARY, "PyRun_SimpleString").apply(pointer)[0];
                running.function("libc.so", "free").apply(pointer);
                return result;
              });
    } catch (Exception | StackOverflowError e) {
      throw new InitFailedException(
          Failure.FAILED,
          "embed modules",
          "the program trapped while installing the embedded modules ("
              + e.getMessage()
              + ")"
              + printed(output),
          e);
    }
    if (status != 0) {
      throw new InitFailedException(
          Failure.FAILED,
          "embed modules",
          "installing the embedded modules failed" + printed(output),
          null);
    }
  }

  private static String printed(ByteArrayOutputStream output) {
    String text = output.toString(StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : "; the program printed:\n" + text;
  }

  /**
   * A trapping function for every import of the program other than WASI: the world's imports have
   * no host at build time, so an app that calls one while it is imported fails the build with the
   * import's name instead of an unsatisfied-import error.
   */
  public static List<HostFunction> buildTimeStubs(
      LinkedProgram linked, List<HostFunction> provided) {
    Set<String> have = new HashSet<>();
    for (HostFunction function : provided) {
      have.add(function.module() + "\0" + function.name());
    }
    Map<String, HostFunction> stubs = new LinkedHashMap<>();
    for (ProgramInstance instance : linked.instances()) {
      List<Import> imports = instance.module().imports();
      for (int i = 0; i < imports.size(); i++) {
        ImportBinding binding = instance.imports().get(i);
        if (!(binding.source() instanceof ImportBinding.External external)
            || !(imports.get(i).type() instanceof Import.Func func)) {
          continue;
        }
        String key = external.module() + "\0" + external.name();
        if (have.contains(key) || stubs.containsKey(key)) {
          continue;
        }
        if (external.module().equals(WASI_MODULE)) {
          continue; // WASI has every preview1 function; nothing to stub
        }
        FuncType type = instance.module().types().get(func.typeIndex());
        String name = external.module() + "." + external.name();
        stubs.put(
            key,
            new HostFunction(
                external.module(),
                external.name(),
                FunctionType.of(endive(type.params()), endive(type.results())),
                (running, args) -> {
                  throw new IllegalStateException(
                      "the app called the world's import "
                          + name
                          + " while it was imported at build time; there is no host then"
                          + " (call imports from exports only)");
                }));
      }
    }
    return List.copyOf(stubs.values());
  }

  private static List<ValType> endive(List<dev.componentize.core.wasm.ValType> types) {
    List<ValType> result = new ArrayList<>();
    for (var type : types) {
      result.add(
          switch (type) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            default ->
                throw new IllegalArgumentException(
                    "a world import with a " + type + " parameter or result");
          });
    }
    return result;
  }
}
