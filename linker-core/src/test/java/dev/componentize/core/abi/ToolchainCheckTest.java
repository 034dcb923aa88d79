package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainCheckTest {

  static final String SDK =
      "the runtime bundle's SDK: its compiler driver <bundle>/sdk/bin/wasm32-wasi-clang runs"
          + " clang-19 with the runtime's target, sysroot, CPython 3.13 headers and -fPIC, records"
          + " the toolchain in every object, and links with -shared against the runtime's libc.so"
          + " and libpython3.13.so";

  static final String WHEEL = "fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl";

  static final String LIBC_MISMATCH =
      "fastmath/_core.cpython-313-wasm32-wasi.so (from "
          + WHEEL
          + "): built with componentize-wasi 1 against wasi-libc 574b88d, but the runtime uses"
          + " wasi-libc 9886d3d: struct layouts and errno values differ; rebuild it with "
          + SDK
          + " [evidence: componentize.toolchain section]";

  static final String EMSCRIPTEN =
      "pyodide/_speedups.cpython-312-wasm32-emscripten.so: built for Emscripten (Pyodide), but its"
          + " imports (env.emscripten_notify_memory_growth, env.__syscall_openat, env.invoke_vi,"
          + " env.__cxa_throw) and file name's ABI tag cpython-312-wasm32-emscripten show it"
          + " expects Emscripten's JavaScript runtime (emscripten_*, __syscall_*, invoke_*) and its"
          + " musl-based libc ABI, which a WASI component does not have; rebuild the extension for"
          + " wasm32-wasi with "
          + SDK
          + " [evidence: the module's imports]";

  static final String RELAXED =
      " [an error under policy STRICT, reported as a warning by policy WARN]";

  @TempDir static Path out;

  static byte[] wrongLibc;
  static byte[] matching;

  @BeforeAll
  static void compile() throws IOException, InterruptedException {
    AbiFixtures.assumeClang();
    wrongLibc =
        AbiFixtures.library(
            out,
            "wrong-libc.so",
            new AbiFixtures.Identity("1", "574b88d", "19.1.7"),
            List.of(),
            "ext.c");
    matching =
        AbiFixtures.library(out, "matching.so", AbiFixtures.Identity.RUNTIME, List.of(), "ext.c");
  }

  private static List<CandidateLibrary> mixed() {
    return List.of(
        CandidateLibrary.extensionFromWheel(
            "fastmath/_core.cpython-313-wasm32-wasi.so", wrongLibc, WHEEL),
        CandidateLibrary.extension("good/_good.cpython-313-wasm32-wasi.so", matching),
        CandidateLibrary.extension(
            "pyodide/_speedups.cpython-312-wasm32-emscripten.so",
            AbiFixtures.emscriptenSideModule()));
  }

  private final ToolchainCheck check = new ToolchainCheck(AbiFixtures.RUNTIME);

  @Test
  void strictThrowsOneExceptionListingEveryError() {
    ToolchainMismatchException e =
        assertThrows(ToolchainMismatchException.class, () -> check.check(mixed(), Policy.STRICT));

    assertEquals(
        "2 native library problems (toolchain check, policy STRICT):\n"
            + "  - "
            + LIBC_MISMATCH
            + "\n  - "
            + EMSCRIPTEN,
        e.getMessage());
    assertEquals(2, e.errors().size());
    assertEquals(Policy.STRICT, e.report().policy());
    assertEquals(1, e.report().infos().size(), "the matching library's note is in the report");
  }

  @Test
  void warnReportsTheSameErrorsAsRelaxedWarnings() throws ToolchainMismatchException {
    CheckReport report = check.check(mixed(), Policy.WARN);

    assertFalse(report.hasErrors());
    assertEquals(
        List.of(LIBC_MISMATCH + RELAXED, EMSCRIPTEN + RELAXED),
        report.warnings().stream().map(Finding::message).toList());
    assertTrue(report.warnings().stream().allMatch(Finding::relaxed));
  }

  @Test
  void offChecksNothingEvenForAFileThatIsNotWasm() throws ToolchainMismatchException {
    CheckReport report =
        check.check(List.of(CandidateLibrary.library("notes.txt", "hello".getBytes())), Policy.OFF);

    assertTrue(report.isSkipped());
    assertTrue(report.findings().isEmpty());
  }

  @Test
  void matchingLibraryPassesStrictWithOneNoteOnStrongEvidence() throws ToolchainMismatchException {
    CheckReport report =
        check.check(
            List.of(CandidateLibrary.extension("good/_good.cpython-313-wasm32-wasi.so", matching)),
            Policy.STRICT);

    assertEquals(
        List.of(
            "INFO good/_good.cpython-313-wasm32-wasi.so: built with componentize-wasi 1 against"
                + " wasi-libc 9886d3d by clang 19.1.7 (3~deb12u1): the same as the runtime"
                + " [evidence: componentize.toolchain section]"),
        report.findings().stream().map(Finding::toString).toList());
    assertTrue(report.findings().get(0).evidence().isStrong());
  }

  @Test
  void libraryThatCannotWorkGetsOnlyItsFatalFinding() {
    List<Finding> findings =
        check.inspect(
            CandidateLibrary.extension(
                "pyodide/_speedups.cpython-312-wasm32-emscripten.so",
                AbiFixtures.emscriptenSideModule()));

    // Not also "wrong CPython version" or "no toolchain section": those say nothing more.
    assertEquals(List.of(EMSCRIPTEN), findings.stream().map(Finding::message).toList());
  }

  @Test
  void findingsFollowTheOrderOfTheLibraries() throws ToolchainMismatchException {
    CheckReport report = check.check(mixed(), Policy.WARN);

    assertEquals(
        List.of(
            "fastmath/_core.cpython-313-wasm32-wasi.so",
            "good/_good.cpython-313-wasm32-wasi.so",
            "pyodide/_speedups.cpython-312-wasm32-emscripten.so"),
        report.findings().stream().map(Finding::library).toList());
  }

  @Test
  void everyLibraryOfTheRealRuntimeBundleMatchesItsManifest()
      throws IOException, RuntimeBundleException, ToolchainMismatchException {
    Path bundle = RuntimeBundles.assumeBuilt();
    List<CandidateLibrary> libraries = new ArrayList<>();
    try (Stream<Path> files = Files.list(bundle.resolve("lib"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".so")).sorted().toList()) {
        libraries.add(
            CandidateLibrary.library("lib/" + file.getFileName(), Files.readAllBytes(file)));
      }
    }

    CheckReport report =
        new ToolchainCheck(RuntimeIdentity.fromBundle(bundle)).check(libraries, Policy.STRICT);

    assertTrue(libraries.size() >= 3, "libc, libdl, libpython at least: " + libraries.size());
    assertEquals(libraries.size(), report.infos().size(), report.findings().toString());
    assertTrue(report.warnings().isEmpty(), report.warnings().toString());
  }

  @Test
  void extensionBuiltWithTheRealBundlesSdkMatchesTheRuntime()
      throws IOException, InterruptedException, RuntimeBundleException, ToolchainMismatchException {
    Path bundle = RuntimeBundles.assumeBuilt();
    byte[] library =
        AbiFixtures.library(
            out,
            "sdk-built.so",
            null,
            List.of("--sysroot=" + bundle.resolve("sdk/sysroot").toAbsolutePath()),
            "ext.c",
            "identity.c");

    CheckReport report =
        new ToolchainCheck(RuntimeIdentity.fromBundle(bundle))
            .check(
                List.of(CandidateLibrary.extension("m/_m.cpython-313-wasm32-wasi.so", library)),
                Policy.STRICT);

    assertEquals(1, report.findings().size(), report.findings().toString());
    assertEquals(Severity.INFO, report.findings().get(0).severity());
    assertEquals(Evidence.TOOLCHAIN_SECTION, report.findings().get(0).evidence());
  }
}
