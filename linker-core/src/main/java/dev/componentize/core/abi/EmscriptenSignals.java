package dev.componentize.core.abi;

import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.dylink.ProducersSection;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wheel.TagCompatibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs that a library is an Emscripten side module (Pyodide's extension modules are). Emscripten's
 * libc is musl-based with its own struct layouts, and its system calls, C++ exception and longjmp
 * support and memory growth notifications are imported from Emscripten's JavaScript glue: {@code
 * env.__syscall_*}, {@code env.invoke_*}, {@code env.emscripten_*}, and with Asyncify {@code
 * __asyncify_*} globals. A WASI component has none of these, so such a module can never work,
 * whatever its other metadata says.
 *
 * @param imports the imports that give it away, as {@code module.field}
 * @param soabi the Emscripten SOABI in the file name, e.g. {@code cpython-312-wasm32-emscripten}
 * @param wheelTag an Emscripten/Pyodide platform tag of the wheel
 * @param producer an Emscripten entry of the {@code producers} section
 * @param legacyDylink whether the module has the pre-{@code dylink.0} {@code dylink} section, which
 *     only old toolchains (old Emscripten among them) write; shown only with the other signs
 */
record EmscriptenSignals(
    List<String> imports,
    Optional<String> soabi,
    Optional<String> wheelTag,
    Optional<String> producer,
    boolean legacyDylink) {

  private static final Pattern SOABI =
      Pattern.compile(".*\\.(cpython-[0-9a-z]+-[a-z0-9_-]*emscripten[a-z0-9_-]*)\\.so");

  // Name prefixes of imports only Emscripten's JavaScript runtime provides.
  private static final List<String> EMSCRIPTEN_ONLY =
      List.of("emscripten_", "__syscall_", "invoke_", "__asyncify_");
  // libc++abi entry points: a WASI C++ library imports them too, so they only count with the
  // others.
  private static final String CXA = "__cxa_";
  private static final int SHOWN_IMPORTS = 5;

  EmscriptenSignals {
    imports = List.copyOf(imports);
  }

  static EmscriptenSignals of(CandidateLibrary library, Optional<WasmModule> module) {
    List<String> strong = new ArrayList<>();
    List<String> cxa = new ArrayList<>();
    boolean legacy = false;
    Optional<String> producer = Optional.empty();
    if (module.isPresent()) {
      for (Import imp : module.get().imports()) {
        boolean env = imp.module().equals("env");
        boolean gotMem = imp.module().equals("GOT.mem");
        String name = imp.module() + "." + imp.name();
        if ((env || gotMem) && EMSCRIPTEN_ONLY.stream().anyMatch(imp.name()::startsWith)) {
          strong.add(name);
        } else if (env && imp.name().startsWith(CXA)) {
          cxa.add(name);
        }
      }
      legacy =
          module.get().customSection(DylinkSection.LEGACY_NAME).isPresent()
              && module.get().customSection(DylinkSection.NAME).isEmpty();
      producer = emscriptenProducer(module.get());
    }
    List<String> imports = new ArrayList<>(strong);
    if (!strong.isEmpty()) {
      imports.addAll(cxa);
    }
    Matcher soabi = SOABI.matcher(library.fileName().toLowerCase(Locale.ROOT));
    Optional<String> wheelTag =
        library.wheelPlatformTags().stream()
            .filter(t -> TagCompatibility.platform(t) == TagCompatibility.Platform.EMSCRIPTEN)
            .findFirst();
    return new EmscriptenSignals(
        imports,
        soabi.matches() ? Optional.of(soabi.group(1)) : Optional.empty(),
        wheelTag,
        producer,
        legacy);
  }

  private static Optional<String> emscriptenProducer(WasmModule module) {
    try {
      return ProducersSection.of(module).stream()
          .flatMap(p -> p.fields().stream())
          .flatMap(f -> f.values().stream())
          .filter(v -> v.name().toLowerCase(Locale.ROOT).contains("emscripten"))
          .map(v -> (v.name() + " " + v.version()).trim())
          .findFirst();
    } catch (WasmFormatException e) {
      // A malformed producers section is reported by the toolchain evidence check.
      return Optional.empty();
    }
  }

  /** Whether anything but the legacy section points at Emscripten. */
  boolean any() {
    return !imports.isEmpty() || soabi.isPresent() || wheelTag.isPresent() || producer.isPresent();
  }

  Finding finding(CandidateLibrary library, RuntimeIdentity runtime) {
    List<String> signs = new ArrayList<>();
    if (!imports.isEmpty()) {
      signs.add("imports (" + shownImports() + ")");
    }
    soabi.ifPresent(s -> signs.add("file name's ABI tag " + s));
    producer.ifPresent(p -> signs.add("producers entry '" + p + "'"));
    wheelTag.ifPresent(t -> signs.add("wheel tag " + t));
    if (legacyDylink) {
      signs.add("legacy 'dylink' section");
    }
    Evidence evidence =
        !imports.isEmpty()
            ? Evidence.IMPORTS
            : soabi.isPresent()
                ? Evidence.FILE_NAME
                : producer.isPresent() ? Evidence.PRODUCERS : Evidence.WHEEL_TAG;
    // "its imports (...) expect", "its file name's ABI tag ... shows", "its A and B show".
    String verb =
        signs.size() > 1 ? " show it expects" : imports.isEmpty() ? " shows it expects" : " expect";
    return Finding.of(
        Severity.ERROR,
        library,
        "built for Emscripten (Pyodide)",
        "its "
            + String.join(" and ", signs)
            + verb
            + " Emscripten's JavaScript runtime (emscripten_*, __syscall_*, invoke_*) and its"
            + " musl-based libc ABI, which a WASI component does not have",
        "rebuild the extension for wasm32-wasi with " + Remedies.sdk(runtime),
        evidence);
  }

  private String shownImports() {
    if (imports.size() <= SHOWN_IMPORTS) {
      return String.join(", ", imports);
    }
    return String.join(", ", imports.subList(0, SHOWN_IMPORTS))
        + " and "
        + (imports.size() - SHOWN_IMPORTS)
        + " more";
  }
}
