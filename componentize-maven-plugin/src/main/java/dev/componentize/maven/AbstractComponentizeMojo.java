package dev.componentize.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;

/**
 * What every goal of the plugin has: the project, Maven's repository system and project helper
 * (components, not parameters), and the steps several goals take the same way: saying that the goal
 * is skipped, finding the runtime bundle (the one caller of {@link RuntimeResolver}) and attaching
 * an output.
 *
 * <p>The runtime's parameters ({@code runtimeArtifact}, {@code runtimeDirectory}) are taken by
 * componentize, lock (through {@link AbstractPackagesMojo}) and wheel, not by bindings; the WIT
 * parameters ({@link AbstractWitMojo}) by componentize, lock and bindings, not by wheel. Maven
 * describes a goal with the parameters of its class and its superclasses only, and these two sets
 * overlap without one containing the other, so no class between this one and the goals can hold
 * both: the runtime's fields are declared in {@link AbstractPackagesMojo} and {@link WheelMojo},
 * with their names and defaults from the constants here, so the two declarations cannot drift.
 */
abstract class AbstractComponentizeMojo extends AbstractMojo {
  /** The property of {@code runtimeArtifact}. */
  static final String RUNTIME_ARTIFACT_PROPERTY = "componentize.runtimeArtifact";

  /** The default runtime: the bundle released with this plugin version. */
  static final String RUNTIME_ARTIFACT_DEFAULT =
      "dev.componentize:componentize-runtime:${plugin.version}";

  /** The property of {@code runtimeDirectory}. */
  static final String RUNTIME_DIRECTORY_PROPERTY = "componentize.runtimeDirectory";

  /** The project, for its base directory and artifacts. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Component RepositorySystem repositorySystem;

  @Component MavenProjectHelper projectHelper;

  /** Whether the goal is skipped ({@code skip}); says so in the log. */
  boolean skipped(boolean skip) {
    if (skip) {
      getLog().info(LogLines.PREFIX + "skipped (<skip> is true)");
    }
    return skip;
  }

  /**
   * The runtime bundle directory: {@code runtimeDirectory} if set, else the {@code runtimeArtifact}
   * jar resolved and unpacked into {@code workDirectory/runtime}.
   *
   * @param pluginVersion for the example in the message about bad coordinates
   */
  Path runtimeBundle(
      File runtimeDirectory,
      String runtimeArtifact,
      String pluginVersion,
      File workDirectory,
      RepositorySystemSession repositorySession)
      throws ConfigurationException, IOException {
    return RuntimeResolver.bundle(
        runtimeDirectory,
        runtimeArtifact,
        pluginVersion,
        workDirectory.toPath().resolve("runtime"),
        project,
        repositorySystem,
        repositorySession,
        getLog());
  }

  /** Attaches {@code file} to the project as {@code type}, when {@code attach} is true. */
  void attach(boolean attach, String type, String classifier, Path file) {
    if (attach) {
      projectHelper.attachArtifact(
          project,
          type,
          classifier == null || classifier.isBlank() ? null : classifier,
          file.toFile());
    }
  }
}
