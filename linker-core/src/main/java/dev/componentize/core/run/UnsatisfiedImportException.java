package dev.componentize.core.run;

import dev.componentize.core.ComponentizeException;

/** The program imports something the host does not provide. */
public final class UnsatisfiedImportException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  public UnsatisfiedImportException(String module, String name) {
    super(
        "the program imports "
            + module
            + "."
            + name
            + ", which the host does not provide (only WASI preview1 is available on the JVM)");
  }
}
