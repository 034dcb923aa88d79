package dev.componentize.core.build;

import java.time.Duration;

/**
 * Hears about a build while it runs, so that a front end (the Maven plugin's log) can print each
 * line when it happens: a slow or failing build shows how far it got. Called on the build's thread,
 * except {@link #progress}, which pre-initialization may call from the thread that runs the guest;
 * an implementation must not throw.
 */
public interface BuildListener {
  /** A listener that ignores everything. */
  BuildListener NONE = new BuildListener() {};

  /** {@code stage} starts. */
  default void stageStarted(Stage stage) {}

  /** {@code timing}'s stage finished, with its summary. */
  default void stageFinished(StageTiming timing) {}

  /** {@code stage} failed after {@code elapsed}; the build ends with {@code cause}. */
  default void stageFailed(Stage stage, Duration elapsed, Throwable cause) {}

  /**
   * Progress inside a long stage: a phase of pre-initialization that ended ({@code "parse 2.1 s"}),
   * or that one is still running ({@code "import from src/main/python, 20 s so far"}).
   */
  default void progress(Stage stage, String message) {}

  /** Something the user should know that does not stop the build (a relaxed toolchain finding). */
  default void warning(String message) {}
}
