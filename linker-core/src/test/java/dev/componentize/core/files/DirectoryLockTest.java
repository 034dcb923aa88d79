package dev.componentize.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link DirectoryLock}: one holder at a time, between threads and between processes. */
@Timeout(120)
class DirectoryLockTest {
  @TempDir Path dir;

  @Test
  void twoThreadsNeverHoldTheLockAtOnce() throws Exception {
    Path cache = dir.resolve("cache");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger entered = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 50; i++) {
                    try (DirectoryLock lock = FileKit.lock(cache)) {
                      if (inside.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                      }
                      entered.incrementAndGet();
                      Thread.sleep(1);
                      inside.decrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, overlaps.get(), "two threads held the lock at once");
    assertEquals(100, entered.get());
    assertTrue(Files.isRegularFile(cache.resolve(DirectoryLock.FILE)));
  }

  @Test
  void theThreadThatHoldsTheLockMayTakeItAgain() throws Exception {
    try (DirectoryLock outer = FileKit.lock(dir)) {
      assertTrue(outer.holdsFile());
      try (DirectoryLock inner = FileKit.lock(dir)) {
        assertFalse(inner.holdsFile());
      }
      assertTrue(outer.holdsFile(), "releasing the inner hold kept the outer one");
    }
  }

  /**
   * Another JVM holds the lock: this one waits until that one releases it. The child process is
   * {@link Holder}, on this test's class path; it is stopped when the test ends.
   */
  @Test
  void aBuildInAnotherProcessIsWaitedFor() throws Exception {
    Path cache = dir.resolve("shared-cache");
    Path locked = dir.resolve("child-locked");
    Path release = dir.resolve("child-release");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Holder.class.getName(),
                cache.toString(),
                locked.toString(),
                release.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(locked)) {
        assertTrue(child.isAlive(), () -> "the child ended: " + log());
        assertTrue(System.nanoTime() < deadline, "the child did not take the lock in 60 s");
        Thread.sleep(20);
      }
      Future<Long> taken =
          pool.submit(
              () -> {
                try (DirectoryLock lock = FileKit.lock(cache)) {
                  return System.nanoTime();
                }
              });
      Thread.sleep(500);
      assertFalse(taken.isDone(), "this JVM took the lock while the child held it");
      long released = System.nanoTime();
      Files.writeString(release, "go");
      long at = taken.get(60, TimeUnit.SECONDS);
      assertTrue(at >= released, "taken before the child released it");
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
      assertEquals(0, child.exitValue(), this::log);
    } finally {
      pool.shutdownNow();
      child.destroyForcibly();
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("child.log"));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The other build: locks the directory, says so, and holds the lock until told to let go. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      Path cache = Path.of(args[0]);
      Path locked = Path.of(args[1]);
      Path release = Path.of(args[2]);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      try (DirectoryLock lock = FileKit.lock(cache)) {
        Files.writeString(locked, "locked");
        while (!Files.exists(release)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("never released");
          }
          Thread.sleep(20);
        }
      }
    }
  }
}
