package dev.componentize.core.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The checked-in wasm fixtures under {@code src/test/resources/wasm}, built by {@code
 * src/test/c/build-fixtures.sh} with clang-19/wasm-ld-19 (and wat2wasm for {@code forms.wasm}).
 */
public final class Fixtures {

  /** Every fixture, for corpus tests. */
  public static final List<String> ALL =
      List.of("libdep.so", "libpic.so", "libtables.so", "nonpic.wasm", "bulk.wasm", "forms.wasm");

  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/wasm/" + name)) {
      if (in == null) {
        throw new IllegalStateException("fixture /wasm/" + name + " is not on the test classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static WasmModule module(String name) {
    return WasmReader.read(name, bytes(name));
  }
}
