package dev.componentize.core.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a core module (spec 5.5 "Modules"). Each section is decoded from a window exactly as long
 * as its declared size and must consume it exactly; non-custom sections must appear at most once
 * and in spec order. Failures are {@link WasmFormatException}s naming the file, section and offset.
 */
public final class WasmReader {

  private static final int MAGIC = 0x6d736100; // "\0asm" read little-endian
  private static final int VERSION_1 = 1;
  // A component's preamble: version 0x0d and layer 1 (component-model Binary.md).
  private static final int COMPONENT_PREAMBLE = 0x0001000d;

  private WasmReader() {}

  public static WasmModule read(Path file) throws IOException {
    return read(file.toString(), Files.readAllBytes(file));
  }

  /**
   * Parses {@code bytes}. The module shares the array (code bodies, data and custom content are
   * windows into it), so the caller must not modify it afterwards.
   */
  public static WasmModule read(String file, byte[] bytes) {
    Map<Section, WasmModule.Origin> origins = new IdentityHashMap<>();
    List<Section> sections = read(file, bytes, EnumSet.allOf(SectionId.class), origins);
    return WasmModule.read(file, sections, origins);
  }

  /**
   * The sections of {@code bytes} whose ids are in {@code wanted}, decoded as {@link #read(String,
   * byte[])} decodes them, in module order. The other sections are only checked for their place and
   * size and skipped, so a caller that needs a module's interface (types, imports, exports) does
   * not pay for decoding its code and data.
   */
  public static List<Section> sections(String file, byte[] bytes, Set<SectionId> wanted) {
    return read(file, bytes, wanted, new IdentityHashMap<>());
  }

  private static List<Section> read(
      String file, byte[] bytes, Set<SectionId> wanted, Map<Section, WasmModule.Origin> origins) {
    ByteReader in = ByteReader.of(file, bytes);
    if (in.remaining() < 8 || in.fixedI32() != MAGIC) {
      throw new WasmFormatException(file, "header", 0, "not a wasm binary (no \\0asm magic)");
    }
    int version = in.fixedI32();
    if (version == COMPONENT_PREAMBLE) {
      throw new WasmFormatException(
          file, "header", 4, "this is a component, not a core module (version 0x0d, layer 1)");
    }
    if (version != VERSION_1) {
      throw new WasmFormatException(
          file, "header", 4, "unsupported binary version 0x" + Integer.toHexString(version));
    }
    List<Section> sections = new ArrayList<>();
    SectionId previous = null;
    // Spec 5.5.16: the function and code sections declare the same number of functions, and a
    // data count section, if present, matches the data section.
    int functionCount = 0;
    long functionsAt = 0;
    boolean sawCode = false;
    int dataCount = -1;
    long dataCountAt = 0;
    boolean sawData = false;
    while (!in.atEnd()) {
      long start = in.offset();
      int code = in.u8();
      SectionId id = SectionId.byCode(code);
      if (id == null) {
        throw new WasmFormatException(file, "section id " + code, start, "unknown section id");
      }
      if (id != SectionId.CUSTOM) {
        if (previous != null && id.order() <= previous.order()) {
          throw new WasmFormatException(
              file,
              id.toString(),
              start,
              previous == id
                  ? "duplicate section"
                  : "section out of order: it may not follow '" + previous + "'");
        }
        previous = id;
      }
      long sizeAt = in.offset();
      int size;
      try {
        size = in.index("section size");
      } catch (WasmFormatException e) {
        throw new WasmFormatException(file, id.toString(), e.offset(), e.detail());
      }
      if (size > in.remaining()) {
        throw new WasmFormatException(
            file,
            id.toString(),
            sizeAt,
            "section size "
                + size
                + " runs past the end of the file ("
                + in.remaining()
                + " byte(s) left)");
      }
      long contentStart = in.offset();
      ByteReader content = in.slice(size, id.toString());
      sawCode |= id == SectionId.CODE;
      sawData |= id == SectionId.DATA;
      if (!wanted.contains(id)) {
        continue;
      }
      Section section;
      long contentOffset = contentStart;
      if (id == SectionId.CUSTOM) {
        String name = content.name();
        contentOffset = content.offset();
        ByteReader body = content.slice(content.remaining(), name);
        section = new CustomSection(name, body.bytes(body.remaining()));
      } else {
        section = readSection(id, content);
        if (!content.atEnd()) {
          content.expectEnd("section '" + id + "'");
        }
      }
      if (section instanceof FunctionSection functions) {
        functionCount = functions.typeIndices().size();
        functionsAt = contentStart;
      } else if (section instanceof CodeSection bodies) {
        if (bodies.bodies().size() != functionCount) {
          throw new WasmFormatException(
              file,
              "code",
              contentStart,
              "has "
                  + bodies.bodies().size()
                  + " bodies for "
                  + functionCount
                  + " declared functions");
        }
      } else if (section instanceof DataCountSection count) {
        dataCount = count.count();
        dataCountAt = contentStart;
      } else if (section instanceof DataSection data) {
        if (dataCount >= 0 && data.segments().size() != dataCount) {
          throw new WasmFormatException(
              file,
              "data",
              contentStart,
              "has "
                  + data.segments().size()
                  + " segments but the data count section says "
                  + dataCount);
        }
      }
      sections.add(section);
      origins.put(section, new WasmModule.Origin(in.since(start), contentOffset));
    }
    if (functionCount > 0 && !sawCode) {
      throw new WasmFormatException(
          file,
          "function",
          functionsAt,
          "declares " + functionCount + " functions but the module has no code section");
    }
    if (dataCount > 0 && !sawData) {
      throw new WasmFormatException(
          file,
          "datacount",
          dataCountAt,
          "announces " + dataCount + " data segments but the module has no data section");
    }
    return sections;
  }

  private static Section readSection(SectionId id, ByteReader in) {
    return switch (id) {
      case TYPE -> TypeSection.read(in);
      case IMPORT -> ImportSection.read(in);
      case FUNCTION -> FunctionSection.read(in);
      case TABLE -> TableSection.read(in);
      case MEMORY -> MemorySection.read(in);
      case TAG -> TagSection.read(in);
      case GLOBAL -> GlobalSection.read(in);
      case EXPORT -> ExportSection.read(in);
      case START -> StartSection.read(in);
      case ELEMENT -> ElementSection.read(in);
      case DATA_COUNT -> DataCountSection.read(in);
      case CODE -> CodeSection.read(in);
      case DATA -> DataSection.read(in);
      case CUSTOM -> throw new IllegalStateException("custom sections are read by the caller");
    };
  }
}
