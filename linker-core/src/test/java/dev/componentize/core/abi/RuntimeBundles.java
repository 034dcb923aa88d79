package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runtime bundle runtime/build-runtime.sh built, if there is one: the system property {@code
 * componentize.runtime.dir}, else the {@code runtime/target/runtime} link the runtime module's
 * build makes. Tests that need it are skipped (not passed) without it.
 */
final class RuntimeBundles {
  static final String DIR_PROPERTY = "componentize.runtime.dir";

  private RuntimeBundles() {}

  static Path assumeBuilt() {
    String configured = System.getProperty(DIR_PROPERTY);
    Path dir =
        configured == null || configured.isBlank()
            ? Path.of("../runtime/target/runtime")
            : Path.of(configured);
    assumeTrue(
        Files.isRegularFile(dir.resolve(".complete")),
        "no finished runtime bundle at " + dir + " (run runtime/build-runtime.sh)");
    return dir;
  }
}
