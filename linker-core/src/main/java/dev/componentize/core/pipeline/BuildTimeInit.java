package dev.componentize.core.pipeline;

import dev.componentize.core.link.ImportBinding;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.preinit.PreInitializer;
import dev.componentize.core.preinit.Snapshot;
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
import run.endive.runtime.HostFunction;
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

  static final String GLUE = "libcomponentize.so";
  static final String PYTHON_LIBRARY = "libpython3.13.so";
  static final String INIT = "componentize_init";
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
   */
  public record Outcome(Snapshot snapshot, String output, List<Phase> phases, boolean reused) {
    public Outcome {
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(output, "output");
      phases = List.copyOf(phases);
    }
  }

  /**
   * One part of the run: {@code parse} (Endive reads and validates every module), {@code
   * instantiate} (relocations and constructors run), {@code start CPython} (the glue's init up to
   * the first file it opens outside the Python home), {@code import from <guest dir>} (from the
   * first file opened in that directory to the first one opened in the next: the bindings, the
   * app's sources, the wheels, with whatever standard library modules they import), {@code
   * snapshot}.
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

  /** The program's initialization failed; the message holds what the program printed. */
  public static final class InitFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    InitFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** {@link #run(LinkedProgram, Map, List, Map, Optional)} with no extra environment, no cache. */
  public static Outcome run(
      LinkedProgram linked, Map<String, Path> directories, List<String> pythonPath)
      throws InitFailedException, IOException {
    return run(linked, directories, pythonPath, Map.of(), Optional.empty(), Optional.empty());
  }

  /** {@link #run(LinkedProgram, Map, List, Map, Optional)} without a cache. */
  public static Outcome run(
      LinkedProgram linked,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment)
      throws InitFailedException, IOException {
    return run(linked, directories, pythonPath, environment, Optional.empty(), Optional.empty());
  }

  /**
   * Instantiates {@code linked}, calls the glue's init and snapshots the program; with a {@code
   * cache}, reuses the snapshot of an earlier run with the same inputs (see {@link SnapshotCache})
   * and stores a new one; with {@code bytecode}, the Python files in its directory are loaded from
   * bytecode (see {@link BytecodeCache}).
   *
   * @param directories guest path -> host directory, preopened for the run in this order
   * @param pythonPath guest directories put on {@code sys.path} after the standard library
   * @param environment added to the guest's build-time environment (e.g. {@code
   *     COMPONENTIZE_STUB_WASI=1}, docs/design/python-glue.md)
   * @throws InitFailedException if init returns non-zero or traps, or the app calls an import of
   *     the world while it is imported (there is no host at build time)
   * @throws IOException if the cache cannot read an input or store the snapshot
   */
  public static Outcome run(
      LinkedProgram linked,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment,
      Optional<SnapshotCache> cache,
      Optional<BytecodeCache> bytecode)
      throws InitFailedException, IOException {
    Map<String, byte[]> binaries = ProgramRunner.binaries(linked);
    String key = null;
    if (cache.isPresent()) {
      key = SnapshotCache.key(binaries, directories, pythonPath, environment);
      Optional<Outcome> hit = cache.get().load(key);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    Outcome outcome = execute(linked, binaries, directories, pythonPath, environment, bytecode);
    if (cache.isPresent()) {
      cache.get().store(key, outcome);
    }
    return outcome;
  }

  private static Outcome execute(
      LinkedProgram linked,
      Map<String, byte[]> binaries,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment,
      Optional<BytecodeCache> bytecode)
      throws InitFailedException, IOException {
    Timeline timeline = new Timeline(List.copyOf(directories.keySet()));
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    WasiOptions.Builder options =
        WasiOptions.builder()
            .withArguments(List.of("componentize"))
            .withEnvironment("COMPONENTIZE_PYTHONHOME", PYTHON_HOME)
            .withEnvironment("COMPONENTIZE_PYTHONPATH", String.join(":", pythonPath))
            // A traceback at build time goes into a build log: plain text (CPython 3.13 colours
            // it when stderr looks like a terminal). The glue clears the environment after init.
            .withEnvironment("PYTHON_COLORS", "0")
            .withEnvironment("NO_COLOR", "1")
            .withStdout(output)
            .withStderr(output)
            // Reproducible snapshots: whatever the program draws from random_get or reads from the
            // clocks while it initializes is baked into the component, so both are fixed here.
            // The glue re-seeds `random` at the first call at run time
            // (docs/design/python-glue.md);
            // random_get itself is the host's at run time.
            .withRandom(new Random(0))
            .withClock(Clock.fixed(FixedTimes.TIME.toInstant(), ZoneOffset.UTC));
    environment.forEach(options::withEnvironment);
    directories.forEach(options::withDirectory);
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build()) {
      List<HostFunction> host = new ArrayList<>();
      for (HostFunction function : wasi.toHostFunctions()) {
        host.add(
            switch (function.name()) {
              case "clock_time_get" -> steadyClock(function);
              case "fd_filestat_get", "path_filestat_get" -> steadyFilestat(function);
              case "fd_readdir" -> steadyReaddir(function);
              case "path_open" -> timeline.watching(function);
              default -> function;
            });
      }
      host.addAll(buildTimeStubs(linked, host));
      long status;
      RunningProgram running;
      ProgramRunner.Prepared prepared;
      try {
        prepared = ProgramRunner.prepare(linked, binaries);
      } catch (RuntimeException e) {
        throw new InitFailedException("the program cannot be loaded (" + e.getMessage() + ")", e);
      }
      timeline.end("parse", "start CPython");
      if (bytecode.isPresent()
          && binaries.containsKey(PYTHON_LIBRARY)
          && directories.containsKey(PYTHON_HOME)
          && directories.containsKey(bytecode.get().guestDirectory())) {
        Path generated = directories.get(bytecode.get().guestDirectory());
        String done =
            bytecode
                .get()
                .provide(
                    linked,
                    binaries,
                    binaries.get(PYTHON_LIBRARY),
                    directories.get(PYTHON_HOME),
                    generated);
        // The pycs are new files the guest sees: same times as everything the pipeline writes.
        FixedTimes.apply(generated);
        timeline.end(done, "start CPython");
      }
      try {
        running = GuestThread.call(() -> prepared.instantiate(host));
        timeline.end("instantiate", "start CPython");
        status = GuestThread.call(() -> running.function(GLUE, INIT).apply()[0]);
        timeline.end(null, "snapshot");
      } catch (Exception | StackOverflowError e) {
        throw new InitFailedException(
            "the program trapped during initialization (" + e.getMessage() + ")" + printed(output),
            e);
      }
      if (status != 0) {
        throw new InitFailedException(
            GLUE + " " + INIT + " returned " + status + printed(output), null);
      }
      Snapshot snapshot = PreInitializer.snapshot(linked, running);
      timeline.end(null, null);
      return new Outcome(
          snapshot, output.toString(StandardCharsets.UTF_8), timeline.phases(), false);
    }
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
    private final Set<Integer> seen = new HashSet<>();
    private final List<Phase> phases = new ArrayList<>();
    private long phaseStart = System.nanoTime();
    private String current;

    Timeline(List<String> guestDirectories) {
      this.guestDirectories = guestDirectories;
    }

    /**
     * Ends the running phase: named {@code name}, or the name a file open gave it when null; the
     * next one is called {@code next} until a file open renames it.
     */
    void end(String name, String next) {
      long now = System.nanoTime();
      String ended = name != null ? name : current;
      if (ended != null) {
        phases.add(new Phase(ended, Duration.ofNanos(now - phaseStart)));
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
                && seen.add(directory)) {
              end(null, "import from " + guestDirectories.get(directory));
            }
            return pathOpen.handle().apply(instance, args);
          });
    }

    List<Phase> phases() {
      return List.copyOf(phases);
    }
  }

  /**
   * WASI's {@code clock_time_get} (preview1: {@code (clock_id, precision, *time) -> errno}) for the
   * build-time run: every clock, real-time, monotonic and CPU time alike, starts at {@link
   * FixedTimes#TIME} and advances one microsecond per reading. The engine's monotonic and CPU
   * clocks follow the host, and CPython keeps such readings in memory (the snapshot) while it
   * starts, so reproducible snapshots need a clock that only counts the calls.
   */
  private static HostFunction steadyClock(HostFunction wasiClock) {
    long start = FixedTimes.TIME.toMillis() * 1_000_000L;
    long[] readings = {0};
    return new HostFunction(
        wasiClock.module(),
        wasiClock.name(),
        wasiClock.functionType(),
        (instance, args) -> {
          long now = start + 1_000L * readings[0]++;
          instance.memory().writeLong((int) args[2], now);
          return new long[] {0};
        });
  }

  /**
   * WASI's {@code fd_filestat_get} and {@code path_filestat_get} for the build-time run, with the
   * parts of the {@code filestat} record (preview1: dev u64 at 0, ino u64 at 8, filetype at 16,
   * nlink at 24, size at 32, atim at 40, mtim at 48, ctim at 56) that differ between two builds of
   * the same inputs made equal: device and inode become 0, access and change time the modification
   * time (which the pipeline fixes for what it writes). Freed memory in the snapshot still holds
   * the stat results CPython's import system read.
   */
  private static HostFunction steadyFilestat(HostFunction wasiStat) {
    return new HostFunction(
        wasiStat.module(),
        wasiStat.name(),
        wasiStat.functionType(),
        (instance, args) -> {
          long[] errno = wasiStat.handle().apply(instance, args);
          if (errno[0] == 0) {
            int record = (int) args[args.length - 1];
            var memory = instance.memory();
            long modified = memory.readLong(record + 48);
            memory.writeLong(record, 0);
            memory.writeLong(record + 8, 0);
            memory.writeLong(record + 40, modified);
            memory.writeLong(record + 56, modified);
          }
          return errno;
        });
  }

  /**
   * WASI's {@code fd_readdir} for the build-time run, with the inode of every entry made 0 (as
   * {@link #steadyFilestat} does for stat records). The buffer holds {@code dirent} records
   * (preview1: d_next u64 at 0, d_ino u64 at 8, d_namlen u32 at 16, d_type u8 at 20, the name after
   * the 24-byte header), the last one possibly cut off. wasi-libc's readdir buffer is freed memory
   * in the snapshot, and a runtime unpacked again (after {@code clean}) has other inode numbers.
   */
  private static HostFunction steadyReaddir(HostFunction wasiReaddir) {
    return new HostFunction(
        wasiReaddir.module(),
        wasiReaddir.name(),
        wasiReaddir.functionType(),
        (instance, args) -> {
          long[] errno = wasiReaddir.handle().apply(instance, args);
          if (errno[0] == 0) {
            var memory = instance.memory();
            int buffer = (int) args[1];
            int used = memory.readInt((int) args[args.length - 1]);
            // long: d_namlen is a u32 the guest cannot vouch for.
            for (long entry = 0; entry + 8 < used; ) {
              for (long i = entry + 8; i < Math.min(entry + 16, used); i++) {
                memory.writeByte(buffer + (int) i, (byte) 0);
              }
              if (entry + 24 > used) {
                break;
              }
              entry += 24 + Integer.toUnsignedLong(memory.readInt(buffer + (int) entry + 16));
            }
          }
          return errno;
        });
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
  static List<HostFunction> buildTimeStubs(LinkedProgram linked, List<HostFunction> provided) {
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
