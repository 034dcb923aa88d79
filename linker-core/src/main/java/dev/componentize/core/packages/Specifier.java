package dev.componentize.core.packages;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One version clause of PEP 440 ("Version specifiers"): an operator ({@code ~= == != <= >= < >
 * ===}) and a version, {@code ==} and {@code !=} also with a trailing {@code .*} (prefix match).
 *
 * @param operator the operator
 * @param version the version text as written (for {@code ===}, compared as a string)
 * @param wildcard whether the clause ends in {@code .*}
 */
public record Specifier(String operator, String version, boolean wildcard) {
  private static final Pattern CLAUSE =
      Pattern.compile("\\s*(~=|===|==|!=|<=|>=|<|>)\\s*([^\\s,;]+?)(\\.\\*)?\\s*");

  /**
   * Parses one clause.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Specifier parse(String clause) {
    Matcher m = CLAUSE.matcher(clause);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + clause.strip() + "' is not a version specifier (e.g. >=1.2, ==2.0.*, ~=1.4)");
    }
    String op = m.group(1);
    boolean wildcard = m.group(3) != null;
    if (wildcard && !op.equals("==") && !op.equals("!=")) {
      throw new IllegalArgumentException(
          "'" + clause.strip() + "': a .* prefix match is only allowed with == and !=");
    }
    if (!op.equals("===")) {
      Version v =
          Version.tryParse(m.group(2))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'"
                              + clause.strip()
                              + "': '"
                              + m.group(2)
                              + "' is not a PEP 440 version"));
      if (op.equals("~=") && v.release().size() < 2) {
        throw new IllegalArgumentException(
            "'" + clause.strip() + "': ~= needs at least two release numbers (e.g. ~=1.4)");
      }
      if (v.hasLocal() && !op.equals("==") && !op.equals("!=")) {
        throw new IllegalArgumentException(
            "'" + clause.strip() + "': a local version label is only allowed with == and !=");
      }
    }
    return new Specifier(op, m.group(2), wildcard);
  }

  /** Whether the clause names a pre-release (which lets pre-releases match, PEP 440). */
  public boolean namesPrerelease() {
    return !operator.equals("===")
        && !operator.equals("!=")
        && Version.tryParse(version).map(Version::isPrerelease).orElse(false);
  }

  /** Whether the candidate satisfies this clause (pre-release policy aside). */
  public boolean matches(Version candidate) {
    if (operator.equals("===")) {
      return candidate.toString().equalsIgnoreCase(version.strip());
    }
    Version v = Version.parse(version);
    return switch (operator) {
      case "==" -> equal(v, candidate);
      case "!=" -> !equal(v, candidate);
      case "~=" -> compatible(v, candidate);
      case "<=" -> candidate.public_().compareTo(v) <= 0;
      case ">=" -> candidate.public_().compareTo(v) >= 0;
      case "<" -> less(v, candidate);
      case ">" -> greater(v, candidate);
      default -> throw new IllegalStateException(operator);
    };
  }

  private boolean equal(Version v, Version candidate) {
    if (wildcard) {
      return prefixMatch(v, candidate);
    }
    // Without a local label in the clause, the candidate's local label is ignored.
    return v.hasLocal() ? candidate.equals(v) : candidate.public_().equals(v);
  }

  /** {@code ==1.4.*}: same epoch, release padded with zeros starts with 1.4. */
  private static boolean prefixMatch(Version prefix, Version candidate) {
    if (!prefix.epoch().equals(candidate.epoch())) {
      return false;
    }
    List<BigInteger> p = prefix.release();
    List<BigInteger> c = candidate.release();
    for (int i = 0; i < p.size(); i++) {
      BigInteger ci = i < c.size() ? c.get(i) : BigInteger.ZERO;
      if (!p.get(i).equals(ci)) {
        return false;
      }
    }
    return true;
  }

  /** {@code ~=1.4.5} means {@code >=1.4.5, ==1.4.*}. */
  private static boolean compatible(Version v, Version candidate) {
    if (candidate.public_().compareTo(v) < 0) {
      return false;
    }
    List<BigInteger> r = v.release();
    StringBuilder prefix = new StringBuilder();
    if (v.epoch().signum() != 0) {
      prefix.append(v.epoch()).append('!');
    }
    for (int i = 0; i < r.size() - 1; i++) {
      prefix.append(i == 0 ? "" : ".").append(r.get(i));
    }
    return prefixMatch(Version.parse(prefix.toString()), candidate);
  }

  /** {@code <V} excludes pre-releases of V itself unless V is one. */
  private static boolean less(Version v, Version candidate) {
    Version c = candidate.public_();
    if (c.compareTo(v) >= 0) {
      return false;
    }
    return v.isPrerelease() || !c.isPrerelease() || !c.base().equals(v.base());
  }

  /** {@code >V} excludes post-releases of V unless V is one, and local versions of V. */
  private static boolean greater(Version v, Version candidate) {
    Version c = candidate.public_();
    if (c.compareTo(v) <= 0) {
      return false;
    }
    if (!v.isPostRelease() && c.isPostRelease() && c.base().equals(v.base())) {
      return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return operator + version + (wildcard ? ".*" : "");
  }
}
