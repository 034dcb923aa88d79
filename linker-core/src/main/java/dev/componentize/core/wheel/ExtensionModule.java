package dev.componentize.core.wheel;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A native extension module found in a wheel: a position-independent wasm library (a {@code .so}
 * with a {@code dylink.0} section) that CPython imports by name.
 *
 * @param path the file, relative to the site-packages root, e.g. {@code
 *     fastmath/_core.cpython-313-wasm32-wasi.so}
 * @param moduleName the dotted name Python imports it as, e.g. {@code fastmath._core}
 */
public record ExtensionModule(Path path, String moduleName) {
  public ExtensionModule {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(moduleName, "moduleName");
  }
}
