package dev.componentize.core.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    // Encode what must be encoded first, then copy everything once into an exactly sized array:
    // for a read module this is a single copy of the input.
    List<Section> sections = module.sections();
    Bytes[] encoded = new Bytes[sections.size()];
    long size = HEADER.length;
    for (int i = 0; i < encoded.length; i++) {
      Section section = sections.get(i);
      WasmModule.Origin origin = module.origin(section);
      if (preserve && origin != null) {
        encoded[i] = origin.encoded();
      } else {
        // A read section's old size is a good capacity hint for its re-encoding.
        ByteWriter content = new ByteWriter(origin != null ? origin.encoded().length() : 256);
        section.writeContent(content);
        encoded[i] =
            new ByteWriter(content.size() + 6).u8(section.id().code()).sized(content).toBytes();
      }
      size += encoded[i].length();
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("module of " + size + " bytes exceeds a Java array");
    }
    byte[] out = new byte[(int) size];
    System.arraycopy(HEADER, 0, out, 0, HEADER.length);
    int position = HEADER.length;
    for (Bytes part : encoded) {
      part.copyTo(out, position);
      position += part.length();
    }
    return out;
  }
}
