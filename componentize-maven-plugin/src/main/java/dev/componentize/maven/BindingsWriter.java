package dev.componentize.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes generated binding files into a directory an IDE reads: a file whose content is unchanged
 * is left alone (so the IDE does not re-index it), and files under {@value #PACKAGE}/ that the new
 * bindings no longer have (an interface removed from the world) are deleted. Nothing outside
 * {@value #PACKAGE}/ is deleted: the directory may hold other generated sources.
 */
final class BindingsWriter {
  /** The generated package; every file in it is the writer's. */
  static final String PACKAGE = "wit_world";

  private BindingsWriter() {}

  /**
   * What a write did.
   *
   * @param files files the bindings have
   * @param changed files written because they were new or different
   * @param removed stale files deleted from {@value #PACKAGE}/
   */
  record Outcome(int files, int changed, int removed) {}

  static Outcome write(Path directory, Map<String, String> files) throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    Set<Path> written = new HashSet<>();
    int changed = 0;
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey()).normalize();
      if (!path.startsWith(root) || path.equals(root)) {
        throw new IllegalStateException("generated binding path escapes: " + file.getKey());
      }
      written.add(path);
      byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
      if (Files.isRegularFile(path) && Arrays.equals(Files.readAllBytes(path), content)) {
        continue;
      }
      Files.createDirectories(path.getParent());
      Files.write(path, content);
      changed++;
    }
    int removed = removeStale(root.resolve(PACKAGE), written);
    return new Outcome(files.size(), changed, removed);
  }

  private static int removeStale(Path pkg, Set<Path> keep) throws IOException {
    if (!Files.isDirectory(pkg)) {
      return 0;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(pkg)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    int removed = 0;
    for (Path path : all) {
      if (Files.isDirectory(path)) {
        if (!path.equals(pkg) && isEmpty(path)) {
          Files.delete(path);
        }
      } else if (!keep.contains(path)) {
        Files.delete(path);
        removed++;
      }
    }
    return removed;
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.findAny().isEmpty();
    }
  }
}
