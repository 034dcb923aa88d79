package dev.componentize.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gives the files the pipeline writes a fixed modification time. CPython's import system keeps the
 * modification time of every directory it searched ({@code FileFinder}'s cache, PEP 451) and that
 * state ends up in the snapshot; the bindings and the merged site-packages are written afresh by
 * each build, so without this two builds of the same inputs would differ in those bytes.
 */
public final class FixedTimes {
  /** 1980-01-01T00:00:00Z, the earliest time a zip entry (a wheel's file) can carry. */
  public static final FileTime TIME = FileTime.from(Instant.parse("1980-01-01T00:00:00Z"));

  private FixedTimes() {}

  /** Sets {@link #TIME} on {@code root} and everything under it (links are not followed). */
  public static void apply(Path root) throws IOException {
    apply(root, new FileDigests());
  }

  /**
   * As above, keeping the digests {@code digests} knows of the files: new times are no change of
   * contents (a file linked from an unpacked wheel keeps the digest its listing check made).
   */
  public static void apply(Path root, FileDigests digests) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.forEach(
          path -> {
            try {
              Optional<String> digest =
                  Files.isRegularFile(path) ? digests.ifKnown(path) : Optional.empty();
              Files.setLastModifiedTime(path, TIME);
              if (digest.isPresent()) {
                digests.known(path, digest.get());
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
