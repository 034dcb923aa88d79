package dev.componentize.core.wheel;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises native extension modules in a wheel by name and by their first bytes.
 *
 * <p>CPython imports an extension module {@code m} from a file {@code m} + one of its extension
 * suffixes; for CPython 3.13 on WASI those are {@code .cpython-313-wasm32-wasi.so} (the SOABI),
 * {@code .abi3.so} (the stable ABI, PEP 384) and a bare {@code .so}. Any other SOABI in a file name
 * means the file was built for another interpreter or platform, which we say precisely instead of
 * letting the import fail at run time.
 */
final class NativeFiles {
  private NativeFiles() {}

  /** {@code \0asm} then the core module version 1 (WebAssembly core spec 5.5.16, "Modules"). */
  static final int HEADER_LENGTH = 8;

  private static final Pattern SOABI =
      Pattern.compile(".*\\.cpython-([0-9])([0-9]+)([a-z]*)-([A-Za-z0-9_-]+)\\.so");

  /**
   * Decides whether a file is a native extension module and returns its module name.
   *
   * @param sitePath the file's path relative to site-packages, with {@code /} separators
   * @return the dotted module name, or empty if the file is not native code
   * @throws WheelException if the name says the file was built for another platform or Python
   */
  static Optional<String> moduleName(
      String wheel, String entry, String sitePath, TargetRuntime runtime) throws WheelException {
    String lower = sitePath.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pyd") || lower.endsWith(".dll")) {
      throw new WheelException(wheel, entry, hostBinary("a Windows DLL", runtime));
    }
    if (lower.endsWith(".dylib")) {
      throw new WheelException(wheel, entry, hostBinary("a macOS dynamic library", runtime));
    }
    if (!sitePath.endsWith(".so")) {
      return Optional.empty();
    }
    if (sitePath.endsWith(runtime.extensionSuffix())) {
      return Optional.of(dotted(sitePath, runtime.extensionSuffix()));
    }
    if (sitePath.endsWith(".abi3.so")) {
      return Optional.of(dotted(sitePath, ".abi3.so"));
    }
    Matcher soabi = SOABI.matcher(sitePath);
    if (soabi.matches()) {
      throw new WheelException(wheel, entry, wrongSoabi(soabi, runtime));
    }
    String file = sitePath.substring(sitePath.lastIndexOf('/') + 1);
    if (file.indexOf('.') != file.length() - ".so".length()) {
      throw new WheelException(
          wheel,
          entry,
          "is a shared library whose suffix CPython "
              + runtime.version()
              + " on WASI does not import: extension modules are named"
              + " <module>"
              + runtime.extensionSuffix()
              + ", <module>.abi3.so or <module>.so");
    }
    return Optional.of(dotted(sitePath, ".so"));
  }

  /**
   * Checks that a native file starts with the header of a WebAssembly core module.
   *
   * @param head the file's first bytes (fewer than {@link #HEADER_LENGTH} if the file is shorter)
   */
  static void checkHeader(String wheel, String entry, byte[] head, TargetRuntime runtime)
      throws WheelException {
    if (startsWith(head, 0x00, 'a', 's', 'm')) {
      if (head.length >= HEADER_LENGTH
          && head[4] == 1
          && head[5] == 0
          && head[6] == 0
          && head[7] == 0) {
        return;
      }
      if (head.length >= HEADER_LENGTH && head[6] == 1 && head[7] == 0) {
        // Component binaries share the magic and use layer 1 in bytes 6-7 (component model
        // Binary.md, "Component Definitions").
        throw new WheelException(
            wheel,
            entry,
            "is a WebAssembly component, not a core module; an extension module must be a"
                + " position-independent core module built with clang -shared (wasm-ld"
                + " --shared)");
      }
      throw new WheelException(
          wheel, entry, "has an unsupported WebAssembly binary version; expected version 1");
    }
    if (startsWith(head, 0x7f, 'E', 'L', 'F')) {
      throw new WheelException(wheel, entry, hostBinary("an ELF (Linux/Unix) binary", runtime));
    }
    if (startsWith(head, 0xcf, 0xfa, 0xed, 0xfe)
        || startsWith(head, 0xce, 0xfa, 0xed, 0xfe)
        || startsWith(head, 0xca, 0xfe, 0xba, 0xbe)) {
      throw new WheelException(wheel, entry, hostBinary("a Mach-O (macOS) binary", runtime));
    }
    if (startsWith(head, 'M', 'Z')) {
      throw new WheelException(wheel, entry, hostBinary("a Windows PE binary", runtime));
    }
    throw new WheelException(
        wheel,
        entry,
        "is named like an extension module but is not a WebAssembly module (it does not start"
            + " with \\0asm); rebuild it for wasm32-wasi");
  }

  private static String wrongSoabi(Matcher soabi, TargetRuntime runtime) {
    String version = soabi.group(1) + "." + soabi.group(2);
    String flags = soabi.group(3);
    String platform = soabi.group(4);
    if (platform.contains("emscripten")) {
      return "is an Emscripten (Pyodide) extension module ("
          + platform
          + "): Emscripten side modules use Emscripten's C ABI and JavaScript-provided imports"
          + " and cannot run in a WASI component; rebuild it for wasm32-wasi (clang"
          + " --target=wasm32-wasi -fPIC -shared against the runtime bundle's sysroot), named"
          + " <module>"
          + runtime.extensionSuffix();
    }
    if (!platform.startsWith("wasm32-wasi")) {
      return hostBinary("built for " + platform, runtime);
    }
    if (!flags.isEmpty()) {
      return "is built for CPython "
          + version
          + flags
          + " (ABI flags '"
          + flags
          + "', e.g. t = free-threaded); the runtime is the default CPython "
          + runtime.version()
          + " build, which imports <module>"
          + runtime.extensionSuffix();
    }
    if (!version.equals(runtime.version())) {
      return "is built for CPython "
          + version
          + "; the runtime is CPython "
          + runtime.version()
          + " and extension modules only load into the version they were compiled for: rebuild"
          + " it against CPython "
          + runtime.version()
          + " (or for the stable ABI, named <module>.abi3.so)";
    }
    return "is named for platform "
        + platform
        + "; CPython "
        + runtime.version()
        + " on WASI imports <module>"
        + runtime.extensionSuffix();
  }

  private static String hostBinary(String what, TargetRuntime runtime) {
    return "is "
        + what
        + ": native machine code for a host operating system, which cannot run inside"
        + " WebAssembly. Use a pure-Python wheel of the project, or cross-compile the extension"
        + " for wasm32-wasi (clang --target=wasm32-wasi -fPIC -shared against the runtime bundle's"
        + " sysroot) so that it is named <module>"
        + runtime.extensionSuffix();
  }

  private static String dotted(String sitePath, String suffix) {
    return sitePath.substring(0, sitePath.length() - suffix.length()).replace('/', '.');
  }

  private static boolean startsWith(byte[] head, int... expected) {
    if (head.length < expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((head[i] & 0xff) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
