package dev.componentize.core.preinit;

import dev.componentize.core.files.FixedTimes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import run.endive.runtime.HostFunction;

/**
 * The WASI host functions of the build-time run, made deterministic: whatever the program reads
 * from the clocks, random bytes, file metadata and directory listings while it initializes is kept
 * in the snapshot, so two builds of the same inputs must read the same values (docs/design/python-
 * glue.md "Start-up and pre-initialization"). The fixed wall clock is configured on the WASI
 * options themselves.
 *
 * <p>One instance serves one run and keeps what a later run needs to continue from a snapshot of
 * this one ({@link #state}, {@link #restore}): how many clock readings and random bytes were handed
 * out. It also watches what the program does with descriptors, so that the run can tell whether a
 * fresh WASI host with the same preopens is in the same state ({@link #restorable}): no file or
 * directory the program opened is still open, no preopen was closed or renumbered, and only the
 * preopens of {@code observable} were looked into.
 */
final class DeterministicWasi {
  /** WASI preview1 numbers the preopens from 3 (0-2 are stdio). */
  private static final int FIRST_PREOPEN = 3;

  /**
   * What a run handed out so far.
   *
   * @param clockReadings how many times a clock was read
   * @param randomBytes how many random bytes were drawn
   */
  record State(long clockReadings, long randomBytes) {}

  private final int preopens;
  private final Set<Integer> open = new HashSet<>();
  private final Set<Integer> lookedInto = new TreeSet<>();
  private long clockReadings;
  private long randomBytes;
  private String unrestorable;

  /** For a run with {@code preopens} preopened directories. */
  DeterministicWasi(int preopens) {
    this.preopens = preopens;
  }

  /** {@code wasi} with the clock, random, stat and readdir functions replaced by steady ones. */
  List<HostFunction> wrap(HostFunction[] wasi) {
    List<HostFunction> host = new ArrayList<>();
    for (HostFunction function : wasi) {
      host.add(
          switch (function.name()) {
            case "clock_time_get" -> steadyClock(function);
            case "random_get" -> steadyRandom(function);
            case "fd_filestat_get" -> steadyFilestat(function);
            case "path_filestat_get" -> watchingLookups(steadyFilestat(function));
            case "fd_readdir" -> steadyReaddir(function);
            case "path_open" -> watchingOpen(function);
            case "path_readlink" -> watchingLookups(function);
            case "fd_close" -> watchingClose(function);
            case "fd_renumber" -> unrestorableAfter(function);
            default -> function;
          });
    }
    return host;
  }

  /** The clock readings and random bytes handed out so far. */
  State state() {
    return new State(clockReadings, randomBytes);
  }

  /** Continues from {@code state}, as if this run had handed out as much. */
  void restore(State state) {
    clockReadings = state.clockReadings();
    randomBytes = state.randomBytes();
  }

  /**
   * Why a fresh WASI host with the same preopens, given this run's {@link #state}, would not be in
   * this run's state, or empty if it would; {@code observable} are the indexes (from 0) of the
   * preopens the program may have looked into.
   */
  Optional<String> restorable(Set<Integer> observable) {
    if (unrestorable != null) {
      return Optional.of(unrestorable);
    }
    if (!open.isEmpty()) {
      return Optional.of(open.size() + " file(s) still open");
    }
    for (int index : lookedInto) {
      if (!observable.contains(index)) {
        return Optional.of("it looked into preopened directory " + index);
      }
    }
    return Optional.empty();
  }

  /**
   * preview1 {@code path_open}: (fd, dirflags, path, path_len, oflags, rights, rights, fdflags,
   * *fd).
   */
  private HostFunction watchingOpen(HostFunction pathOpen) {
    return new HostFunction(
        pathOpen.module(),
        pathOpen.name(),
        pathOpen.functionType(),
        (instance, args) -> {
          lookedInto((int) args[0]);
          long[] errno = pathOpen.handle().apply(instance, args);
          if (errno[0] == 0) {
            open.add(instance.memory().readInt((int) args[8]));
          }
          return errno;
        });
  }

  /** A {@code path_*} function whose first argument is the directory it looks into. */
  private HostFunction watchingLookups(HostFunction function) {
    return new HostFunction(
        function.module(),
        function.name(),
        function.functionType(),
        (instance, args) -> {
          lookedInto((int) args[0]);
          return function.handle().apply(instance, args);
        });
  }

  private void lookedInto(int fd) {
    if (fd >= FIRST_PREOPEN && fd < FIRST_PREOPEN + preopens) {
      lookedInto.add(fd - FIRST_PREOPEN);
    }
  }

  private HostFunction watchingClose(HostFunction fdClose) {
    return new HostFunction(
        fdClose.module(),
        fdClose.name(),
        fdClose.functionType(),
        (instance, args) -> {
          long[] errno = fdClose.handle().apply(instance, args);
          int fd = (int) args[0];
          if (errno[0] == 0 && !open.remove(fd) && fd >= FIRST_PREOPEN && unrestorable == null) {
            unrestorable = "it closed descriptor " + fd;
          }
          return errno;
        });
  }

  private HostFunction unrestorableAfter(HostFunction function) {
    return new HostFunction(
        function.module(),
        function.name(),
        function.functionType(),
        (instance, args) -> {
          if (unrestorable == null) {
            unrestorable = "it called " + function.name();
          }
          return function.handle().apply(instance, args);
        });
  }

  /**
   * WASI's {@code random_get} (preview1: {@code (*buf, len) -> errno}) for the build-time run: the
   * bytes of a fixed stream, byte {@code n} taken from a SplitMix64 step of {@code n / 8}, so that
   * the stream continues at any position (the glue re-seeds {@code random} at run time, and
   * random_get itself is the host's then).
   */
  private HostFunction steadyRandom(HostFunction wasiRandom) {
    return new HostFunction(
        wasiRandom.module(),
        wasiRandom.name(),
        wasiRandom.functionType(),
        (instance, args) -> {
          int buffer = (int) args[0];
          int length = (int) args[1];
          byte[] bytes = new byte[length];
          for (int i = 0; i < length; i++) {
            long n = randomBytes++;
            bytes[i] = (byte) (splitMix64(n >>> 3) >>> (8 * (n & 7)));
          }
          instance.memory().write(buffer, bytes);
          return new long[] {0};
        });
  }

  private static long splitMix64(long index) {
    long z = (index + 1) * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * WASI's {@code clock_time_get} (preview1: {@code (clock_id, precision, *time) -> errno}) for the
   * build-time run: every clock, real-time, monotonic and CPU time alike, starts at {@link
   * FixedTimes#TIME} and advances one microsecond per reading. The engine's monotonic and CPU
   * clocks follow the host, and CPython keeps such readings in memory (the snapshot) while it
   * starts, so reproducible snapshots need a clock that only counts the calls.
   */
  private HostFunction steadyClock(HostFunction wasiClock) {
    long start = FixedTimes.TIME.toMillis() * 1_000_000L;
    return new HostFunction(
        wasiClock.module(),
        wasiClock.name(),
        wasiClock.functionType(),
        (instance, args) -> {
          long now = start + 1_000L * clockReadings++;
          instance.memory().writeLong((int) args[2], now);
          return new long[] {0};
        });
  }

  /**
   * WASI's {@code fd_filestat_get} and {@code path_filestat_get} for the build-time run, with the
   * parts of the {@code filestat} record (preview1: dev u64 at 0, ino u64 at 8, filetype at 16,
   * nlink at 24, size at 32, atim at 40, mtim at 48, ctim at 56) that differ between two builds of
   * the same inputs made equal: device and inode become 0, the link count 1, access and change time
   * the modification time (which the pipeline fixes for what it writes). Freed memory in the
   * snapshot still holds the stat results CPython's import system read. The link count matters: the
   * runtime bundles in the user's cache share the standard library's files as hard links, so every
   * bundle built on the machine changes it.
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
            memory.writeLong(record + 24, 1);
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
}
