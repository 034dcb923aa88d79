package dev.componentize.core.abi;

/** The fix texts findings share. */
final class Remedies {
  private Remedies() {}

  /**
   * How to build a library the runtime accepts: with the bundle's sysroot (whose {@code
   * <wasi/toolchain-id.h>} also records the toolchain in the library) and CPython headers.
   */
  static String sdk(RuntimeIdentity runtime) {
    return "the runtime bundle's SDK (clang-"
        + runtime.clangMajor()
        + " --target=wasm32-wasi --sysroot=<bundle>/sdk/sysroot -I<bundle>/sdk/include/python"
        + runtime.pythonMinorVersion()
        + " -fPIC -fvisibility=default, linked with -shared)";
  }

  /** {@code rebuild it with <sdk>}. */
  static String rebuild(RuntimeIdentity runtime) {
    return "rebuild it with " + sdk(runtime);
  }

  /** The file names CPython on the runtime imports for module {@code m}. */
  static String importedNames(RuntimeIdentity runtime) {
    return "<module>" + runtime.extSuffix() + ", <module>.abi3.so or <module>.so";
  }
}
