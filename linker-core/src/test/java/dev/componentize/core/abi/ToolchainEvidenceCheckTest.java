package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.dylink.ProducersSection;
import dev.componentize.core.dylink.ToolchainIdentity;
import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainEvidenceCheckTest {

  static final String UNVERIFIED =
      "nothing records which wasi-libc it was compiled against, so its C ABI cannot be verified"
          + " against the runtime's wasi-libc 9886d3d";
  static final String REBUILD_TO_RECORD =
      "rebuild it with "
          + ToolchainCheckTest.SDK
          + " (it writes the componentize.toolchain section); or, to link it unverified at your"
          + " own risk, use the toolchain-check policy WARN";

  @TempDir static Path out;
  static byte[] matching;
  static byte[] otherLibc;
  static byte[] otherToolchainAndLibc;
  static byte[] noSection;

  @BeforeAll
  static void compile() throws IOException, InterruptedException {
    AbiFixtures.assumeClang();
    matching = AbiFixtures.library(out, "m.so", AbiFixtures.Identity.RUNTIME, List.of(), "ext.c");
    otherLibc =
        AbiFixtures.library(
            out, "l.so", new AbiFixtures.Identity("1", "574b88d", "19.1.7"), List.of(), "ext.c");
    otherToolchainAndLibc =
        AbiFixtures.library(
            out, "t.so", new AbiFixtures.Identity("2", "574b88d", "19.1.7"), List.of(), "ext.c");
    noSection = AbiFixtures.library(out, "n.so", null, List.of(), "ext.c");
  }

  private static List<Finding> check(CandidateLibrary library) {
    List<Finding> findings = new ArrayList<>();
    ToolchainEvidenceCheck.check(
        library, WasmReader.read(library.label(), library.bytes()), AbiFixtures.RUNTIME, findings);
    return findings;
  }

  private static List<String> check(String label, byte[] bytes) {
    return check(CandidateLibrary.library(label, bytes)).stream().map(Finding::toString).toList();
  }

  private static CustomSection identity(String toolchain, String libc, String compiler) {
    return ToolchainIdentity.of(toolchain, libc, "19.1.7", compiler, "wasm32-wasi")
        .toCustomSection();
  }

  @Test
  void sameToolchainAndLibcIsANoteOnStrongEvidence() {
    assertEquals(
        List.of(
            "INFO libm.so: built with componentize-wasi 1 against wasi-libc 9886d3d by clang"
                + " 19.1.7 (3~deb12u1): the same as the runtime [evidence: componentize.toolchain"
                + " section]"),
        check("libm.so", matching));
  }

  @Test
  void otherWasiLibcIsAnErrorNamingBothRevisions() {
    assertEquals(
        List.of(
            "ERROR libl.so: built with componentize-wasi 1 against wasi-libc 574b88d, but the"
                + " runtime uses wasi-libc 9886d3d: struct layouts and errno values differ;"
                + " rebuild it with "
                + ToolchainCheckTest.SDK
                + " [evidence: componentize.toolchain section]"),
        check("libl.so", otherLibc));
  }

  @Test
  void otherToolchainVersionAndLibcNameBoth() {
    assertEquals(
        "the runtime uses componentize-wasi 1 with wasi-libc 9886d3d: struct layouts and errno"
            + " values differ",
        check(CandidateLibrary.library("libt.so", otherToolchainAndLibc)).get(0).required());
  }

  @Test
  void otherToolchainVersionWithTheSameLibcIsStillAnError() {
    byte[] bytes =
        AbiFixtures.bareLibrary(identity("componentize-wasi 2", "9886d3d", "19.1.7 (3~deb12u1)"));

    List<Finding> findings = check(CandidateLibrary.library("libv.so", bytes));

    assertEquals(Severity.ERROR, findings.get(0).severity());
    assertEquals(
        "the runtime uses componentize-wasi 1: the toolchain version changes whenever an"
            + " ABI-relevant input does (libc flags, clang major version)",
        findings.get(0).required());
  }

  @Test
  void otherCompilerMajorIsOnlyAWarning() {
    byte[] bytes =
        AbiFixtures.bareLibrary(identity("componentize-wasi 1", "9886d3d", "18.1.8 (Debian)"));

    assertEquals(
        List.of(
            "WARNING libc18.so: built with componentize-wasi 1 against wasi-libc 9886d3d,"
                + " compiled by clang 18.1.8 (Debian), but the runtime was compiled by clang"
                + " 19.1.7: the wasm32 C ABI is meant to be stable across clang versions, but this"
                + " mix is untested; if it misbehaves, rebuild it with "
                + ToolchainCheckTest.SDK
                + " [evidence: componentize.toolchain section]"),
        check("libc18.so", bytes));
  }

  @Test
  void otherTargetIsAnError() {
    byte[] bytes =
        AbiFixtures.bareLibrary(
            ToolchainIdentity.of(
                    "componentize-wasi 1", "9886d3d", "19.1.7", "19.1.7", "wasm32-wasip2")
                .toCustomSection());

    List<Finding> findings = check(CandidateLibrary.library("libt.so", bytes));

    assertEquals(Severity.ERROR, findings.get(0).severity());
    assertEquals(
        "built with componentize-wasi 1 against wasi-libc 9886d3d for target wasm32-wasip2",
        findings.get(0).found());
  }

  @Test
  void sectionWithoutTheKeyLinesIsAnError() {
    byte[] bytes = AbiFixtures.bareLibrary(text(ToolchainIdentity.NAME, "format=1\ntarget=x\n"));

    List<Finding> findings = check(CandidateLibrary.library("libk.so", bytes));

    assertEquals(
        "has a componentize.toolchain section without a 'toolchain' or 'wasi-libc' line",
        findings.get(0).found());
  }

  @Test
  void sectionOfAnUnknownFormatIsAnErrorWithItsOffset() {
    byte[] bytes = AbiFixtures.bareLibrary(text(ToolchainIdentity.NAME, "format=9\n"));

    List<Finding> findings = check(CandidateLibrary.library("libf.so", bytes));

    assertEquals(Severity.ERROR, findings.get(0).severity());
    assertTrue(
        findings
            .get(0)
            .found()
            .matches(
                "has a malformed componentize.toolchain section \\(format '9' is not supported"
                    + " \\(this reader knows format 1\\) at offset [0-9]+\\)"),
        findings.get(0).found());
  }

  @Test
  void withoutTheSectionTheProducersClangIsWeakerEvidenceAndAnError() {
    assertEquals(
        List.of(
            "ERROR libn.so: has no componentize.toolchain section; its producers section says"
                + " it was compiled by Debian clang 19.1.7 (3~deb12u1), but "
                + UNVERIFIED
                + "; "
                + REBUILD_TO_RECORD
                + " [evidence: producers section: names the compiler, not the wasi-libc (weaker"
                + " evidence)]"),
        check("libn.so", noSection));
  }

  @Test
  void producersWithAnotherClangMajorAndALanguageSayBoth() {
    CustomSection producers =
        new ProducersSection(
                List.of(
                    new ProducersSection.Field(
                        ProducersSection.LANGUAGE, List.of(new ProducersSection.Value("C11", ""))),
                    new ProducersSection.Field(
                        ProducersSection.PROCESSED_BY,
                        List.of(new ProducersSection.Value("clang", "17.0.6")))))
            .toCustomSection();

    Finding finding =
        check(CandidateLibrary.library("lib17.so", AbiFixtures.bareLibrary(producers))).get(0);

    assertEquals(
        "has no componentize.toolchain section; its producers section says it was compiled by"
            + " clang 17.0.6 from C11",
        finding.found());
    assertEquals(
        UNVERIFIED + "; its clang major version also differs from the runtime's clang 19.1.7",
        finding.required());
  }

  @Test
  void producersWithoutClangSayWhatTheyName() {
    CustomSection producers =
        new ProducersSection(
                List.of(
                    new ProducersSection.Field(
                        ProducersSection.PROCESSED_BY,
                        List.of(new ProducersSection.Value("rustc", "1.82.0")))))
            .toCustomSection();

    Finding finding =
        check(CandidateLibrary.library("librs.so", AbiFixtures.bareLibrary(producers))).get(0);

    assertEquals(
        "has no componentize.toolchain section; its producers section names no clang (processed"
            + " by rustc 1.82.0)",
        finding.found());
  }

  @Test
  void onlyAWasiWheelTagIsWeakerEvidence() {
    CandidateLibrary library =
        CandidateLibrary.extensionFromWheel(
            "b/_b.abi3.so", AbiFixtures.bareLibrary(), "b-1.0-cp313-abi3-wasi_0_0_0_wasm32.whl");

    assertEquals(
        List.of(
            "ERROR b/_b.abi3.so (from b-1.0-cp313-abi3-wasi_0_0_0_wasm32.whl): has no"
                + " componentize.toolchain section and no producers section; only its wheel's platform"
                + " tag wasi_0_0_0_wasm32 says it is for WASI, but "
                + UNVERIFIED
                + "; "
                + REBUILD_TO_RECORD
                + " [evidence: wheel platform tag: names the platform, not the wasi-libc (weaker"
                + " evidence)]"),
        check(library).stream().map(Finding::toString).toList());
  }

  @Test
  void noEvidenceAtAllIsAnErrorUnderStrict() {
    assertEquals(
        List.of(
            "ERROR libbare.so: has no componentize.toolchain section and no producers section, but "
                + UNVERIFIED
                + "; "
                + REBUILD_TO_RECORD
                + " [evidence: no evidence: no componentize.toolchain section, no producers"
                + " section, no wheel tag]"),
        check("libbare.so", AbiFixtures.bareLibrary()));
  }

  @Test
  void unreadableProducersSectionIsSaidSoNotCalledMissing() {
    // One field whose name claims 5 bytes where 1 follows.
    byte[] bytes =
        AbiFixtures.bareLibrary(
            new CustomSection(ProducersSection.NAME, Bytes.of(new byte[] {1, 5, 'x'})));

    Finding finding = check(CandidateLibrary.library("libp.so", bytes)).get(0);

    assertEquals(Evidence.NONE, finding.evidence());
    assertTrue(
        finding
            .found()
            .startsWith(
                "has no componentize.toolchain section and an unreadable producers section ("),
        finding.found());
  }

  private static CustomSection text(String name, String content) {
    return new CustomSection(name, Bytes.of(content.getBytes(StandardCharsets.UTF_8)));
  }
}
