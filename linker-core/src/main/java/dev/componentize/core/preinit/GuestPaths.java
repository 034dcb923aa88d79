package dev.componentize.core.preinit;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the paths the guest saw at build time (its preopened directories, such as {@code
 * /sources/0}) back into the host paths they stand for ({@code /home/me/app/src/main/python}), so
 * that a Python traceback printed at build time names the user's files: {@code File
 * "/sources/0/app.py", line 3} becomes {@code File "/home/me/app/src/main/python/app.py", line 3}.
 * A guest directory is replaced only where it is a whole path: at the start of the text, or after a
 * quote, a space or an opening parenthesis, and followed by a slash, a quote, a space, a colon, a
 * closing parenthesis or the end.
 */
public final class GuestPaths {
  private final List<Map.Entry<String, String>> directories;
  private final Pattern pattern;

  /**
   * @param directories guest directory (absolute, no trailing slash) -> host directory
   */
  public GuestPaths(Map<String, Path> directories) {
    Objects.requireNonNull(directories, "directories");
    // Longest first, so that /sources/1 is never read as a prefix of /sources/10.
    this.directories =
        directories.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue().toString()))
            .sorted(Comparator.comparing((Map.Entry<String, String> e) -> -e.getKey().length()))
            .toList();
    StringBuilder alternatives = new StringBuilder();
    for (Map.Entry<String, String> directory : this.directories) {
      alternatives
          .append(alternatives.isEmpty() ? "" : "|")
          .append(Pattern.quote(directory.getKey()));
    }
    this.pattern =
        Pattern.compile(
            "(?<=^|[\"'\\s(])(" + alternatives + ")(?=[/\"'\\s:)]|$)", Pattern.MULTILINE);
  }

  /** {@code text} with every guest directory replaced by its host directory. */
  public String toHost(String text) {
    if (directories.isEmpty()) {
      return text;
    }
    Matcher matcher = pattern.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String guest = matcher.group(1);
      String host =
          directories.stream()
              .filter(d -> d.getKey().equals(guest))
              .findFirst()
              .orElseThrow()
              .getValue();
      matcher.appendReplacement(result, Matcher.quoteReplacement(host));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
