package dev.componentize.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny walker over a core wasm module's sections (Core spec 5.5.2), independent of the build's
 * Python tool so the tests cross-check it. Only custom sections are kept.
 */
final class WasmSections {

  /** A custom section (id 0): its name and payload. */
  record Custom(String name, byte[] payload) {}

  /** WebAssembly/tool-conventions DynamicLinking.md: subsection WASM_DYLINK_NEEDED. */
  private static final int DYLINK_NEEDED = 2;

  private final Path file;
  private final byte[] data;
  private int pos;

  private WasmSections(Path file, byte[] data) {
    this.file = file;
    this.data = data;
  }

  static List<Custom> customSections(Path file) throws IOException {
    WasmSections r = new WasmSections(file, Files.readAllBytes(file));
    byte[] header = {0, 'a', 's', 'm', 1, 0, 0, 0};
    if (r.data.length < 8 || !Arrays.equals(Arrays.copyOf(r.data, 8), header)) {
      throw r.error("not a core wasm module");
    }
    r.pos = 8;
    List<Custom> result = new ArrayList<>();
    while (r.pos < r.data.length) {
      int id = r.data[r.pos++] & 0xff;
      int size = r.uleb();
      int end = r.pos + size;
      if (end > r.data.length) {
        throw r.error("section " + id + " runs past the end");
      }
      if (id == 0) {
        String name = r.name();
        result.add(new Custom(name, Arrays.copyOfRange(r.data, r.pos, end)));
      }
      r.pos = end;
    }
    return List.copyOf(result);
  }

  /** The {@code needed} list of a {@code dylink.0} payload. */
  static List<String> dylinkNeeded(Path file, byte[] dylink) {
    WasmSections r = new WasmSections(file, dylink);
    while (r.pos < dylink.length) {
      int type = dylink[r.pos++] & 0xff;
      int size = r.uleb();
      int end = r.pos + size;
      if (type == DYLINK_NEEDED) {
        int count = r.uleb();
        List<String> needed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          needed.add(r.name());
        }
        return List.copyOf(needed);
      }
      r.pos = end;
    }
    return List.of();
  }

  private int uleb() {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= data.length) {
        throw error("LEB128 runs past the end");
      }
      int b = data[pos++] & 0xff;
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw error("LEB128 longer than 5 bytes");
  }

  private String name() {
    int len = uleb();
    if (pos + len > data.length) {
      throw error("name runs past the end");
    }
    String s = new String(data, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(file + ": offset " + pos + ": " + message);
  }
}
