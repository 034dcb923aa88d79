package dev.componentize.core.abi;

import dev.componentize.core.dylink.TargetFeature;
import dev.componentize.core.dylink.TargetFeaturesSection;
import dev.componentize.core.dylink.TargetFeaturesSection.Prefix;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wasm features a library was compiled for ({@code target_features}, tool-conventions
 * Linking.md "Target Features Section") against those of the runtime's libpython. wasm-ld refuses a
 * feature one object uses ({@code +}) that another disallows ({@code -}); we apply the same rule
 * across libraries, which wasm-ld never sees together. Beyond that, features that change the ABI or
 * need runtime support (threads, wasm exceptions, 64-bit memory) are errors, and other features the
 * runtime does not use are warnings: the library works only on engines that support them.
 */
final class TargetFeatureCheck {
  private TargetFeatureCheck() {}

  /** Features a library cannot use unless the runtime was built with them too, and why. */
  private static final Map<String, String> ABI_FEATURES =
      Map.of(
          "atomics",
          "atomics needs a shared memory and a thread-aware libc, and the runtime's memory is not"
              + " shared",
          "shared-mem",
          "shared-mem needs the program's memory to be shared, and the runtime's is not",
          "exception-handling",
          "exception-handling makes C++ exceptions and longjmp unwind with wasm exceptions, which"
              + " the runtime's libc and libpython do not use",
          "memory64",
          "memory64 means 64-bit pointers, another ABI than the runtime's wasm32");

  static void check(
      CandidateLibrary library, WasmModule module, RuntimeIdentity runtime, List<Finding> out) {
    Optional<TargetFeaturesSection> section;
    try {
      section = TargetFeaturesSection.of(module);
    } catch (WasmFormatException e) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "has a malformed target_features section ("
                  + e.detail()
                  + " at offset "
                  + e.offset()
                  + ")",
              "the check cannot tell which wasm features it needs",
              Remedies.rebuild(runtime),
              Evidence.TARGET_FEATURES));
      return;
    }
    if (section.isEmpty()) {
      return;
    }
    List<String> enabled = runtime.enabledFeatures();
    List<String> disallowed = runtime.disallowedFeatures();
    List<String> fatal = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    for (TargetFeature feature : section.get().features()) {
      String name = feature.name();
      if (feature.prefix() == Prefix.DISALLOWED) {
        if (enabled.contains(name)) {
          fatal.add(feature.toString());
          reasons.add("it disallows " + name + ", which the runtime's libpython uses");
        }
      } else if (disallowed.contains(name)) {
        fatal.add(feature.toString());
        reasons.add("the runtime's libpython disallows " + name);
      } else if (!enabled.contains(name)) {
        if (ABI_FEATURES.containsKey(name)) {
          fatal.add(feature.toString());
          reasons.add(ABI_FEATURES.get(name));
        } else {
          unsupported.add(feature.toString());
        }
      }
    }
    String runtimeFeatures =
        "the runtime's libpython uses " + (enabled.isEmpty() ? "none" : String.join(", ", enabled));
    if (!fatal.isEmpty()) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "is compiled for wasm features " + String.join(", ", fatal),
              runtimeFeatures + ": " + String.join("; ", reasons),
              "rebuild it without them (no -pthread, -matomics, -fwasm-exceptions, -mwasm64)"
                  + " with "
                  + Remedies.sdk(runtime),
              Evidence.TARGET_FEATURES));
    }
    if (!unsupported.isEmpty()) {
      out.add(
          Finding.of(
              Severity.WARNING,
              library,
              "is compiled for wasm features " + String.join(", ", unsupported),
              runtimeFeatures
                  + ": the component will run only on engines that support them, the build's"
                  + " pre-initialization engine included",
              "to be safe, rebuild it without them (e.g. no -msimd128) with "
                  + Remedies.sdk(runtime),
              Evidence.TARGET_FEATURES));
    }
  }
}
