package dev.componentize.maven;

import dev.componentize.core.ComponentizeException;

/**
 * A plugin parameter or a file it names is wrong in a way the user fixes in the pom or on disk. The
 * message names the pom element ({@code <wheels>}, {@code <runtimeDirectory>}, ...), the bad value
 * and the fix; like every build error it is a {@link ComponentizeException}, which {@link
 * Failures#failure} turns into a {@code MojoFailureException} unchanged.
 */
final class ConfigurationException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  ConfigurationException(String message) {
    super(message);
  }

  ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
