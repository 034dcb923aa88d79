package dev.componentize.core.abi;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ToolchainCheck} found, library by library in input order.
 *
 * @param policy the policy the check ran under
 * @param findings every finding; empty under {@link Policy#OFF}
 */
public record CheckReport(Policy policy, List<Finding> findings) {

  public CheckReport {
    Objects.requireNonNull(policy, "policy");
    findings = List.copyOf(findings);
  }

  /** The report of a check that did not run. */
  static CheckReport skipped() {
    return new CheckReport(Policy.OFF, List.of());
  }

  public boolean isSkipped() {
    return policy == Policy.OFF;
  }

  public List<Finding> errors() {
    return bySeverity(Severity.ERROR);
  }

  public List<Finding> warnings() {
    return bySeverity(Severity.WARNING);
  }

  public List<Finding> infos() {
    return bySeverity(Severity.INFO);
  }

  public boolean hasErrors() {
    return !errors().isEmpty();
  }

  /** The findings about one library. */
  public List<Finding> about(String library) {
    return findings.stream().filter(f -> f.library().equals(library)).toList();
  }

  private List<Finding> bySeverity(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }
}
