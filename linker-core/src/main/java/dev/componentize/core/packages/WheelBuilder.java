package dev.componentize.core.packages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a source distribution into a wheel for the runtime (PEP 517), for a release that has no
 * wheel that fits.
 */
public interface WheelBuilder {
  /**
   * The wheel built from {@code sdistFile} (already verified against {@code sdist}'s sha256), or
   * the one built from it before.
   *
   * @param key the package's normalised name
   * @throws PackageException naming the package when it cannot be built, with what to do
   */
  Path build(String key, IndexFile sdist, Path sdistFile) throws PackageException, IOException;

  /** The wheel built from {@code sdist} before, if it is still there (nothing is run). */
  Optional<Path> built(IndexFile sdist) throws IOException;
}
