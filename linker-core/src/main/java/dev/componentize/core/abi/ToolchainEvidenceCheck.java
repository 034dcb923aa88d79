package dev.componentize.core.abi;

import dev.componentize.core.dylink.ProducersSection;
import dev.componentize.core.dylink.ToolchainIdentity;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wheel.TagCompatibility;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which toolchain built a library, compared with the runtime's (docs/design/toolchain-identity.md,
 * "How the check uses it"). Our {@code componentize.toolchain} section names the toolchain and the
 * wasi-libc revision, which decide the C ABI (struct layouts, {@code errno} values, {@code off_t});
 * without it, the {@code producers} section names only the compiler and a wheel tag only the
 * platform, so the libc cannot be verified: an error under {@link Policy#STRICT} (relaxed to a
 * warning by {@link Policy#WARN}) that says which weaker evidence there is.
 */
final class ToolchainEvidenceCheck {
  private ToolchainEvidenceCheck() {}

  static final String TARGET = "wasm32-wasi";

  static void check(
      CandidateLibrary library, WasmModule module, RuntimeIdentity runtime, List<Finding> out) {
    Optional<ToolchainIdentity> identity;
    try {
      identity = ToolchainIdentity.of(module);
    } catch (WasmFormatException e) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "has a malformed "
                  + ToolchainIdentity.NAME
                  + " section ("
                  + e.detail()
                  + " at offset "
                  + e.offset()
                  + ")",
              "the check cannot tell which toolchain built it",
              Remedies.rebuild(runtime),
              Evidence.TOOLCHAIN_SECTION));
      return;
    }
    if (identity.isPresent()) {
      compare(library, identity.get(), runtime, out);
    } else {
      weakerEvidence(library, module, runtime, out);
    }
  }

  private static void compare(
      CandidateLibrary library,
      ToolchainIdentity identity,
      RuntimeIdentity runtime,
      List<Finding> out) {
    Optional<String> toolchain = identity.toolchain();
    Optional<String> libc = identity.wasiLibc();
    if (toolchain.isEmpty() || libc.isEmpty()) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "has a "
                  + ToolchainIdentity.NAME
                  + " section without a 'toolchain' or 'wasi-libc' line",
              "both are needed to compare it with the runtime's "
                  + runtime.toolchain()
                  + " and wasi-libc "
                  + runtime.wasiLibcRevision(),
              Remedies.rebuild(runtime),
              Evidence.TOOLCHAIN_SECTION));
      return;
    }
    String built = "built with " + toolchain.get() + " against wasi-libc " + libc.get();
    boolean sameToolchain = toolchain.get().equals(runtime.toolchain());
    boolean sameLibc = libc.get().equals(runtime.wasiLibcRevision());
    if (!sameToolchain || !sameLibc) {
      String uses =
          sameToolchain
              ? "wasi-libc " + runtime.wasiLibcRevision()
              : sameLibc
                  ? runtime.toolchain()
                  : runtime.toolchain() + " with wasi-libc " + runtime.wasiLibcRevision();
      String why =
          sameLibc
              ? "the toolchain version changes whenever an ABI-relevant input does (libc flags,"
                  + " clang major version)"
              : "struct layouts and errno values differ";
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              built,
              "the runtime uses " + uses + ": " + why,
              Remedies.rebuild(runtime),
              Evidence.TOOLCHAIN_SECTION));
      return;
    }
    Optional<String> target = identity.target();
    if (target.isPresent() && !target.get().equals(TARGET)) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              built + " for target " + target.get(),
              "the runtime is built for " + TARGET,
              Remedies.rebuild(runtime),
              Evidence.TOOLCHAIN_SECTION));
      return;
    }
    Optional<String> compiler = identity.compiler();
    OptionalInt major = compiler.map(RuntimeIdentity::majorVersion).orElse(OptionalInt.empty());
    if (major.isPresent() && major.getAsInt() != runtime.clangMajor()) {
      out.add(
          Finding.of(
              Severity.WARNING,
              library,
              built + ", compiled by clang " + compiler.get(),
              "the runtime was compiled by clang "
                  + runtime.clangVersion()
                  + ": the wasm32 C ABI is meant to be stable across clang versions, but this mix"
                  + " is untested",
              "if it misbehaves, " + Remedies.rebuild(runtime),
              Evidence.TOOLCHAIN_SECTION));
      return;
    }
    out.add(
        Finding.of(
            Severity.INFO,
            library,
            built + compiler.map(c -> " by clang " + c).orElse("") + ": the same as the runtime",
            "",
            "",
            Evidence.TOOLCHAIN_SECTION));
  }

  private static void weakerEvidence(
      CandidateLibrary library, WasmModule module, RuntimeIdentity runtime, List<Finding> out) {
    String unverified =
        "nothing records which wasi-libc it was compiled against, so its C ABI cannot be"
            + " verified against the runtime's wasi-libc "
            + runtime.wasiLibcRevision();
    String fix =
        Remedies.rebuild(runtime)
            + " (it writes the "
            + ToolchainIdentity.NAME
            + " section); or, to link it unverified at your own risk, use the toolchain-check"
            + " policy WARN";
    Optional<ProducersSection> producers;
    String noProducers = "no producers section";
    try {
      producers = ProducersSection.of(module);
    } catch (WasmFormatException e) {
      producers = Optional.empty();
      noProducers =
          "an unreadable producers section (" + e.detail() + " at offset " + e.offset() + ")";
    }
    Optional<ProducersSection.Value> clang =
        producers.flatMap(
            p ->
                p.values(ProducersSection.PROCESSED_BY).stream()
                    .filter(v -> v.name().toLowerCase(Locale.ROOT).contains("clang"))
                    .findFirst());
    if (producers.isPresent() && !producers.get().fields().isEmpty()) {
      String languages =
          String.join(
              ", ",
              producers.get().values(ProducersSection.LANGUAGE).stream()
                  .map(v -> (v.name() + " " + v.version()).trim())
                  .toList());
      String said =
          clang
              .map(v -> "says it was compiled by " + v.name() + " " + v.version())
              .orElse(
                  "names no clang ("
                      + describe(producers.get().values(ProducersSection.PROCESSED_BY))
                      + ")");
      String required = unverified;
      if (clang.isPresent()) {
        OptionalInt major = RuntimeIdentity.majorVersion(clang.get().version());
        if (major.isPresent() && major.getAsInt() != runtime.clangMajor()) {
          required +=
              "; its clang major version also differs from the runtime's clang "
                  + runtime.clangVersion();
        }
      }
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "has no "
                  + ToolchainIdentity.NAME
                  + " section; its producers section "
                  + said
                  + (languages.isEmpty() ? "" : " from " + languages),
              required,
              fix,
              Evidence.PRODUCERS));
      return;
    }
    Optional<String> wasiTag =
        library.wheelPlatformTags().stream()
            .filter(t -> TagCompatibility.platform(t) == TagCompatibility.Platform.WASI)
            .findFirst();
    if (wasiTag.isPresent()) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "has no "
                  + ToolchainIdentity.NAME
                  + " section and "
                  + noProducers
                  + "; only its wheel's platform tag "
                  + wasiTag.get()
                  + " says it is for WASI",
              unverified,
              fix,
              Evidence.WHEEL_TAG));
      return;
    }
    out.add(
        Finding.of(
            Severity.ERROR,
            library,
            "has no " + ToolchainIdentity.NAME + " section and " + noProducers,
            unverified,
            fix,
            Evidence.NONE));
  }

  private static String describe(List<ProducersSection.Value> values) {
    if (values.isEmpty()) {
      return "no processed-by entry";
    }
    return "processed by "
        + String.join(
            ", ", values.stream().map(v -> (v.name() + " " + v.version()).trim()).toList());
  }
}
