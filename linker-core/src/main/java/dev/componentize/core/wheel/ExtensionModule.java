package dev.componentize.core.wheel;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A native extension module found in a wheel: a WebAssembly library (a {@code .so}, which the
 * toolchain check and the linker expect to carry a {@code dylink.0} section) that CPython imports
 * by name. A bare {@code <name>.so} is listed too, as CPython would import it; it may also be a
 * support library that other modules load, which the linker tells apart by its exports.
 *
 * @param path the unpacked file on disk, inside the wheel's site directory: what to read
 * @param relativePath the same file relative to the site directory, e.g. {@code
 *     fastmath/_core.cpython-313-wasm32-wasi.so}: what to name it in the component (the {@code
 *     dlopen} table)
 * @param moduleName the dotted name Python imports it as, e.g. {@code fastmath._core}
 */
public record ExtensionModule(Path path, Path relativePath, String moduleName) {
  public ExtensionModule {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(moduleName, "moduleName");
    if (relativePath.isAbsolute()) {
      throw new IllegalArgumentException("relativePath must be relative: " + relativePath);
    }
  }
}
