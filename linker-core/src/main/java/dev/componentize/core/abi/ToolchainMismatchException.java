package dev.componentize.core.abi;

import dev.componentize.core.ComponentizeException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Native libraries do not match the runtime and the policy is {@link Policy#STRICT}. The message
 * lists every error, one per line, each naming the library, what it was built with, what the
 * runtime needs and how to fix it; {@link #report()} has the warnings too.
 */
public final class ToolchainMismatchException extends ComponentizeException {

  private static final long serialVersionUID = 1L;

  private final transient CheckReport report;

  public ToolchainMismatchException(CheckReport report) {
    super(describe(Objects.requireNonNull(report, "report").errors()));
    if (!report.hasErrors()) {
      throw new IllegalArgumentException("a report without errors is not a mismatch");
    }
    this.report = report;
  }

  private static String describe(List<Finding> errors) {
    String count =
        errors.size() == 1
            ? "1 native library problem"
            : errors.size() + " native library problems";
    return count
        + " (toolchain check, policy STRICT):\n"
        + errors.stream().map(f -> "  - " + f.message()).collect(Collectors.joining("\n"));
  }

  /** The full report: the errors and every warning and note. */
  public CheckReport report() {
    return report;
  }

  /** The errors, in library order. */
  public List<Finding> errors() {
    return report.errors();
  }
}
