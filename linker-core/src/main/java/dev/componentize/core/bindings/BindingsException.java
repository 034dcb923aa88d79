package dev.componentize.core.bindings;

import dev.componentize.core.ComponentizeException;

/**
 * A world that bindings cannot be generated for, e.g. one using a type the Python glue does not
 * support yet ({@code future}, {@code stream}, {@code error-context}, fixed-size lists). The
 * message names the world item and the type.
 */
public final class BindingsException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  public BindingsException(String message) {
    super(message);
  }
}
