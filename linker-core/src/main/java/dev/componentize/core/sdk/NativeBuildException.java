package dev.componentize.core.sdk;

import dev.componentize.core.ComponentizeException;

/**
 * A native build through the runtime's SDK failed: a source did not compile, the link failed, or
 * the result is not a library the runtime accepts. The message names the file and the compiler's
 * own output.
 */
public final class NativeBuildException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  public NativeBuildException(String message) {
    super(message);
  }

  public NativeBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
