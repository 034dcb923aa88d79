package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check looks at the file name only, so the bytes here are never read. */
class ExtensionSuffixCheckTest {

  private final List<Finding> out = new ArrayList<>();

  private boolean check(String label) {
    return ExtensionSuffixCheck.check(
        CandidateLibrary.extension(label, new byte[0]), AbiFixtures.RUNTIME, out);
  }

  @Test
  void runtimeSuffixAndStableAbiNeedNoFinding() {
    assertTrue(check("pkg/_core.cpython-313-wasm32-wasi.so"));
    assertTrue(check("pkg/_core.abi3.so"));

    assertEquals(List.of(), out);
  }

  @Test
  void otherCpythonVersionIsAnErrorThatExplainsWhy() {
    assertTrue(check("pkg/_core.cpython-312-wasm32-wasi.so"));

    assertEquals(
        List.of(
            "ERROR pkg/_core.cpython-312-wasm32-wasi.so: is tagged cpython-312-wasm32-wasi: built"
                + " for CPython 3.12, but the runtime is CPython 3.13.5 (SOABI"
                + " cpython-313-wasm32-wasi): CPython does not import it, and an extension"
                + " compiled against another CPython's headers disagrees with the runtime on"
                + " object layouts and the C API; rebuild it against the runtime's CPython"
                + " headers with "
                + ToolchainCheckTest.SDK
                + ", or build it for the stable ABI (abi3) [evidence: file name's extension"
                + " suffix]"),
        out.stream().map(Finding::toString).toList());
  }

  @Test
  void freeThreadedBuildOfTheSameVersionIsAnError() {
    check("pkg/_core.cpython-313t-wasm32-wasi.so");

    assertEquals(1, out.size());
    assertTrue(
        out.get(0)
            .found()
            .equals(
                "is tagged cpython-313t-wasm32-wasi: built for CPython 3.13t" + " (ABI flags 't')"),
        out.get(0).found());
  }

  @Test
  void hostPlatformTagStopsTheCheckBecauseTheFileIsMachineCode() {
    assertFalse(check("pkg/_core.cpython-313-x86_64-linux-gnu.so"));

    assertEquals(
        "pkg/_core.cpython-313-x86_64-linux-gnu.so: is tagged cpython-313-x86_64-linux-gnu: a"
            + " CPython extension built for x86_64-linux-gnu, but that is native machine code for"
            + " another operating system and processor, not WebAssembly; the runtime (SOABI"
            + " cpython-313-wasm32-wasi) imports only <module>.cpython-313-wasm32-wasi.so,"
            + " <module>.abi3.so or <module>.so; use a wasm32-wasi build of the package, or"
            + " rebuild it with "
            + ToolchainCheckTest.SDK
            + " [evidence: file name's extension suffix]",
        out.get(0).message());
  }

  @Test
  void otherWasiPlatformTagIsNeverImported() {
    assertTrue(check("pkg/_core.cpython-313-wasm32-wasip2.so"));

    assertEquals(Severity.ERROR, out.get(0).severity());
    assertEquals(
        "the runtime's CPython (SOABI cpython-313-wasm32-wasi, platform wasm32-wasi) imports only"
            + " <module>.cpython-313-wasm32-wasi.so, <module>.abi3.so or <module>.so, so this file"
            + " would never be imported",
        out.get(0).required());
  }

  @Test
  void untaggedNameIsOnlyANote() {
    assertTrue(check("pkg/_core.so"));

    assertEquals(Severity.INFO, out.get(0).severity());
    assertEquals(
        "has an untagged extension module name (<module>.so): CPython 3.13 imports it, but the"
            + " name does not say which CPython it was built for",
        out.get(0).found());
  }

  @Test
  void nameCpythonNeverImportsIsAnError() {
    assertTrue(check("pkg/_core.so.1"));
    assertTrue(check("pkg/_core.pyd"));

    assertEquals(2, out.size());
    assertTrue(out.stream().allMatch(f -> f.severity() == Severity.ERROR));
    assertEquals("is not named like an extension module", out.get(0).found());
  }
}
