package dev.componentize.core.abi;

import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import java.util.List;
import java.util.Optional;

/**
 * Whether a candidate is a position-independent wasm library at all: a core module (spec 5.5.16)
 * with a {@code dylink.0} section (tool-conventions DynamicLinking.md), the only kind the linker
 * can place into the program's shared memory and table.
 */
final class ModuleStructure {
  private ModuleStructure() {}

  /** The finding for bytes {@link dev.componentize.core.wasm.WasmReader} refused. */
  static Finding notWasm(
      CandidateLibrary library, WasmFormatException problem, RuntimeIdentity runtime) {
    String found =
        hostBinary(library.bytes())
            .map(kind -> "is " + kind + ", not a WebAssembly module")
            .orElseGet(
                () ->
                    "is not a valid WebAssembly core module ("
                        + problem.detail()
                        + ", section '"
                        + problem.section()
                        + "' at offset "
                        + problem.offset()
                        + ")");
    return Finding.of(
        Severity.ERROR,
        library,
        found,
        "the linker needs position-independent wasm libraries (clang -fPIC -shared output with a"
            + " dylink.0 section)",
        Remedies.rebuild(runtime),
        Evidence.MODULE_STRUCTURE);
  }

  /**
   * Adds an error to {@code out} unless {@code module} is a dynamic library.
   *
   * @return whether it is one, so that the other checks make sense
   */
  static boolean isLibrary(
      CandidateLibrary library, WasmModule module, RuntimeIdentity runtime, List<Finding> out) {
    if (module.customSection(DylinkSection.LEGACY_NAME).isPresent()
        && module.customSection(DylinkSection.NAME).isEmpty()) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "has only the legacy 'dylink' section: it was built by LLVM before 13 or an old"
                  + " Emscripten",
              "the linker reads the 'dylink.0' section that LLVM 13 and later write",
              Remedies.rebuild(runtime),
              Evidence.MODULE_STRUCTURE));
      return false;
    }
    Optional<DylinkSection> dylink;
    try {
      dylink = DylinkSection.of(module);
    } catch (WasmFormatException e) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "has a malformed dylink.0 section (" + e.detail() + " at offset " + e.offset() + ")",
              "the linker needs it to lay out the library's memory and table",
              Remedies.rebuild(runtime),
              Evidence.MODULE_STRUCTURE));
      return false;
    }
    if (dylink.isEmpty()) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "has no dylink.0 section: it is not a position-independent library (a static"
                  + " program, a library linked without -shared, or one stripped by wasm-strip,"
                  + " which drops dylink.0)",
              "the linker can only place libraries with dylink.0 into the program's shared memory"
                  + " and table",
              Remedies.rebuild(runtime)
                  + "; strip debug information with -Wl,--strip-debug instead of wasm-strip",
              Evidence.MODULE_STRUCTURE));
      return false;
    }
    return true;
  }

  /** What native format {@code bytes} are in, judged by their magic number. */
  private static Optional<String> hostBinary(byte[] bytes) {
    if (startsWith(bytes, 0x7f, 'E', 'L', 'F')) {
      return Optional.of("an ELF binary (native code for Linux or another Unix)");
    }
    if (startsWith(bytes, 0xcf, 0xfa, 0xed, 0xfe)
        || startsWith(bytes, 0xce, 0xfa, 0xed, 0xfe)
        || startsWith(bytes, 0xca, 0xfe, 0xba, 0xbe)) {
      return Optional.of("a Mach-O binary (native code for macOS)");
    }
    if (startsWith(bytes, 'M', 'Z')) {
      return Optional.of("a PE binary (native code for Windows)");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
