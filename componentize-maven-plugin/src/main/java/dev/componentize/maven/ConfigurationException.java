package dev.componentize.maven;

/**
 * A plugin parameter or a file it names is wrong in a way the user fixes in the pom or on disk. The
 * message names the pom element ({@code <wheels>}, {@code <runtimeDirectory>}, ...), the bad value
 * and the fix; the mojos turn it into a {@code MojoFailureException} unchanged.
 */
final class ConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  ConfigurationException(String message) {
    super(message);
  }

  ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
