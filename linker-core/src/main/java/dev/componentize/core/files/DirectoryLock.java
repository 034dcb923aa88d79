package dev.componentize.core.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a directory that builds running at the same time write: two modules of one
 * Maven reactor built in parallel (threads of one JVM), or two builds in two JVMs sharing the
 * user's cache. The lock is held on the file {@value #FILE} in the directory, in two layers: a lock
 * per directory inside this JVM, then the operating system's lock on the file ({@link
 * FileChannel#lock()}) between processes. Both are needed: the operating system's lock belongs to
 * the process, so it does not keep two threads apart (a second lock of the same file in one JVM
 * fails with {@code OverlappingFileLockException}). The lock file is never deleted: a process
 * waiting on the old file would then hold a lock nobody else sees.
 *
 * <p>The lock is reentrant for the thread that holds it, and is released by the thread that took
 * it, by {@link #close()} (use try-with-resources).
 */
public final class DirectoryLock implements AutoCloseable {
  /** The lock file's name in the locked directory. */
  public static final String FILE = ".lock";

  private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code directory}, creating it if missing; blocks until no other build holds it. */
  static DirectoryLock acquire(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path key = directory.toRealPath();
    ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    try {
      local.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the lock of " + directory);
    }
    if (local.getHoldCount() > 1) {
      // This thread holds the process's lock on the file already.
      return new DirectoryLock(local, null, null);
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new DirectoryLock(local, channel, channel.lock());
    } catch (IOException | RuntimeException | Error e) {
      try {
        if (channel != null) {
          channel.close();
        }
      } finally {
        local.unlock();
      }
      throw e;
    }
  }

  /** Releases the lock (the thread that took it must release it). */
  @Override
  public void close() throws IOException {
    try {
      if (channel != null) {
        // Closing the channel releases the operating system's lock.
        channel.close();
      }
    } finally {
      local.unlock();
    }
  }

  /** Whether this is the outermost hold of the lock, the one that holds the lock file. */
  boolean holdsFile() {
    return lock != null && lock.isValid();
  }
}
