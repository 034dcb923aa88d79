package dev.componentize.core.packages;

import dev.componentize.core.ComponentizeException;
import java.util.Optional;

/**
 * A package that cannot be resolved, fetched, verified or locked, for a reason the user (or the
 * index's operator) can act on. The message names the package and, when one was involved, the URL;
 * it is complete on its own (no stack trace needed).
 */
public final class PackageException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  private final String packageName;
  private final String url;

  /**
   * @param packageName the distribution concerned, or {@code null} when none is (e.g. a lock file
   *     that does not parse)
   * @param url the URL that was asked, or {@code null}
   * @param problem what is wrong and what to do
   */
  public PackageException(String packageName, String url, String problem) {
    super(compose(packageName, url, problem));
    this.packageName = packageName;
    this.url = url;
  }

  public PackageException(String packageName, String url, String problem, Throwable cause) {
    super(compose(packageName, url, problem), cause);
    this.packageName = packageName;
    this.url = url;
  }

  /** The distribution concerned, if any. */
  public Optional<String> packageName() {
    return Optional.ofNullable(packageName);
  }

  /** The URL concerned, if any. */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  private static String compose(String packageName, String url, String problem) {
    StringBuilder b = new StringBuilder();
    if (packageName != null) {
      b.append("package '").append(packageName).append("'");
    }
    if (url != null) {
      b.append(b.length() == 0 ? "" : " ").append("(").append(url).append(")");
    }
    return b.length() == 0 ? problem : b.append(": ").append(problem).toString();
  }
}
