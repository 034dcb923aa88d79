package dev.componentize.core.component.binary;

import dev.componentize.core.ComponentizeException;

/**
 * The inputs of a component cannot be combined: the core module does not fit the world (a missing
 * export, an import the world does not provide) or is malformed. The message names the item, what
 * was expected and, for malformed modules, the byte offset.
 */
public final class ComponentEncodingException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  public ComponentEncodingException(String message) {
    super(message);
  }
}
