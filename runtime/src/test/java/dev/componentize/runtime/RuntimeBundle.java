package dev.componentize.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the runtime bundle that {@code build-runtime.sh} built and linked for this module. */
final class RuntimeBundle {

  /** Surefire sets it (see the pom). */
  static final String DIR_PROPERTY = "componentize.runtime.dir";

  /** {@code scripts/run-python.sh} sets it for the launcher. */
  static final String DIR_ENV = "COMPONENTIZE_RUNTIME_DIR";

  private RuntimeBundle() {}

  /** The bundle directory, checked to be a complete bundle. */
  static Path dir() {
    String configured = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException(
          "neither system property " + DIR_PROPERTY + " nor " + DIR_ENV + " is set");
    }
    Path dir = Path.of(configured);
    if (!Files.isRegularFile(dir.resolve(".complete"))) {
      throw new IllegalStateException(
          dir + " is not a finished runtime bundle (run runtime/build-runtime.sh)");
    }
    return dir;
  }
}
