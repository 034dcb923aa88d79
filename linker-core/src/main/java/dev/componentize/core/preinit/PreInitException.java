package dev.componentize.core.preinit;

import dev.componentize.core.ComponentizeException;

/** The program cannot be pre-initialized (the reason names the library and what it uses). */
public final class PreInitException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  public PreInitException(String message) {
    super(message);
  }
}
