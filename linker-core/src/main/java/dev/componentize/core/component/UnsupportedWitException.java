package dev.componentize.core.component;

import dev.componentize.core.ComponentizeException;

/**
 * A WIT construct the component encoder cannot carry yet (WASI 0.3's {@code future}, {@code
 * stream}, {@code error-context}, async functions, inline interfaces). The message names the
 * construct and where in the world it is; the pipeline adds the world and WIT path.
 */
public final class UnsupportedWitException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedWitException(String message) {
    super(message);
  }
}
