package dev.componentize.core.preinit;

import dev.componentize.core.files.FixedTimes;
import java.util.ArrayList;
import java.util.List;
import run.endive.runtime.HostFunction;

/**
 * The WASI host functions of the build-time run, made deterministic: whatever the program reads
 * from the clocks, file metadata and directory listings while it initializes is kept in the
 * snapshot, so two builds of the same inputs must read the same values (docs/design/python-glue.md
 * "Start-up and pre-initialization"). The rest of WASI (random with a fixed seed, a fixed wall
 * clock) is configured on the WASI options themselves.
 */
final class DeterministicWasi {
  private DeterministicWasi() {}

  /** {@code wasi} with the clock, stat and readdir functions replaced by their steady versions. */
  static List<HostFunction> wrap(HostFunction[] wasi) {
    List<HostFunction> host = new ArrayList<>();
    for (HostFunction function : wasi) {
      host.add(
          switch (function.name()) {
            case "clock_time_get" -> steadyClock(function);
            case "fd_filestat_get", "path_filestat_get" -> steadyFilestat(function);
            case "fd_readdir" -> steadyReaddir(function);
            default -> function;
          });
    }
    return host;
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
}
