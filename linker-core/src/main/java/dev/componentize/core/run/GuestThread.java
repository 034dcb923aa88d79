package dev.componentize.core.run;

import java.util.concurrent.Callable;

/**
 * Runs guest code on a thread with a deep stack. Endive's interpreter nests Java frames for every
 * wasm call, and interpreted CPython nests calls deeply (imports, the bytecode loop), so a default
 * JVM thread stack overflows.
 */
public final class GuestThread {
  /** Enough for CPython's start-up and imports on Endive's interpreter. */
  public static final long STACK_BYTES = 64L << 20;

  private GuestThread() {}

  /** {@code body}'s result, computed on a fresh thread with {@link #STACK_BYTES} of stack. */
  public static <T> T call(Callable<T> body) throws Exception {
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
    thread.start();
    thread.join();
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
