package dev.componentize.core.build;

/** What to tell the user when the JVM runs out of heap during a build. */
public final class HeapAdvice {
  private HeapAdvice() {}

  /**
   * {@code "the JVM's maximum heap is 1024 MB; give it more memory, e.g. MAVEN_OPTS=-Xmx4g for
   * Maven"}: twice the current maximum, at least 4 GB.
   */
  public static String text() {
    long maxMegabytes = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    long suggested = Math.max(4, (2 * maxMegabytes + 1023) / 1024);
    return "the JVM's maximum heap is "
        + maxMegabytes
        + " MB; give it more memory, e.g. MAVEN_OPTS=-Xmx"
        + suggested
        + "g for Maven";
  }
}
