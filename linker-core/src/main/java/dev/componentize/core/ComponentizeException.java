package dev.componentize.core;

import dev.componentize.core.build.Stage;
import java.util.Optional;

/**
 * Every error of a build that the user can fix, and the base of every exception linker-core throws
 * for one: the message names the file or element at fault and what to change (a missing world lists
 * the worlds there, a WIT error starts with {@code file:line:column}, a toolchain mismatch names
 * the wheel and the runtime's toolchain). The cause, when there is one, is the exception of the
 * library that found the problem.
 *
 * <p>The libraries of the core throw subclasses that carry what they know ({@code WitException} its
 * line and column, {@code WheelException} its wheel and entry, ...); a stage of the build that
 * fails throws this class with its {@link #stage()}, usually wrapping one of those. A caller
 * catches this one type, in one place, and shows its message: anything else that escapes is a bug.
 *
 * <p>Unchecked, like the exception family of Chicory's {@code wasm} module: no caller between the
 * library that finds a problem and the top of the build can do anything about it but pass it on
 * (the WIT parser and the linker throw from deep recursion and from lambdas), so a checked
 * exception would only add {@code throws} clauses and wrapping. Where a method throws one, its
 * {@code throws} clause and Javadoc still say so.
 */
public class ComponentizeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Stage stage;

  /** The stage {@code stage} of the build failed: {@code message} says why. */
  public ComponentizeException(Stage stage, String message) {
    super(message);
    this.stage = java.util.Objects.requireNonNull(stage, "stage");
  }

  /** The stage {@code stage} of the build failed because of {@code cause}. */
  public ComponentizeException(Stage stage, String message, Throwable cause) {
    super(message, cause);
    this.stage = java.util.Objects.requireNonNull(stage, "stage");
  }

  /** An error found by a library of the core, outside of any stage. */
  protected ComponentizeException(String message) {
    super(message);
    this.stage = null;
  }

  /** An error found by a library of the core, outside of any stage, because of {@code cause}. */
  protected ComponentizeException(String message, Throwable cause) {
    super(message, cause);
    this.stage = null;
  }

  /**
   * The stage that failed; empty for an exception of a library, which has not been through the
   * build's stages (every exception {@link Componentizer#componentize} throws has one).
   */
  public Optional<Stage> stage() {
    return Optional.ofNullable(stage);
  }
}
