package dev.componentize.core.preinit;

/** The program cannot be pre-initialized (the reason names the library and what it uses). */
public final class PreInitException extends Exception {
  private static final long serialVersionUID = 1L;

  public PreInitException(String message) {
    super(message);
  }
}
