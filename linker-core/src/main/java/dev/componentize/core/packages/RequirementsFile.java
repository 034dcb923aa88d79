package dev.componentize.core.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the common subset of pip's requirements file format: one PEP 508 requirement per line,
 * {@code #} comments (at the start or after whitespace), lines continued with a trailing {@code \},
 * and {@code -r}/{@code --requirement} including another file (relative to the including one).
 * Other options are refused with the line, since silently dropping them would resolve something
 * else than pip would.
 */
public final class RequirementsFile {
  private RequirementsFile() {}

  /**
   * @param file the requirements file
   * @param shown how to name files in origins and messages (e.g. relative to the project)
   */
  public static List<Resolver.Root> read(Path file, java.util.function.Function<Path, String> shown)
      throws PackageException, IOException {
    List<Resolver.Root> out = new ArrayList<>();
    read(file, shown, out, new HashSet<>());
    return out;
  }

  private static void read(
      Path file,
      java.util.function.Function<Path, String> shown,
      List<Resolver.Root> out,
      Set<Path> open)
      throws PackageException, IOException {
    Path real = file.toAbsolutePath().normalize();
    if (!open.add(real)) {
      throw new PackageException(null, null, shown.apply(file) + ": includes itself (-r loop)");
    }
    if (!Files.isRegularFile(file)) {
      throw new PackageException(null, null, shown.apply(file) + ": requirements file not found");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      int number = i + 1;
      StringBuilder logical = new StringBuilder(stripComment(lines.get(i)));
      while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
        logical.setLength(logical.length() - 1);
        logical.append(stripComment(lines.get(++i)));
      }
      String line = logical.toString().strip();
      String where = shown.apply(file) + ":" + number;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("-r ") || line.startsWith("--requirement")) {
        String target = line.replaceFirst("^(-r|--requirement)[ =]?", "").strip();
        read(file.toAbsolutePath().getParent().resolve(target), shown, out, open);
        continue;
      }
      if (line.startsWith("-")) {
        throw new PackageException(
            null,
            null,
            where
                + ": option '"
                + line.split("\\s+")[0]
                + "' is not supported here (only requirements, comments and -r); set index URLs"
                + " with <indexUrl>/<extraIndexUrls> in the pom");
      }
      try {
        out.add(new Resolver.Root(Requirement.parse(line), where));
      } catch (IllegalArgumentException e) {
        throw new PackageException(null, null, where + ": " + e.getMessage());
      }
    }
    open.remove(real);
  }

  private static String stripComment(String line) {
    if (line.startsWith("#")) {
      return "";
    }
    int hash = line.indexOf(" #");
    int tab = line.indexOf("\t#");
    int cut = hash < 0 ? tab : tab < 0 ? hash : Math.min(hash, tab);
    return cut < 0 ? line : line.substring(0, cut);
  }
}
