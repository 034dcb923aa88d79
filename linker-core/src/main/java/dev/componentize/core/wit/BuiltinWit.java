package dev.componentize.core.wit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The WASI 0.2 WIT packages bundled as resources, so that worlds which include {@code
 * wasi:cli/imports} or target {@code wasi:cli/command} resolve without a {@code deps/} folder.
 *
 * <p>The files are copied unchanged from {@code lib/wit/builtin/0.2.12/} of the npm package
 * {@code @bytecodealliance/jco} 1.35.0 (see the NOTICE file next to them); they are never written
 * by hand.
 */
final class BuiltinWit {
  /** The WASI release the bundled files describe. */
  static final String WASI_VERSION = "0.2.12";

  /** Packages of the {@code wasi} namespace that are bundled. */
  static final List<String> PACKAGES =
      List.of("cli", "clocks", "filesystem", "http", "io", "random", "sockets");

  private static final String ROOT = "/dev/componentize/core/wit/wasi/" + WASI_VERSION + "/";

  private BuiltinWit() {}

  /**
   * The text of the bundled package {@code name}, or {@code null} if none matches (a name without
   * version matches the bundled version).
   */
  static String find(PackageName name) {
    if (!name.namespace().equals("wasi")
        || !PACKAGES.contains(name.name())
        || (name.version() != null && !name.version().equals(WASI_VERSION))) {
      return null;
    }
    String resource = ROOT + "wasi-" + name.name() + "/package.wit";
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
    return Path.of("builtin-wit", "wasi", WASI_VERSION, "wasi-" + name.name(), "package.wit");
  }
}
