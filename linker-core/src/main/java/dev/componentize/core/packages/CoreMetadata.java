package dev.componentize.core.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of a distribution's core metadata ({@code METADATA}, the "Core metadata
 * specifications": e-mail header style {@code Key: value} lines, continuation lines starting with
 * whitespace, the header ending at the first empty line) that resolution needs.
 *
 * @param name {@code Name}
 * @param version {@code Version}
 * @param requiresDist the {@code Requires-Dist} lines (PEP 508 strings)
 * @param requiresPython {@code Requires-Python}, if given
 */
public record CoreMetadata(
    String name, String version, List<String> requiresDist, Optional<String> requiresPython) {

  public CoreMetadata {
    requiresDist = List.copyOf(requiresDist);
  }

  /**
   * Parses METADATA text.
   *
   * @throws IllegalArgumentException if Name or Version is missing
   */
  public static CoreMetadata parse(String text) {
    String name = null;
    String version = null;
    String requiresPython = null;
    List<String> requires = new ArrayList<>();
    String key = null;
    StringBuilder value = new StringBuilder();
    List<String[]> fields = new ArrayList<>();
    for (String line : text.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && key != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      if (key != null) {
        fields.add(new String[] {key, value.toString()});
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        key = null;
        continue;
      }
      key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      value = new StringBuilder(line.substring(colon + 1).strip());
    }
    if (key != null) {
      fields.add(new String[] {key, value.toString()});
    }
    for (String[] f : fields) {
      switch (f[0]) {
        case "name" -> name = f[1];
        case "version" -> version = f[1];
        case "requires-python" -> requiresPython = f[1];
        case "requires-dist" -> requires.add(f[1]);
        default -> {}
      }
    }
    if (name == null || version == null) {
      throw new IllegalArgumentException("METADATA has no " + (name == null ? "Name" : "Version"));
    }
    return new CoreMetadata(name, version, requires, Optional.ofNullable(requiresPython));
  }
}
