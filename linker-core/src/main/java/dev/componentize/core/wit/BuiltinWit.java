package dev.componentize.core.wit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The WASI WIT packages bundled as resources, so that worlds which include {@code wasi:cli/imports}
 * or target {@code wasi:cli/command} resolve without a {@code deps/} folder.
 *
 * <p>Two releases are bundled, never written by hand: WASI 0.2.12, copied unchanged from {@code
 * lib/wit/builtin/0.2.12/} of the npm package {@code @bytecodealliance/jco} 1.35.0, and WASI 0.3.0,
 * copied unchanged from {@code src/p3/wit/deps/} of the Rust crate {@code wasmtime-wasi} 49.0.3
 * (the interfaces wasmtime 49 serves with {@code -S p3=y}); see the NOTICE and README files next to
 * them. A reference without a version means 0.2.12.
 */
final class BuiltinWit {
  /** The WASI release a reference without a version resolves to. */
  static final String WASI_VERSION = "0.2.12";

  /** The WASI 0.3 release that is bundled (component-model async). */
  static final String WASI_03_VERSION = "0.3.0";

  /** Packages of the {@code wasi} namespace that are bundled, per version. */
  static final Map<String, List<String>> PACKAGES_BY_VERSION =
      Map.of(
          WASI_VERSION,
          List.of("cli", "clocks", "filesystem", "http", "io", "random", "sockets"),
          WASI_03_VERSION,
          List.of("cli", "clocks", "filesystem", "random", "sockets"));

  /** Packages of the {@code wasi} namespace that are bundled in the default version. */
  static final List<String> PACKAGES = PACKAGES_BY_VERSION.get(WASI_VERSION);

  private BuiltinWit() {}

  /**
   * The text of the bundled package {@code name}, or {@code null} if none matches (a name without
   * version matches the default bundled version).
   */
  static String find(PackageName name) {
    String version = name.version() == null ? WASI_VERSION : name.version();
    List<String> bundled = PACKAGES_BY_VERSION.get(version);
    if (!name.namespace().equals("wasi") || bundled == null || !bundled.contains(name.name())) {
      return null;
    }
    String resource =
        "/dev/componentize/core/wit/wasi/" + version + "/wasi-" + name.name() + "/package.wit";
    try (InputStream in = BuiltinWit.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled WIT missing from the jar: " + resource);
      }
      return WitLoader.read(path(name), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path used in error locations for a bundled package. */
  static Path path(PackageName name) {
    String version = name.version() == null ? WASI_VERSION : name.version();
    return Path.of("builtin-wit", "wasi", version, "wasi-" + name.name(), "package.wit");
  }
}
