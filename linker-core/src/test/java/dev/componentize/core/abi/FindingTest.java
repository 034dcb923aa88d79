package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingTest {

  private static final CandidateLibrary FROM_WHEEL =
      CandidateLibrary.extensionFromWheel("p/_m.abi3.so", new byte[0], "p-1.0-cp313-abi3-any.whl");

  @Test
  void messageJoinsLibraryWheelFoundRequiredFixAndEvidence() {
    Finding finding =
        Finding.of(
            Severity.ERROR,
            FROM_WHEEL,
            "built with X",
            "the runtime needs Y",
            "do Z",
            Evidence.TOOLCHAIN_SECTION);

    assertEquals(
        "p/_m.abi3.so (from p-1.0-cp313-abi3-any.whl): built with X, but the runtime needs Y; do Z"
            + " [evidence: componentize.toolchain section]",
        finding.message());
    assertEquals("ERROR " + finding.message(), finding.toString());
  }

  @Test
  void noteWithoutRequirementOrFixIsJustWhatWasFound() {
    Finding finding =
        Finding.of(
            Severity.INFO,
            CandidateLibrary.library("libx.so", new byte[0]),
            "fine",
            "",
            "",
            Evidence.PRODUCERS);

    assertEquals(
        "libx.so: fine [evidence: producers section: names the compiler, not the wasi-libc (weaker"
            + " evidence)]",
        finding.message());
  }

  @Test
  void asWarningRelaxesOnlyErrorsAndSaysSo() {
    Finding error = Finding.of(Severity.ERROR, FROM_WHEEL, "a", "b", "c", Evidence.IMPORTS);
    Finding warning = Finding.of(Severity.WARNING, FROM_WHEEL, "a", "b", "c", Evidence.IMPORTS);

    Finding relaxed = error.asWarning();

    assertEquals(Severity.WARNING, relaxed.severity());
    assertTrue(relaxed.relaxed());
    assertTrue(
        relaxed
            .message()
            .endsWith("[an error under policy STRICT, reported as a warning by policy WARN]"));
    assertSame(warning, warning.asWarning());
  }

  @Test
  void onlyWarningsCanBeRelaxed() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Finding(Severity.ERROR, "l", Optional.empty(), "a", "", "", Evidence.NONE, true));
  }
}
