package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.componentize.core.dylink.TargetFeature;
import dev.componentize.core.dylink.TargetFeaturesSection.Prefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeIdentityTest {

  static final Path MANIFEST = Path.of("src/test/resources/abi/manifest.json");

  @TempDir Path bundle;

  private static String manifest() throws IOException {
    return Files.readString(MANIFEST, StandardCharsets.UTF_8);
  }

  @Test
  void manifestGivesTheToolchainAndCpython() throws IOException, RuntimeBundleException {
    RuntimeIdentity identity =
        RuntimeIdentity.fromManifest(
            "manifest.json", manifest(), AbiFixtures.CLANG19_DEFAULT_FEATURES);

    assertEquals(AbiFixtures.RUNTIME, identity);
    assertEquals("componentize-wasi 1", identity.toolchain());
    assertEquals("3.13", identity.pythonMinorVersion());
    assertEquals(19, identity.clangMajor());
  }

  @Test
  void bundleAddsTheFeaturesOfItsLibpython()
      throws IOException, InterruptedException, RuntimeBundleException {
    AbiFixtures.assumeClang();
    Files.writeString(bundle.resolve("manifest.json"), manifest());
    Path lib = Files.createDirectories(bundle.resolve("lib"));
    Files.write(
        lib.resolve("libpython3.13.so"),
        AbiFixtures.library(bundle, "built.so", null, List.of("-msimd128"), "simd.c"));

    RuntimeIdentity identity = RuntimeIdentity.fromBundle(bundle);

    assertEquals(
        List.of("multivalue", "mutable-globals", "reference-types", "sign-ext", "simd128"),
        identity.enabledFeatures());
    assertEquals(List.of(), identity.disallowedFeatures());
  }

  @Test
  void realBundleIsReadAsItsBuildRecordedIt() throws RuntimeBundleException {
    Path real = RuntimeBundles.assumeBuilt();

    RuntimeIdentity identity = RuntimeIdentity.fromBundle(real);

    assertEquals("componentize-wasi", identity.toolchainName());
    assertEquals("9886d3d", identity.wasiLibcRevision());
    assertEquals("cpython-313-wasm32-wasi", identity.soabi());
    assertEquals(AbiFixtures.RUNTIME.targetFeatures(), identity.targetFeatures());
    assertEquals(
        List.of("multivalue", "mutable-globals", "reference-types", "sign-ext"),
        identity.enabledFeatures());
  }

  @Test
  void missingManifestSaysWhichFile() {
    RuntimeBundleException e =
        assertThrows(RuntimeBundleException.class, () -> RuntimeIdentity.fromBundle(bundle));

    assertEquals(bundle.resolve("manifest.json").toString(), e.file());
  }

  @Test
  void missingLibpythonSaysWhichFile() throws IOException {
    Files.writeString(bundle.resolve("manifest.json"), manifest());

    RuntimeBundleException e =
        assertThrows(RuntimeBundleException.class, () -> RuntimeIdentity.fromBundle(bundle));

    assertEquals(bundle.resolve("lib/libpython3.13.so").toString(), e.file());
  }

  @Test
  void missingFieldIsNamed() throws IOException {
    String json = manifest().replace("\"wasiLibcRevision\": \"9886d3d\",", "");

    RuntimeBundleException e =
        assertThrows(
            RuntimeBundleException.class,
            () -> RuntimeIdentity.fromManifest("m.json", json, List.of()));

    assertEquals(
        "m.json: 'toolchain.wasiLibcRevision' is missing or not a string in the manifest",
        e.getMessage());
  }

  @Test
  void unknownManifestFormatIsRefused() throws IOException {
    String json = manifest().replace("\"format\": 1,", "\"format\": 2,");

    RuntimeBundleException e =
        assertThrows(
            RuntimeBundleException.class,
            () -> RuntimeIdentity.fromManifest("m.json", json, List.of()));

    assertEquals(
        "m.json: manifest format 2 is not supported (this reader knows format 1); use a runtime"
            + " bundle made for this plugin version",
        e.getMessage());
  }

  @Test
  void suffixThatDisagreesWithTheSoabiIsRefused() throws IOException {
    String json = manifest().replace(".cpython-313-wasm32-wasi.so", ".cpython-312-wasm32-wasi.so");

    RuntimeBundleException e =
        assertThrows(
            RuntimeBundleException.class,
            () -> RuntimeIdentity.fromManifest("m.json", json, List.of()));

    assertEquals(
        "m.json: extSuffix '.cpython-312-wasm32-wasi.so' does not match soabi"
            + " 'cpython-313-wasm32-wasi'",
        e.getMessage());
  }

  @Test
  void featurePrefixesSplitIntoEnabledAndDisallowed() {
    RuntimeIdentity identity =
        AbiFixtures.RUNTIME.withTargetFeatures(
            List.of(
                new TargetFeature(Prefix.USED, "sign-ext"),
                new TargetFeature(Prefix.REQUIRED, "mutable-globals"),
                new TargetFeature(Prefix.DISALLOWED, "atomics")));

    assertEquals(List.of("+sign-ext", "=mutable-globals", "-atomics"), identity.targetFeatures());
    assertEquals(List.of("sign-ext", "mutable-globals"), identity.enabledFeatures());
    assertEquals(List.of("atomics"), identity.disallowedFeatures());
  }

  @Test
  void aTargetFeatureWithoutPrefixIsRejected() {
    RuntimeIdentity runtime = AbiFixtures.RUNTIME;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RuntimeIdentity(
                    runtime.toolchainName(),
                    runtime.toolchainVersion(),
                    runtime.wasiLibcRevision(),
                    runtime.clangVersion(),
                    runtime.pythonVersion(),
                    runtime.soabi(),
                    runtime.extSuffix(),
                    List.of("+sign-ext", "atomics")));
    assertEquals("target feature 'atomics' is not a prefix (+, - or =) and a name", e.getMessage());
  }

  @Test
  void compilerMajorVersionIsReadFromTheUsualSpellings() {
    assertEquals(OptionalInt.of(19), RuntimeIdentity.majorVersion("19.1.7 (3~deb12u1)"));
    assertEquals(OptionalInt.of(18), RuntimeIdentity.majorVersion("Debian clang version 18.1.8"));
    assertEquals(OptionalInt.empty(), RuntimeIdentity.majorVersion("unknown"));
  }
}
