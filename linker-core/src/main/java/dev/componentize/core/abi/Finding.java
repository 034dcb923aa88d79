package dev.componentize.core.abi;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing {@link ToolchainCheck} found about one library.
 *
 * @param severity as reported; under {@link Policy#WARN} errors are reported as warnings
 * @param library the library's label
 * @param wheel the wheel it came from, if any
 * @param found what the library was built with or for, e.g. {@code built with componentize-wasi 1
 *     against wasi-libc 574b88d}
 * @param required what the runtime needs instead and why, e.g. {@code the runtime uses wasi-libc
 *     9886d3d: struct layouts and errno values differ}; empty when nothing is wrong
 * @param fix how to fix it; empty when there is nothing to do
 * @param evidence what the finding rests on
 * @param relaxed whether this was an error that {@link Policy#WARN} turned into a warning
 */
public record Finding(
    Severity severity,
    String library,
    Optional<String> wheel,
    String found,
    String required,
    String fix,
    Evidence evidence,
    boolean relaxed) {

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(wheel, "wheel");
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(required, "required");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(evidence, "evidence");
    if (relaxed && severity != Severity.WARNING) {
      throw new IllegalArgumentException("only a warning can be a relaxed error");
    }
  }

  static Finding of(
      Severity severity,
      CandidateLibrary library,
      String found,
      String required,
      String fix,
      Evidence evidence) {
    return new Finding(
        severity, library.label(), library.wheel(), found, required, fix, evidence, false);
  }

  /** This error reported as a warning, as {@link Policy#WARN} does. */
  Finding asWarning() {
    if (severity != Severity.ERROR) {
      return this;
    }
    return new Finding(
        Severity.WARNING, library, wheel, found, required, fix, evidence, /* relaxed= */ true);
  }

  /**
   * The finding as one sentence a user can act on: {@code <library> (from <wheel>): <found>, but
   * <required>; <fix> [evidence: ...]}.
   */
  public String message() {
    StringBuilder text = new StringBuilder(library);
    wheel.ifPresent(w -> text.append(" (from ").append(w).append(')'));
    text.append(": ").append(found);
    if (!required.isEmpty()) {
      text.append(", but ").append(required);
    }
    if (!fix.isEmpty()) {
      text.append("; ").append(fix);
    }
    text.append(" [evidence: ").append(evidence).append(']');
    if (relaxed) {
      text.append(" [an error under policy STRICT, reported as a warning by policy WARN]");
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return severity + " " + message();
  }
}
