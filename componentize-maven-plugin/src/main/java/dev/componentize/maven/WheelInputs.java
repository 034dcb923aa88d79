package dev.componentize.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Dependency;

/**
 * Collects the wheel files of a build: the project's dependencies of type {@value #TYPE} and the
 * {@code <wheels>} entries. Only files are collected here; every check of a wheel's contents
 * (RECORD, tags, safe unpacking) is linker-core's {@code WheelFile}.
 */
final class WheelInputs {
  /** The dependency type (and file extension) of a wheel in a Maven repository (docs/wheels.md). */
  static final String TYPE = "whl";

  /** Wheels are code the component runs: compile and runtime scope, not test or provided. */
  private static final Set<String> SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);

  private WheelInputs() {}

  /**
   * The files of the resolved wheel dependencies: first those declared in the pom, in declaration
   * order (the order the user sees and controls), then wheels that came in transitively, in Maven's
   * resolution order.
   *
   * @param declared the pom's dependencies in declaration order
   * @param resolved the project's resolved artifacts
   * @throws ConfigurationException if a wheel dependency was not resolved to a file
   */
  static List<Path> fromDependencies(List<Dependency> declared, Collection<Artifact> resolved)
      throws ConfigurationException {
    Map<String, Artifact> wheels = new LinkedHashMap<>();
    for (Artifact artifact : resolved) {
      if (TYPE.equals(artifact.getType()) && SCOPES.contains(scopeOf(artifact.getScope()))) {
        wheels.put(artifact.getDependencyConflictId(), artifact);
      }
    }
    List<Artifact> ordered = new ArrayList<>();
    for (Dependency dependency : declared) {
      Artifact artifact = wheels.remove(dependency.getManagementKey());
      if (artifact != null) {
        ordered.add(artifact);
      }
    }
    ordered.addAll(wheels.values());
    List<Path> files = new ArrayList<>();
    for (Artifact artifact : ordered) {
      File file = artifact.getFile();
      if (file == null || !file.isFile()) {
        throw new ConfigurationException(
            "wheel dependency "
                + artifact.getId()
                + " was not resolved to a file; check the <dependency> coordinates (and its"
                + " <classifier>) against what was deployed with -Dpackaging=whl");
      }
      files.add(file.toPath());
    }
    return files;
  }

  /**
   * The files of the {@code <wheels>} entries, in order: a file is taken as it is, a directory
   * contributes its {@code *.whl} files in name order (not its subdirectories).
   *
   * @throws ConfigurationException if an entry does not exist or a directory holds no wheel
   */
  static List<Path> fromEntries(List<File> entries) throws ConfigurationException, IOException {
    List<Path> files = new ArrayList<>();
    for (File entry : entries) {
      Path path = entry.toPath();
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        List<Path> found;
        try (Stream<Path> list = Files.list(path)) {
          found =
              list.filter(Files::isRegularFile)
                  .filter(p -> p.getFileName().toString().endsWith("." + TYPE))
                  .sorted()
                  .toList();
        }
        if (found.isEmpty()) {
          throw new ConfigurationException(
              "<wheels> entry "
                  + path
                  + " is a directory without .whl files; put the wheels there or remove the"
                  + " entry");
        }
        files.addAll(found);
      } else {
        throw new ConfigurationException(
            "<wheels> entry "
                + path
                + " does not exist; give a wheel file or a directory of .whl files (relative"
                + " paths are resolved against the project directory)");
      }
    }
    return files;
  }

  /** Maven leaves the scope of a directly resolved artifact null; null means compile. */
  private static String scopeOf(String scope) {
    return scope == null || scope.isEmpty() ? Artifact.SCOPE_COMPILE : scope;
  }
}
