package dev.componentize.core.run;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs guest code on a thread with a deep stack. Endive's interpreter nests Java frames for every
 * wasm call, and interpreted CPython nests calls deeply (imports, the bytecode loop), so a default
 * JVM thread stack overflows.
 *
 * <p>A supervised call ({@link #call(Callable, Duration, Duration, Consumer)}) also has a limit:
 * the interpreter checks its thread's interrupt flag at every call and loop branch and then throws,
 * so interrupting the thread stops a guest that loops forever.
 */
public final class GuestThread {
  /** Enough for CPython's start-up and imports on Endive's interpreter. */
  public static final long STACK_BYTES = 64L << 20;

  /** No time limit: a century, far below the overflow of nanoseconds in a long. */
  public static final Duration UNLIMITED = Duration.ofDays(36_500);

  /** How long an interrupted guest gets to unwind before the call gives up waiting. */
  private static final Duration UNWIND = Duration.ofSeconds(10);

  private GuestThread() {}

  /** {@code body}'s result, computed on a fresh thread with {@link #STACK_BYTES} of stack. */
  public static <T> T call(Callable<T> body) throws Exception {
    return call(body, UNLIMITED, UNLIMITED, elapsed -> {});
  }

  /**
   * {@code body}'s result, computed on a fresh thread with {@link #STACK_BYTES} of stack within
   * {@code limit} (at most {@link #UNLIMITED}); {@code heartbeat} hears how long the call has run
   * every {@code every} while it runs.
   *
   * @throws TimeoutException if the limit passed first: the guest was interrupted
   */
  public static <T> T call(
      Callable<T> body, Duration limit, Duration every, Consumer<Duration> heartbeat)
      throws Exception {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result[0] = body.call();
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "componentize-guest",
            STACK_BYTES);
    // A guest stuck where the interpreter does not look at the interrupt flag must not keep the
    // JVM alive after the build has failed.
    thread.setDaemon(true);
    long start = System.nanoTime();
    long deadlineNanos = start + (limit.compareTo(UNLIMITED) > 0 ? UNLIMITED : limit).toNanos();
    long nextBeat = start + (every.compareTo(UNLIMITED) > 0 ? UNLIMITED : every).toNanos();
    thread.start();
    while (thread.isAlive()) {
      long now = System.nanoTime();
      if (now - deadlineNanos >= 0) {
        thread.interrupt();
        thread.join(UNWIND.toMillis());
        throw new TimeoutException(
            "the guest ran for " + Duration.ofNanos(now - start).toSeconds() + " s");
      }
      long wait = Math.min(deadlineNanos - now, nextBeat - now);
      if (wait > 0) {
        thread.join(Math.max(1, wait / 1_000_000));
      }
      if (thread.isAlive() && System.nanoTime() - nextBeat >= 0) {
        heartbeat.accept(Duration.ofNanos(System.nanoTime() - start));
        nextBeat += every.toNanos();
      }
    }
    if (failure[0] instanceof Exception e) {
      throw e;
    } else if (failure[0] instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }
}
