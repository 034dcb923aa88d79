package dev.componentize.core.packages;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dependency specification of PEP 508: {@code name[extra,...] specifiers ; marker}, e.g. {@code
 * requests[socks]>=2.8.1,==2.8.* ; python_version < "3.14"}. Direct URL references ({@code name @
 * url}) are refused: a lock needs an index's file list and hashes.
 *
 * @param name the project name as written
 * @param extras the extras asked for, normalised
 * @param specifiers the version clauses (empty: any version)
 * @param marker the environment marker, if any
 */
public record Requirement(
    String name, Set<String> extras, SpecifierSet specifiers, Optional<Marker> marker) {

  private static final Pattern NAME =
      Pattern.compile("\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*");

  public Requirement {
    extras = Set.copyOf(extras);
  }

  /**
   * Parses one requirement.
   *
   * @throws IllegalArgumentException saying what is wrong (the caller adds where it came from)
   */
  public static Requirement parse(String text) {
    String spec = text;
    Optional<Marker> marker = Optional.empty();
    int semicolon = text.indexOf(';');
    if (semicolon >= 0) {
      spec = text.substring(0, semicolon);
      marker = Optional.of(Marker.parse(text.substring(semicolon + 1)));
    }
    Matcher m = NAME.matcher(spec);
    if (!m.lookingAt()) {
      throw new IllegalArgumentException(
          "'" + text.strip() + "' does not start with a project name (e.g. attrs>=24.2)");
    }
    String name = m.group(1);
    String rest = spec.substring(m.end());
    Set<String> extras = new LinkedHashSet<>();
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text.strip() + "': missing ']' after the extras");
      }
      for (String extra : rest.substring(1, close).split(",")) {
        if (!extra.isBlank()) {
          if (!NAME.matcher(extra).matches()) {
            throw new IllegalArgumentException(
                "'" + text.strip() + "': '" + extra.strip() + "' is not an extra's name");
          }
          extras.add(normalize(extra.strip()));
        }
      }
      rest = rest.substring(close + 1);
    }
    rest = rest.strip();
    if (rest.startsWith("@")) {
      throw new IllegalArgumentException(
          "'"
              + text.strip()
              + "': direct URL references (name @ url) are not supported; name a version the"
              + " package index has (e.g. "
              + name
              + "==1.0)");
    }
    if (rest.startsWith("(") && rest.endsWith(")")) {
      rest = rest.substring(1, rest.length() - 1);
    }
    SpecifierSet specifiers;
    try {
      specifiers = SpecifierSet.parse(rest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text.strip() + "': " + e.getMessage(), e);
    }
    return new Requirement(name, extras, specifiers, marker);
  }

  /** The name normalised as PEP 503 does: lower case, runs of {@code -_.} as one {@code -}. */
  public static String normalize(String name) {
    return name.strip().replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }

  /** This requirement's normalised name. */
  public String key() {
    return normalize(name);
  }

  /**
   * Whether it applies in the environment (no marker, or the marker holds).
   *
   * @param extras the extras of the requiring package being installed
   */
  public boolean appliesTo(Map<String, String> environment, Set<String> extras) {
    return marker.map(m -> m.evaluate(environment, extras)).orElse(true);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name);
    if (!extras.isEmpty()) {
      b.append('[').append(String.join(",", extras.stream().sorted().toList())).append(']');
    }
    b.append(specifiers);
    marker.ifPresent(m -> b.append("; ").append(m));
    return b.toString();
  }
}
