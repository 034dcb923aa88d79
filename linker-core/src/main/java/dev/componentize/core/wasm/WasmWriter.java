package dev.componentize.core.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link WasmModule}. {@link #write} reproduces unchanged sections byte for byte (see
 * {@link WasmModule}); {@link #writeCanonical} re-encodes every section from its model with
 * shortest LEB128s.
 */
public final class WasmWriter {

  private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

  private WasmWriter() {}

  public static byte[] write(WasmModule module) {
    return write(module, true);
  }

  public static byte[] writeCanonical(WasmModule module) {
    return write(module, false);
  }

  public static void write(WasmModule module, Path file) throws IOException {
    Files.write(file, write(module));
  }

  /** The encoded content of one section (what follows its id and size). */
  public static Bytes encodeContent(Section section) {
    ByteWriter content = new ByteWriter();
    section.writeContent(content);
    return content.toBytes();
  }

  private static byte[] write(WasmModule module, boolean preserve) {
    int estimate = HEADER.length;
    for (Section section : module.sections()) {
      WasmModule.Origin origin = module.origin(section);
      estimate += origin != null ? origin.encoded().length() : 1024;
    }
    ByteWriter out = new ByteWriter(estimate);
    out.bytes(HEADER);
    for (Section section : module.sections()) {
      WasmModule.Origin origin = preserve ? module.origin(section) : null;
      if (origin != null) {
        out.bytes(origin.encoded());
      } else {
        ByteWriter content = new ByteWriter();
        section.writeContent(content);
        out.u8(section.id().code()).sized(content);
      }
    }
    return out.toByteArray();
  }
}
