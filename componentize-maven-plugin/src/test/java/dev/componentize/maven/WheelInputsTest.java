package dev.componentize.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Dependency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelInputsTest {
  @TempDir Path dir;

  private Path file(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, name);
    return file;
  }

  private Artifact artifact(String artifactId, String type, String scope) throws IOException {
    DefaultArtifact artifact =
        new DefaultArtifact(
            "com.example", artifactId, "1.0", scope, type, null, new DefaultArtifactHandler(type));
    artifact.setFile(file("repo/" + artifactId + "-1.0." + type).toFile());
    return artifact;
  }

  private static Dependency declared(String artifactId, String type) {
    Dependency dependency = new Dependency();
    dependency.setGroupId("com.example");
    dependency.setArtifactId(artifactId);
    dependency.setVersion("1.0");
    dependency.setType(type);
    return dependency;
  }

  private static List<String> names(List<Path> files) {
    List<String> names = new ArrayList<>();
    files.forEach(f -> names.add(f.getFileName().toString()));
    return names;
  }

  @Test
  void dependencyWheelsComeInPomOrderThenTransitiveOnes() throws Exception {
    // Maven's resolution order differs from the declaration order on purpose.
    List<Artifact> resolved =
        List.of(
            artifact("alpha", "whl", "compile"),
            artifact("transitive", "whl", "runtime"),
            artifact("library", "jar", "compile"),
            artifact("beta", "whl", "runtime"),
            artifact("tests-only", "whl", "test"),
            artifact("container", "whl", "provided"));
    List<Dependency> pom =
        List.of(
            declared("beta", "whl"),
            declared("library", "jar"),
            declared("alpha", "whl"),
            declared("tests-only", "whl"),
            declared("container", "whl"));
    assertEquals(
        List.of("beta-1.0.whl", "alpha-1.0.whl", "transitive-1.0.whl"),
        names(WheelInputs.fromDependencies(pom, resolved)));
  }

  @Test
  void anUnresolvedWheelDependencyIsReported() throws Exception {
    Artifact missing = artifact("gone", "whl", "compile");
    missing.setFile(null);
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> WheelInputs.fromDependencies(List.of(declared("gone", "whl")), List.of(missing)));
    assertTrue(
        e.getMessage().startsWith("wheel dependency com.example:gone:whl:1.0"), e.getMessage());
  }

  @Test
  void entriesTakeFilesAsTheyAreAndDirectoriesInNameOrder() throws Exception {
    Path single = file("single/zeta-1.0-py3-none-any.whl");
    file("wheels/b-1.0-py3-none-any.whl");
    file("wheels/a-1.0-py3-none-any.whl");
    file("wheels/readme.txt");
    file("wheels/nested/c-1.0-py3-none-any.whl");
    List<Path> files =
        WheelInputs.fromEntries(List.of(single.toFile(), dir.resolve("wheels").toFile()));
    assertEquals(
        List.of("zeta-1.0-py3-none-any.whl", "a-1.0-py3-none-any.whl", "b-1.0-py3-none-any.whl"),
        names(files));
  }

  @Test
  void aMissingEntryNamesTheElement() {
    File missing = dir.resolve("nope.whl").toFile();
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> WheelInputs.fromEntries(List.of(missing)));
    assertEquals(
        "<wheels> entry "
            + missing
            + " does not exist; give a wheel file or a directory of .whl files (relative paths"
            + " are resolved against the project directory)",
        e.getMessage());
  }

  @Test
  void aDirectoryWithoutWheelsIsReported() throws Exception {
    file("empty/notes.txt");
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> WheelInputs.fromEntries(List.of(dir.resolve("empty").toFile())));
    assertTrue(e.getMessage().contains("is a directory without .whl files"), e.getMessage());
  }
}
