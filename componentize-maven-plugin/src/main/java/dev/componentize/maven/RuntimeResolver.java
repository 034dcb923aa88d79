package dev.componentize.maven;

import dev.componentize.core.abi.RuntimeBundle;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Finds the runtime bundle a goal works with: {@code <runtimeDirectory>} if set, else the {@code
 * <runtimeArtifact>} jar resolved through Maven's repositories and unpacked (once per jar) into a
 * directory of the build. The componentize and wheel goals share it, so both use the same runtime.
 */
final class RuntimeResolver {
  private RuntimeResolver() {}

  /**
   * The bundle directory.
   *
   * @param runtimeDirectory an unpacked bundle, or null
   * @param runtimeArtifact {@code groupId:artifactId:version} of the runtime jar
   * @param pluginVersion for the example in the message about bad coordinates
   * @param unpackInto where the jar is unpacked
   */
  static Path bundle(
      File runtimeDirectory,
      String runtimeArtifact,
      String pluginVersion,
      Path unpackInto,
      MavenProject project,
      RepositorySystem repositorySystem,
      RepositorySystemSession repositorySession,
      Log log)
      throws ConfigurationException, IOException {
    if (runtimeDirectory != null) {
      if (!Files.isRegularFile(runtimeDirectory.toPath().resolve(RuntimeBundle.MANIFEST))) {
        throw new ConfigurationException(
            "<runtimeDirectory> "
                + runtimeDirectory
                + " is not an unpacked runtime bundle (no "
                + RuntimeBundle.MANIFEST
                + "); point it at one or"
                + " remove it to use <runtimeArtifact>");
      }
      return runtimeDirectory.toPath();
    }
    DefaultArtifact coordinates;
    try {
      coordinates = new DefaultArtifact(runtimeArtifact.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "<runtimeArtifact> '"
              + runtimeArtifact
              + "' is not groupId:artifactId:version (e.g. dev.componentize:componentize-runtime:"
              + pluginVersion
              + ")",
          e);
    }
    Path jar;
    try {
      jar =
          repositorySystem
              .resolveArtifact(
                  repositorySession, new ArtifactRequest(coordinates, repositories(project), null))
              .getArtifact()
              .getFile()
              .toPath();
    } catch (ArtifactResolutionException e) {
      throw new ConfigurationException(
          "<runtimeArtifact> "
              + runtimeArtifact
              + " cannot be resolved: "
              + e.getMessage()
              + "; check the coordinates and the repositories (or build offline only after it"
              + " was downloaded once)",
          e);
    }
    if (RuntimeBundleUnpacker.unpack(jar, unpackInto, runtimeArtifact)) {
      log.debug(LogLines.PREFIX + "unpacked " + jar + " into " + unpackInto);
    }
    return unpackInto;
  }

  /** The project's repositories, then the plugin repositories (where the runtime usually is). */
  private static List<RemoteRepository> repositories(MavenProject project) {
    Map<String, RemoteRepository> byId = new LinkedHashMap<>();
    for (RemoteRepository repository : project.getRemoteProjectRepositories()) {
      byId.putIfAbsent(repository.getId(), repository);
    }
    for (RemoteRepository repository : project.getRemotePluginRepositories()) {
      byId.putIfAbsent(repository.getId(), repository);
    }
    return List.copyOf(byId.values());
  }
}
