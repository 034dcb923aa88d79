package dev.componentize.core.abi;

import dev.componentize.core.dylink.TargetFeature;
import dev.componentize.core.dylink.TargetFeaturesSection;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the CPython runtime bundle was built with, which every native library must match.
 *
 * @param toolchainName e.g. {@code componentize-wasi} (docs/design/toolchain-identity.md)
 * @param toolchainVersion e.g. {@code 1}; bumped on any ABI-relevant change
 * @param wasiLibcRevision e.g. {@code 9886d3d}
 * @param clangVersion the clang that built the sysroot, e.g. {@code 19.1.7}
 * @param pythonVersion e.g. {@code 3.13.5}
 * @param soabi e.g. {@code cpython-313-wasm32-wasi}
 * @param extSuffix e.g. {@code .cpython-313-wasm32-wasi.so}
 * @param targetFeatures the {@code target_features} of the runtime's libpython, each as the section
 *     writes it, its prefix then its name: the wasm features libraries may use ({@code +sign-ext},
 *     or {@code =} from an older LLVM) and must not use ({@code -atomics})
 */
public record RuntimeIdentity(
    String toolchainName,
    String toolchainVersion,
    String wasiLibcRevision,
    String clangVersion,
    String pythonVersion,
    String soabi,
    String extSuffix,
    List<String> targetFeatures) {

  /** The bundle's description of itself, written by runtime/src/main/tools/bundle_tool.py. */
  public static final String MANIFEST = "manifest.json";

  /** The {@code format} of {@value #MANIFEST} this reader knows. */
  public static final long MANIFEST_FORMAT = 1;

  private static final Pattern VERSION = Pattern.compile("([0-9]+)\\.([0-9]+)(?:\\..*)?");
  private static final String FEATURE_PREFIXES = "+-=";
  private static final String DISALLOWED =
      String.valueOf(TargetFeaturesSection.Prefix.DISALLOWED.symbol());
  private static final Pattern LEADING_NUMBER = Pattern.compile("\\D*?([0-9]+)\\..*");

  public RuntimeIdentity {
    requireText(toolchainName, "toolchainName");
    requireText(toolchainVersion, "toolchainVersion");
    requireText(wasiLibcRevision, "wasiLibcRevision");
    requireText(clangVersion, "clangVersion");
    requireText(pythonVersion, "pythonVersion");
    requireText(soabi, "soabi");
    requireText(extSuffix, "extSuffix");
    if (!VERSION.matcher(pythonVersion).matches()) {
      throw new IllegalArgumentException("pythonVersion '" + pythonVersion + "' is not x.y[.z]");
    }
    if (!extSuffix.equals("." + soabi + ".so")) {
      throw new IllegalArgumentException(
          "extSuffix '" + extSuffix + "' does not match soabi '" + soabi + "'");
    }
    targetFeatures = List.copyOf(targetFeatures);
    for (String feature : targetFeatures) {
      if (feature.length() < 2 || FEATURE_PREFIXES.indexOf(feature.charAt(0)) < 0) {
        throw new IllegalArgumentException(
            "target feature '" + feature + "' is not a prefix (+, - or =) and a name");
      }
    }
  }

  /** The target features as {@link #targetFeatures} holds them, e.g. {@code +sign-ext}. */
  private static List<String> texts(List<TargetFeature> features) {
    return features.stream().map(TargetFeature::toString).toList();
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is empty");
    }
  }

  /**
   * Reads the identity of the runtime bundle in {@code bundle}: {@value #MANIFEST} for the
   * toolchain and CPython, and {@code lib/libpython<major>.<minor>.so} for the target features.
   */
  public static RuntimeIdentity fromBundle(Path bundle) throws RuntimeBundleException {
    Path manifest = bundle.resolve(MANIFEST);
    String json;
    try {
      json = Files.readString(manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RuntimeBundleException(
          manifest.toString(),
          "cannot read the runtime bundle's manifest (" + e + "); is this a runtime bundle?",
          e);
    }
    // The features are read from libpython itself: the manifest does not record them.
    RuntimeIdentity withoutFeatures = fromManifest(manifest.toString(), json, List.of());
    Path libpython = bundle.resolve("lib/libpython" + withoutFeatures.pythonMinorVersion() + ".so");
    List<TargetFeature> features;
    try {
      WasmModule module = WasmReader.read(libpython);
      features =
          TargetFeaturesSection.of(module).map(TargetFeaturesSection::features).orElse(List.of());
    } catch (IOException e) {
      throw new RuntimeBundleException(
          libpython.toString(), "cannot read the runtime's libpython (" + e + ")", e);
    } catch (WasmFormatException e) {
      throw new RuntimeBundleException(
          libpython.toString(), "the runtime's libpython is malformed: " + e.getMessage(), e);
    }
    return withoutFeatures.withTargetFeatures(features);
  }

  /**
   * Reads the identity from the text of a {@value #MANIFEST} ({@code toolchain} and {@code python}
   * objects), with the target features the caller read from the runtime's libpython.
   *
   * @param file the manifest's name, for messages
   */
  static RuntimeIdentity fromManifest(String file, String json, List<TargetFeature> features)
      throws RuntimeBundleException {
    Object root = Json.parse(file, json);
    if (!(root instanceof Map<?, ?> top)) {
      throw new RuntimeBundleException(file, "the manifest is not a JSON object");
    }
    Object format = top.get("format");
    if (!(format instanceof Long number) || number != MANIFEST_FORMAT) {
      throw new RuntimeBundleException(
          file,
          "manifest format "
              + format
              + " is not supported (this reader knows format "
              + MANIFEST_FORMAT
              + "); use a runtime bundle made for this plugin version");
    }
    Map<?, ?> toolchain = object(file, top, "toolchain");
    Map<?, ?> python = object(file, top, "python");
    try {
      return new RuntimeIdentity(
          text(file, toolchain, "toolchain", "name"),
          text(file, toolchain, "toolchain", "version"),
          text(file, toolchain, "toolchain", "wasiLibcRevision"),
          text(file, toolchain, "toolchain", "clang"),
          text(file, python, "python", "version"),
          text(file, python, "python", "soabi"),
          text(file, python, "python", "extSuffix"),
          texts(features));
    } catch (IllegalArgumentException e) {
      throw new RuntimeBundleException(file, e.getMessage());
    }
  }

  private static Map<?, ?> object(String file, Map<?, ?> parent, String name)
      throws RuntimeBundleException {
    if (parent.get(name) instanceof Map<?, ?> map) {
      return map;
    }
    throw new RuntimeBundleException(file, "no object '" + name + "' in the manifest");
  }

  private static String text(String file, Map<?, ?> parent, String parentName, String name)
      throws RuntimeBundleException {
    if (parent.get(name) instanceof String value) {
      return value;
    }
    throw new RuntimeBundleException(
        file, "'" + parentName + "." + name + "' is missing or not a string in the manifest");
  }

  /** The same identity with other target features. */
  RuntimeIdentity withTargetFeatures(List<TargetFeature> features) {
    return new RuntimeIdentity(
        toolchainName,
        toolchainVersion,
        wasiLibcRevision,
        clangVersion,
        pythonVersion,
        soabi,
        extSuffix,
        texts(features));
  }

  /**
   * The value a matching library's {@code toolchain=} line has, e.g. {@code componentize-wasi 1}.
   */
  public String toolchain() {
    return toolchainName + " " + toolchainVersion;
  }

  /** e.g. {@code 3.13}. */
  public String pythonMinorVersion() {
    Matcher m = VERSION.matcher(pythonVersion);
    if (!m.matches()) {
      throw new IllegalStateException(pythonVersion);
    }
    return m.group(1) + "." + m.group(2);
  }

  /** The major version of the runtime's clang, e.g. 19. */
  public int clangMajor() {
    return majorVersion(clangVersion).orElseThrow();
  }

  /**
   * The leading major version number of a compiler version text such as {@code 19.1.7 (3~deb12u1)}
   * or {@code Debian clang version 18.1.8}, if it has one.
   */
  static OptionalInt majorVersion(String version) {
    Matcher m = LEADING_NUMBER.matcher(version);
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** Feature names the runtime's libpython uses ({@code +} or {@code =}), in section order. */
  public List<String> enabledFeatures() {
    return targetFeatures.stream()
        .filter(f -> !f.startsWith(DISALLOWED))
        .map(f -> f.substring(1))
        .toList();
  }

  /** Feature names the runtime's libpython forbids in anything linked with it ({@code -}). */
  public List<String> disallowedFeatures() {
    return targetFeatures.stream()
        .filter(f -> f.startsWith(DISALLOWED))
        .map(f -> f.substring(1))
        .toList();
  }
}
