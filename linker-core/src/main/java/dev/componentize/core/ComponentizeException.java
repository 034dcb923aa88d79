package dev.componentize.core;

import dev.componentize.core.build.Stage;
import java.util.Objects;

/**
 * A build that cannot go on for a reason the user can fix: the message names the file or element at
 * fault and what to change (a missing world lists the worlds there, a WIT error starts with {@code
 * file:line:column}, a toolchain mismatch names the wheel and the runtime's toolchain). The cause,
 * when there is one, is the exception of the library that found the problem.
 */
public final class ComponentizeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Stage stage;

  public ComponentizeException(Stage stage, String message) {
    super(message);
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public ComponentizeException(Stage stage, String message, Throwable cause) {
    super(message, cause);
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  /** The stage that failed. */
  public Stage stage() {
    return stage;
  }
}
