package dev.componentize.core.packages;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version as PEP 440 defines it: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}, parsed
 * with the normalisations of PEP 440 "Normalization" (case, {@code alpha/beta/c/pre/preview}
 * spellings, separators {@code . - _}, implicit numbers, {@code v} prefix, {@code -N} as a post
 * release) and ordered by the rules of "Summary of permitted suffixes and relative ordering": dev
 * releases before pre-releases before the release before post-releases; trailing zeros of the
 * release segment do not count ({@code 1.0 == 1.0.0}).
 */
public final class Version implements Comparable<Version> {
  private static final Pattern PATTERN =
      Pattern.compile(
          "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(?<pre>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
              + "(?<post>-(?<postImplicit>[0-9]+)|[-_.]?(?:post|rev|r)[-_.]?(?<postN>[0-9]+)?)?"
              + "(?:[-_.]?(?<dev>dev)[-_.]?(?<devN>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
          Pattern.CASE_INSENSITIVE);

  private final BigInteger epoch;
  private final List<BigInteger> release;
  private final String preLabel; // a, b, rc or null
  private final BigInteger preNumber;
  private final BigInteger post; // null if none
  private final BigInteger dev; // null if none
  private final String local; // normalised, or null
  private final String text;

  private Version(
      BigInteger epoch,
      List<BigInteger> release,
      String preLabel,
      BigInteger preNumber,
      BigInteger post,
      BigInteger dev,
      String local) {
    this.epoch = epoch;
    this.release = List.copyOf(release);
    this.preLabel = preLabel;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = local;
    this.text = render();
  }

  /** Parses a version, or returns empty if it is not a PEP 440 version (legacy versions). */
  public static Optional<Version> tryParse(String s) {
    String t = s.strip();
    Matcher m = PATTERN.matcher(t);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigInteger epoch =
        m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
    List<BigInteger> release = new ArrayList<>();
    for (String part : m.group("release").split("\\.")) {
      release.add(new BigInteger(part));
    }
    String pre = null;
    BigInteger preN = null;
    if (m.group("pre") != null) {
      pre =
          switch (m.group("pre").toLowerCase(Locale.ROOT)) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc";
          };
      preN = m.group("preN") == null ? BigInteger.ZERO : new BigInteger(m.group("preN"));
    }
    BigInteger post = null;
    if (m.group("postImplicit") != null) {
      post = new BigInteger(m.group("postImplicit"));
    } else if (m.group("postN") != null) {
      post = new BigInteger(m.group("postN"));
    } else if (m.group("post") != null) {
      post = BigInteger.ZERO;
    }
    BigInteger dev = null;
    if (m.group("dev") != null) {
      dev = m.group("devN") == null ? BigInteger.ZERO : new BigInteger(m.group("devN"));
    }
    String local =
        m.group("local") == null
            ? null
            : m.group("local").toLowerCase(Locale.ROOT).replaceAll("[-_]", ".");
    return Optional.of(new Version(epoch, release, pre, preN, post, dev, local));
  }

  /**
   * Parses a version.
   *
   * @throws IllegalArgumentException if it is not a PEP 440 version
   */
  public static Version parse(String s) {
    return tryParse(s)
        .orElseThrow(() -> new IllegalArgumentException("'" + s + "' is not a PEP 440 version"));
  }

  /**
   * Whether this is a pre-release or a development release (PEP 440 "Handling of pre-releases").
   */
  public boolean isPrerelease() {
    return preLabel != null || dev != null;
  }

  /** Whether this is a development release. */
  public boolean isDevRelease() {
    return dev != null;
  }

  /** Whether this is a post-release. */
  public boolean isPostRelease() {
    return post != null;
  }

  /** Whether it has a local version label ({@code +...}). */
  public boolean hasLocal() {
    return local != null;
  }

  BigInteger epoch() {
    return epoch;
  }

  /** The release segment, e.g. [1, 2, 0] for 1.2.0. */
  List<BigInteger> release() {
    return release;
  }

  /** This version without its local label. */
  public Version public_() {
    return local == null ? this : new Version(epoch, release, preLabel, preNumber, post, dev, null);
  }

  /** This version's release segment only (no pre, post, dev or local part), epoch kept. */
  Version base() {
    return new Version(epoch, release, null, null, null, null, null);
  }

  @Override
  public int compareTo(Version o) {
    int c = epoch.compareTo(o.epoch);
    if (c != 0) {
      return c;
    }
    int n = Math.max(release.size(), o.release.size());
    for (int i = 0; i < n; i++) {
      BigInteger a = i < release.size() ? release.get(i) : BigInteger.ZERO;
      BigInteger b = i < o.release.size() ? o.release.get(i) : BigInteger.ZERO;
      c = a.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c != 0) {
      return c;
    }
    if (preLabel != null) {
      c = preNumber.compareTo(o.preNumber);
      if (c != 0) {
        return c;
      }
    }
    // No post release sorts before any post release.
    c = compareNullsFirst(post, o.post);
    if (c != 0) {
      return c;
    }
    // A dev release sorts before the same version without one.
    c = compareNullsLast(dev, o.dev);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  /**
   * Rank of the pre-release part: a lone dev release (1.0.dev1) sorts before every pre-release of
   * the same release; then a, b, rc; then the final release (and post releases).
   */
  private int preRank() {
    if (preLabel == null) {
      return dev != null && post == null ? -1 : 3;
    }
    return switch (preLabel) {
      case "a" -> 0;
      case "b" -> 1;
      default -> 2;
    };
  }

  private static int compareNullsFirst(BigInteger a, BigInteger b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  private static int compareNullsLast(BigInteger a, BigInteger b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }

  /** Local labels: none sorts first; numeric segments above alphanumeric ones (PEP 440). */
  private static int compareLocal(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xn = x[i].matches("[0-9]+");
      boolean yn = y[i].matches("[0-9]+");
      int c;
      if (xn && yn) {
        c = new BigInteger(x[i]).compareTo(new BigInteger(y[i]));
      } else if (xn != yn) {
        c = xn ? 1 : -1;
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    // Equal versions may differ in trailing zeros; hash what compareTo looks at without them.
    int end = release.size();
    while (end > 1 && release.get(end - 1).signum() == 0) {
      end--;
    }
    return java.util.Objects.hash(
        epoch, release.subList(0, end), preLabel, preNumber, post, dev, local);
  }

  private String render() {
    StringBuilder b = new StringBuilder();
    if (epoch.signum() != 0) {
      b.append(epoch).append('!');
    }
    for (int i = 0; i < release.size(); i++) {
      b.append(i == 0 ? "" : ".").append(release.get(i));
    }
    if (preLabel != null) {
      b.append(preLabel).append(preNumber);
    }
    if (post != null) {
      b.append(".post").append(post);
    }
    if (dev != null) {
      b.append(".dev").append(dev);
    }
    if (local != null) {
      b.append('+').append(local);
    }
    return b.toString();
  }

  /** The normalised form (PEP 440 "Normalization"), e.g. {@code 1.0rc1.post2.dev3+ubuntu.1}. */
  @Override
  public String toString() {
    return text;
  }
}
