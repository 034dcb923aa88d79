package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {

  private static Finding finding(Severity severity, String library) {
    return Finding.of(
        severity, CandidateLibrary.library(library, new byte[0]), "x", "", "", Evidence.NONE);
  }

  @Test
  void findingsAreSplitBySeverityAndByLibrary() {
    CheckReport report =
        new CheckReport(
            Policy.STRICT,
            List.of(
                finding(Severity.ERROR, "a.so"),
                finding(Severity.INFO, "b.so"),
                finding(Severity.WARNING, "a.so")));

    assertTrue(report.hasErrors());
    assertEquals(1, report.errors().size());
    assertEquals(1, report.warnings().size());
    assertEquals(1, report.infos().size());
    assertEquals(2, report.about("a.so").size());
    assertFalse(report.isSkipped());
  }

  @Test
  void reportIsImmutable() {
    List<Finding> findings = new ArrayList<>(List.of(finding(Severity.INFO, "a.so")));
    CheckReport report = new CheckReport(Policy.WARN, findings);
    findings.clear();

    assertEquals(1, report.findings().size());
    assertThrows(UnsupportedOperationException.class, () -> report.findings().clear());
  }

  @Test
  void mismatchNeedsAnError() {
    CheckReport clean = new CheckReport(Policy.STRICT, List.of(finding(Severity.WARNING, "a.so")));

    assertThrows(IllegalArgumentException.class, () -> new ToolchainMismatchException(clean));
  }

  @Test
  void mismatchMessageCountsOneProblemInTheSingular() {
    CheckReport report = new CheckReport(Policy.STRICT, List.of(finding(Severity.ERROR, "a.so")));

    assertEquals(
        "1 native library problem (toolchain check, policy STRICT):\n"
            + "  - a.so: x [evidence: no evidence: no componentize.toolchain section, no producers"
            + " section, no wheel tag]",
        new ToolchainMismatchException(report).getMessage());
  }
}
