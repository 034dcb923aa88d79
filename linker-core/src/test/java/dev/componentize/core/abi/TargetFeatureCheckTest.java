package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.dylink.TargetFeature;
import dev.componentize.core.dylink.TargetFeaturesSection;
import dev.componentize.core.dylink.TargetFeaturesSection.Prefix;
import dev.componentize.core.wasm.WasmReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFeatureCheckTest {

  static final String RUNTIME_USES =
      "the runtime's libpython uses multivalue, mutable-globals, reference-types, sign-ext";

  @TempDir static Path out;
  static byte[] plain;
  static byte[] atomics;
  static byte[] simd;

  @BeforeAll
  static void compile() throws IOException, InterruptedException {
    AbiFixtures.assumeClang();
    plain = AbiFixtures.library(out, "plain.so", null, List.of(), "ext.c");
    atomics =
        AbiFixtures.library(
            out, "atomics.so", null, List.of("-matomics", "-mbulk-memory"), "atomics.c");
    simd = AbiFixtures.library(out, "simd.so", null, List.of("-msimd128"), "simd.c");
  }

  private static List<String> check(String label, byte[] bytes, RuntimeIdentity runtime) {
    List<Finding> findings = new ArrayList<>();
    TargetFeatureCheck.check(
        CandidateLibrary.library(label, bytes), WasmReader.read(label, bytes), runtime, findings);
    return findings.stream().map(Finding::toString).toList();
  }

  private static List<String> check(String label, byte[] bytes) {
    return check(label, bytes, AbiFixtures.RUNTIME);
  }

  private static byte[] withFeatures(TargetFeature... features) {
    return AbiFixtures.bareLibrary(new TargetFeaturesSection(List.of(features)).toCustomSection());
  }

  @Test
  void defaultClangFeaturesAreWhatTheRuntimeUses() {
    assertEquals(List.of(), check("libplain.so", plain));
  }

  @Test
  void atomicsIsAnErrorAndBulkMemoryAWarning() {
    assertEquals(
        List.of(
            "ERROR libatomics.so: is compiled for wasm features +atomics, but "
                + RUNTIME_USES
                + ": atomics needs a shared memory and a thread-aware libc, and the runtime's"
                + " memory is not shared; rebuild it without them (no -pthread, -matomics,"
                + " -fwasm-exceptions, -mwasm64) with "
                + ToolchainCheckTest.SDK
                + " [evidence: target_features section]",
            "WARNING libatomics.so: is compiled for wasm features +bulk-memory, but "
                + RUNTIME_USES
                + ": the component will run only on engines that support them, the build's"
                + " pre-initialization engine included; to be safe, rebuild it without them (e.g."
                + " no -msimd128) with "
                + ToolchainCheckTest.SDK
                + " [evidence: target_features section]"),
        check("libatomics.so", atomics));
  }

  @Test
  void simdTheRuntimeLacksIsAWarningNamingTheFeature() {
    List<String> findings = check("libsimd.so", simd);

    assertEquals(1, findings.size());
    assertEquals(
        "WARNING libsimd.so: is compiled for wasm features +simd128, but " + RUNTIME_USES + ":",
        findings.get(0).substring(0, findings.get(0).indexOf(':', 30) + 1));
  }

  @Test
  void simdIsFineWhenTheRuntimeUsesItToo() {
    List<TargetFeature> features = new ArrayList<>(AbiFixtures.CLANG19_DEFAULT_FEATURES);
    features.add(new TargetFeature(Prefix.USED, "simd128"));

    assertEquals(
        List.of(), check("libsimd.so", simd, AbiFixtures.RUNTIME.withTargetFeatures(features)));
  }

  @Test
  void exceptionHandlingAndSharedMemoryAreErrorsWithTheirReasons() {
    byte[] bytes =
        withFeatures(
            new TargetFeature(Prefix.USED, "exception-handling"),
            new TargetFeature(Prefix.USED, "shared-mem"));

    List<String> findings = check("libeh.so", bytes);

    assertEquals(1, findings.size());
    assertEquals(
        "ERROR libeh.so: is compiled for wasm features +exception-handling, +shared-mem, but "
            + RUNTIME_USES
            + ": exception-handling makes C++ exceptions and longjmp unwind with wasm exceptions,"
            + " which the runtime's libc and libpython do not use; shared-mem needs the program's"
            + " memory to be shared, and the runtime's is not; rebuild",
        findings.get(0).substring(0, findings.get(0).indexOf("; rebuild") + "; rebuild".length()));
  }

  @Test
  void libraryDisallowingAFeatureTheRuntimeUsesIsAnError() {
    byte[] bytes = withFeatures(new TargetFeature(Prefix.DISALLOWED, "sign-ext"));

    List<String> findings = check("libno.so", bytes);

    assertEquals(1, findings.size());
    assertEquals(
        true,
        findings
            .get(0)
            .startsWith(
                "ERROR libno.so: is compiled for wasm features -sign-ext, but "
                    + RUNTIME_USES
                    + ": it disallows sign-ext, which the runtime's libpython uses;"),
        findings.get(0));
  }

  @Test
  void featureTheRuntimeDisallowsIsAnError() {
    List<TargetFeature> runtimeFeatures = new ArrayList<>(AbiFixtures.CLANG19_DEFAULT_FEATURES);
    runtimeFeatures.add(new TargetFeature(Prefix.DISALLOWED, "simd128"));

    List<String> findings =
        check("libsimd.so", simd, AbiFixtures.RUNTIME.withTargetFeatures(runtimeFeatures));

    assertEquals(1, findings.size());
    assertEquals(
        true,
        findings.get(0).contains(": the runtime's libpython disallows simd128;"),
        findings.get(0));
  }

  @Test
  void noSectionMeansNothingToCompare() {
    assertEquals(List.of(), check("libbare.so", AbiFixtures.bareLibrary()));
  }
}
