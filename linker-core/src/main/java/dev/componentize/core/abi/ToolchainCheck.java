package dev.componentize.core.abi;

import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares native libraries with the runtime before linking (docs/toolchain-check.md): Emscripten
 * side modules, the CPython ABI tag of extension modules, the module structure ({@code dylink.0}),
 * the WASI flavour of the imports, a libc linked into an extension module, the toolchain identity
 * (our section, else weaker evidence) and the target features. A library that cannot work at all
 * (Emscripten, not wasm, not a dynamic library) gets one finding and no more, so the report stays
 * readable.
 */
public final class ToolchainCheck {

  private final RuntimeIdentity runtime;

  public ToolchainCheck(RuntimeIdentity runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  public RuntimeIdentity runtime() {
    return runtime;
  }

  /**
   * Checks every library under {@code policy}.
   *
   * @return every finding; under {@link Policy#WARN} errors are reported as warnings, under {@link
   *     Policy#OFF} nothing is checked
   * @throws ToolchainMismatchException under {@link Policy#STRICT} if there is any error; it lists
   *     them all
   */
  public CheckReport check(List<CandidateLibrary> libraries, Policy policy)
      throws ToolchainMismatchException {
    Objects.requireNonNull(policy, "policy");
    if (policy == Policy.OFF) {
      return CheckReport.skipped();
    }
    List<Finding> findings = new ArrayList<>();
    for (CandidateLibrary library : libraries) {
      for (Finding finding : inspect(library)) {
        findings.add(policy == Policy.WARN ? finding.asWarning() : finding);
      }
    }
    CheckReport report = new CheckReport(policy, findings);
    if (report.hasErrors()) {
      throw new ToolchainMismatchException(report);
    }
    return report;
  }

  /** The findings about one library, with the severities of {@link Policy#STRICT}. */
  public List<Finding> inspect(CandidateLibrary library) {
    List<Finding> out = new ArrayList<>();
    collect(library, out);
    return List.copyOf(out);
  }

  private void collect(CandidateLibrary library, List<Finding> out) {
    WasmModule module = null;
    WasmFormatException unreadable = null;
    try {
      module = WasmReader.read(library.label(), library.bytes());
    } catch (WasmFormatException e) {
      unreadable = e;
    }
    // Each step below that finds the library cannot work at all ends the inspection.
    EmscriptenSignals emscripten = EmscriptenSignals.of(library, Optional.ofNullable(module));
    if (emscripten.any()) {
      out.add(emscripten.finding(library, runtime));
      return;
    }
    if (library.extensionModule() && !ExtensionSuffixCheck.check(library, runtime, out)) {
      return;
    }
    if (module == null) {
      out.add(ModuleStructure.notWasm(library, unreadable, runtime));
      return;
    }
    if (!ModuleStructure.isLibrary(library, module, runtime, out)) {
      return;
    }
    WasiFlavourCheck.check(library, module, runtime, out);
    if (library.extensionModule()) {
      EmbeddedLibcCheck.check(library, module, runtime, out);
    }
    ToolchainEvidenceCheck.check(library, module, runtime, out);
    TargetFeatureCheck.check(library, module, runtime, out);
  }
}
