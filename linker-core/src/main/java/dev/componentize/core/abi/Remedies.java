package dev.componentize.core.abi;

/** The fix texts findings share. */
final class Remedies {
  private Remedies() {}

  /**
   * How to build a library the runtime accepts: with the bundle's compiler driver, which sets the
   * sysroot and CPython headers and records the toolchain in the library (docs/wheels.md).
   */
  static String sdk(RuntimeIdentity runtime) {
    return "the runtime bundle's SDK: its compiler driver <bundle>/sdk/bin/wasm32-wasi-clang"
        + " runs clang-"
        + runtime.clangMajor()
        + " with the runtime's target, sysroot, CPython "
        + runtime.pythonMinorVersion()
        + " headers and -fPIC, records the toolchain in every object, and links with -shared"
        + " against the runtime's libc.so and libpython"
        + runtime.pythonMinorVersion()
        + ".so";
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
