package dev.componentize.core.wheel;

/**
 * The Python runtime wheels are checked against: CPython {@code major.minor} compiled for
 * wasm32-wasi. It fixes the accepted interpreter and ABI tags and the file name suffix of native
 * extension modules.
 */
public record TargetRuntime(int pythonMajor, int pythonMinor) {

  /** The runtime componentize-maven ships: CPython 3.13 for wasm32-wasi. */
  public static final TargetRuntime CPYTHON_3_13 = new TargetRuntime(3, 13);

  public TargetRuntime {
    if (pythonMajor != 3 || pythonMinor < 2) {
      // abi3 starts at 3.2 (PEP 384); older interpreters are not a target anyone can build.
      throw new IllegalArgumentException("unsupported Python " + pythonMajor + "." + pythonMinor);
    }
  }

  /** The CPython interpreter and ABI tag, e.g. {@code cp313} (PEP 425). */
  public String cpythonTag() {
    return "cp" + pythonMajor + pythonMinor;
  }

  /** The version as people write it, e.g. {@code 3.13}. */
  public String version() {
    return pythonMajor + "." + pythonMinor;
  }

  /**
   * The file name suffix CPython's importer looks for on this platform: {@code .} SOABI {@code
   * .so}, where CPython's configure sets SOABI to {@code cpython-313-wasm32-wasi} for WASI.
   */
  public String extensionSuffix() {
    return ".cpython-" + pythonMajor + pythonMinor + "-wasm32-wasi.so";
  }
}
