package dev.componentize.core.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A comma-separated list of {@link Specifier} clauses, all of which must hold (PEP 440). An empty
 * set allows every version. Pre-releases match only when asked for or when a clause names one
 * ("Handling of pre-releases").
 */
public record SpecifierSet(List<Specifier> clauses) {

  /** The set that allows every version. */
  public static final SpecifierSet ANY = new SpecifierSet(List.of());

  public SpecifierSet {
    clauses = List.copyOf(clauses);
  }

  /**
   * Parses {@code >=1.0,<2} (whitespace allowed).
   *
   * @throws IllegalArgumentException saying which clause is wrong
   */
  public static SpecifierSet parse(String text) {
    if (text.isBlank()) {
      return ANY;
    }
    List<Specifier> clauses = new ArrayList<>();
    for (String clause : text.split(",", -1)) {
      clauses.add(Specifier.parse(clause));
    }
    return new SpecifierSet(clauses);
  }

  /** Whether every clause holds, with pre-releases allowed only if asked or named in a clause. */
  public boolean contains(Version version, boolean allowPrereleases) {
    if (version.isPrerelease()
        && !allowPrereleases
        && clauses.stream().noneMatch(Specifier::namesPrerelease)) {
      return false;
    }
    return clauses.stream().allMatch(c -> c.matches(version));
  }

  /** The intersection of two sets (all clauses of both). */
  public SpecifierSet and(SpecifierSet other) {
    List<Specifier> all = new ArrayList<>(clauses);
    all.addAll(other.clauses);
    return new SpecifierSet(all);
  }

  /** Whether it pins one exact version ({@code ==V} without wildcard, or {@code ===V}). */
  public boolean isPinned() {
    return clauses.stream()
        .anyMatch(c -> (c.operator().equals("==") && !c.wildcard()) || c.operator().equals("==="));
  }

  @Override
  public String toString() {
    return clauses.stream().map(Specifier::toString).collect(Collectors.joining(","));
  }
}
