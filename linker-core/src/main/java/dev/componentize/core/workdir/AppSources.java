package dev.componentize.core.workdir;

import dev.componentize.core.files.FileDigests;
import dev.componentize.core.files.FixedTimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the app's Python source directories into the work directory with {@link FixedTimes}, so
 * that what the guest sees at build time does not depend on when the sources were checked out.
 * CPython's import system keeps the modification times of the directories it searched, and those
 * bytes end up in the snapshot: two clean clones of the same commit must give the same component.
 * {@code __pycache__} directories are left out (bytecode of the host's Python, checked against the
 * host's file times).
 */
public final class AppSources {
  private AppSources() {}

  /**
   * Copies each of {@code sources} to {@code target/<index>} and returns those copies in order;
   * {@code target} is emptied first.
   */
  public static List<Path> copy(List<Path> sources, Path target) throws IOException {
    return copy(sources, target, new FileDigests());
  }

  /**
   * As above, telling {@code digests} that each copied file has its original's digest where it
   * knows that (the up-to-date check hashed the sources), so the copies are not read again.
   */
  public static List<Path> copy(List<Path> sources, Path target, FileDigests digests)
      throws IOException {
    List<Path> copies = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Path source = sources.get(i).toAbsolutePath();
      Path copy = target.resolve(Integer.toString(i));
      Files.createDirectories(copy);
      try (Stream<Path> paths = Files.walk(source)) {
        paths
            .filter(p -> !isBytecodeCache(source.relativize(p)))
            .sorted()
            .forEach(p -> copyOne(p, copy.resolve(source.relativize(p).toString())));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      FixedTimes.apply(copy);
      for (Path original : files(source)) {
        digests.copied(original, copy.resolve(source.relativize(original).toString()));
      }
      copies.add(copy);
    }
    return copies;
  }

  /** The regular files under {@code source} that {@link #copy} copies. */
  private static List<Path> files(Path source) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      return paths
          .filter(p -> Files.isRegularFile(p) && !isBytecodeCache(source.relativize(p)))
          .toList();
    }
  }

  private static boolean isBytecodeCache(Path relative) {
    for (Path name : relative) {
      if (name.toString().equals("__pycache__")) {
        return true;
      }
    }
    return false;
  }

  private static void copyOne(Path from, Path to) {
    try {
      if (Files.isDirectory(from)) {
        Files.createDirectories(to);
      } else {
        Files.copy(from, to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
