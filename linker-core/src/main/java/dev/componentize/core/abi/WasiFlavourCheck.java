package dev.componentize.core.abi;

import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.WasmModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which WASI a library calls, judged by its import module names. The runtime's wasi-libc calls WASI
 * preview 1 ({@code wasi_snapshot_preview1}), which the component's preview1 adapter maps onto WASI
 * 0.2 once for the whole program; libraries must call the same interface through the same libc.
 */
final class WasiFlavourCheck {
  private WasiFlavourCheck() {}

  static final String PREVIEW1 = "wasi_snapshot_preview1";
  static final String PREVIEW0 = "wasi_unstable";

  // Modules whose imports the linker resolves (DynamicLinking.md: env, GOT.mem, GOT.func).
  private static final List<String> LINKER_MODULES = List.of("env", "GOT.mem", "GOT.func");
  private static final int SHOWN = 3;

  static void check(
      CandidateLibrary library, WasmModule module, RuntimeIdentity runtime, List<Finding> out) {
    Map<String, List<String>> byModule = new LinkedHashMap<>();
    for (Import imp : module.imports()) {
      if (!imp.module().equals(PREVIEW1) && !LINKER_MODULES.contains(imp.module())) {
        byModule.computeIfAbsent(imp.module(), m -> new ArrayList<>()).add(imp.name());
      }
    }
    List<String> preview2 = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : byModule.entrySet()) {
      String name = entry.getKey();
      if (name.startsWith("wasi:")) {
        preview2.add(name);
      } else if (name.equals(PREVIEW0)) {
        out.add(
            Finding.of(
                Severity.ERROR,
                library,
                "imports WASI preview 0 (" + PREVIEW0 + ": " + shown(entry.getValue()) + ")",
                "the runtime's wasi-libc "
                    + runtime.wasiLibcRevision()
                    + " calls WASI preview 1 ("
                    + PREVIEW1
                    + "): preview 0 has other constants and struct layouts, and the component's"
                    + " adapter provides only preview 1",
                Remedies.rebuild(runtime),
                Evidence.IMPORTS));
      } else if (name.startsWith("wasix")) {
        out.add(
            Finding.of(
                Severity.ERROR,
                library,
                "built for WASIX (imports " + name + ": " + shown(entry.getValue()) + ")",
                "WASIX is Wasmer's extension of WASI with its own libc, which a component host"
                    + " does not provide",
                Remedies.rebuild(runtime),
                Evidence.IMPORTS));
      } else {
        others.add(name + " (" + shown(entry.getValue()) + ")");
      }
    }
    if (!preview2.isEmpty()) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "built for WASI 0.2 (wasm32-wasip2): it imports component-model interfaces directly ("
                  + shown(preview2)
                  + ")",
              "the runtime and every library linked with it call WASI preview 1 ("
                  + PREVIEW1
                  + ") through one shared wasi-libc "
                  + runtime.wasiLibcRevision()
                  + ", which the component's adapter maps onto WASI 0.2; a wasip2 build carries"
                  + " another wasi-libc flavour with its own struct layouts and file descriptor"
                  + " table",
              "rebuild it for --target=wasm32-wasi (preview 1) with " + Remedies.sdk(runtime),
              Evidence.IMPORTS));
    }
    if (!others.isEmpty()) {
      out.add(
          Finding.of(
              Severity.WARNING,
              library,
              "imports from " + String.join(", ", others),
              "neither the linker (env, GOT.mem, GOT.func) nor WASI preview 1 provides these"
                  + " modules, so linking fails unless something else supplies them",
              "check how the library was built; " + Remedies.rebuild(runtime),
              Evidence.IMPORTS));
    }
  }

  /** The first few names and how many more there are. */
  static String shown(List<String> names) {
    if (names.size() <= SHOWN) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
  }
}
