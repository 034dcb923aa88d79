package dev.componentize.maven;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.Componentizer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the Python bindings of the WIT world (the {@code wit_world} package with type hints and
 * {@code py.typed}, and the {@code _componentize.pyi} stub) into {@code bindingsDirectory}, so an
 * IDE offers completion and type checks before the first {@code package}. Files of an earlier run
 * that the world no longer has are removed from {@code wit_world/}.
 */
@Mojo(name = "bindings", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class BindingsMojo extends AbstractWitMojo {
  /**
   * Where the bindings are written; add it to your IDE's Python path (it is the same {@code
   * wit_world} package the component carries).
   */
  @Parameter(
      property = "componentize.bindingsDirectory",
      defaultValue = "${project.build.directory}/generated-sources/python",
      required = true)
  File bindingsDirectory;

  /** Skips the goal (the build says so). */
  @Parameter(property = "componentize.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped(skip)) {
      return;
    }
    try {
      generate();
    } catch (RuntimeException e) {
      throw Failures.internal(e, Optional.empty());
    }
  }

  private void generate() throws MojoExecutionException, MojoFailureException {
    long start = System.nanoTime();
    Map<String, String> files;
    try {
      files =
          Componentizer.pythonBindings(witDirectory.toPath(), worldName(), features(), appModule);
    } catch (ComponentizeException e) {
      // The core's message names the WIT file, the world and the fix.
      throw Failures.failure(e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          LogLines.PREFIX + "I/O error while reading the WIT files: " + e.getMessage(), e);
    }
    BindingsWriter.Outcome outcome;
    try {
      outcome = BindingsWriter.write(bindingsDirectory.toPath(), files);
    } catch (IOException e) {
      throw new MojoExecutionException(
          LogLines.PREFIX
              + "cannot write the bindings into "
              + bindingsDirectory
              + ": "
              + e.getMessage(),
          e);
    }
    Path shown = LogLines.relative(project.getBasedir().toPath(), bindingsDirectory.toPath());
    getLog()
        .info(
            LogLines.PREFIX
                + "bindings in "
                + shown
                + " ("
                + outcome.files()
                + " files, "
                + outcome.changed()
                + " written, "
                + outcome.removed()
                + " stale removed) in "
                + LogLines.seconds(Duration.ofNanos(System.nanoTime() - start)));
  }
}
