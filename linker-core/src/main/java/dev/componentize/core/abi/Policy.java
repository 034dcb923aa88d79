package dev.componentize.core.abi;

/** What {@link ToolchainCheck} does with what it finds. */
public enum Policy {
  /** Errors fail the check with a {@link ToolchainMismatchException} that lists all of them. */
  STRICT,
  /** Errors are reported as warnings (marked as relaxed) and the build goes on. */
  WARN,
  /** Nothing is checked. */
  OFF
}
