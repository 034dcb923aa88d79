package dev.componentize.core;

import java.util.Objects;

/**
 * A value of a {@link ComponentizeConfig} is out of range. {@link #field} names the configuration
 * field ({@code appModule}, {@code stackSize}, ...), which the Maven plugin's parameters share, so
 * a caller can point at its own setting without reading the message.
 */
public final class InvalidConfigurationException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidConfigurationException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The {@link ComponentizeConfig} component at fault. */
  public String field() {
    return field;
  }
}
