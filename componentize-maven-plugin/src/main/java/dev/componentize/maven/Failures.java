package dev.componentize.maven;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.InvalidConfigurationException;
import dev.componentize.core.build.HeapAdvice;
import dev.componentize.core.build.Stage;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The plugin's one rule at the pipeline's boundary: a problem with the user's input is a {@link
 * MojoFailureException} whose message says where (the core's messages name the file or element);
 * anything else is a bug of ours, reported as an internal error that asks to be reported, with the
 * cause attached (never a bare Java message).
 */
final class Failures {
  /** Where to report a bug, in the message of an internal error. */
  static final String REPORT =
      "this is a bug in componentize-maven; please report it with this build's log (run with -e"
          + " for the stack trace)";

  private Failures() {}

  /**
   * The one mapping of a build error, which every goal uses: the message of a {@link
   * ComponentizeException} already names the file or element at fault and the fix (the ITs assert
   * it verbatim in build.log), so it is passed on unchanged; a configuration value the core
   * rejected is prefixed with the pom element it came from.
   */
  static MojoFailureException failure(ComponentizeException e) {
    if (e instanceof InvalidConfigurationException invalid) {
      return new MojoFailureException("<" + invalid.field() + ">: " + e.getMessage(), e);
    }
    return new MojoFailureException(e.getMessage(), e);
  }

  /** An exception nobody expected, in {@code stage} if one was running. */
  static MojoExecutionException internal(RuntimeException e, Optional<Stage> stage) {
    return new MojoExecutionException(
        LogLines.PREFIX
            + "internal error"
            + stage.map(s -> " in stage '" + s.label() + "'").orElse("")
            + ": "
            + e
            + "; "
            + REPORT,
        e);
  }

  /** The JVM ran out of heap, in {@code stage} if one was running. */
  static MojoExecutionException outOfMemory(OutOfMemoryError e, Optional<Stage> stage) {
    return new MojoExecutionException(
        LogLines.PREFIX
            + "ran out of Java heap"
            + stage.map(s -> " in stage '" + s.label() + "'").orElse("")
            + "; "
            + HeapAdvice.text(),
        e);
  }
}
