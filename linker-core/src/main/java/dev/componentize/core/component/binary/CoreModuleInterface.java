package dev.componentize.core.component.binary;

import dev.componentize.core.component.canon.CoreSignature;
import dev.componentize.core.component.canon.FlatType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The imports and exports of a core module, which is all the component encoder needs to know about
 * it (core spec 5.5.5 "Import Section" and 5.5.10 "Export Section"). Other sections are skipped by
 * their declared size.
 */
public record CoreModuleInterface(
    List<Import> imports, List<Export> exports, List<Optional<CoreSignature>> importSignatures) {
  /** Import and export kinds (core spec 5.5.5, {@code importdesc}). */
  public enum Kind {
    FUNC,
    TABLE,
    MEMORY,
    GLOBAL,
    TAG
  }

  public record Import(String module, String field, Kind kind) {}

  public record Export(String name, Kind kind, int index) {}

  public CoreModuleInterface {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
    importSignatures = List.copyOf(importSignatures);
    if (importSignatures.size() != imports.size()) {
      throw new IllegalArgumentException("one signature (or none) per import");
    }
  }

  /** The core function type of the {@code index}th import, empty for non-function imports. */
  public Optional<CoreSignature> signature(int index) {
    return importSignatures.get(index);
  }

  public Optional<Export> export(String name) {
    return exports.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public boolean exportsFunc(String name) {
    return export(name).map(e -> e.kind() == Kind.FUNC).orElse(false);
  }

  /** Reads the import and export sections of {@code module}. */
  public static CoreModuleInterface read(byte[] module) throws ComponentEncodingException {
    Reader r = new Reader(module);
    r.expectPreamble();
    List<Import> imports = new ArrayList<>();
    List<Optional<CoreSignature>> signatures = new ArrayList<>();
    List<Export> exports = new ArrayList<>();
    List<CoreSignature> types = new ArrayList<>();
    while (!r.atEnd()) {
      int id = r.u8();
      int size = r.u32();
      int end = r.pos + size;
      if (end > module.length || size < 0) {
        throw r.error("section " + id + " of " + size + " bytes runs past the end");
      }
      if (id == 1) {
        int count = r.u32();
        for (int i = 0; i < count; i++) {
          types.add(r.funcType());
        }
      } else if (id == 2) {
        int count = r.u32();
        for (int i = 0; i < count; i++) {
          String mod = r.name();
          String field = r.name();
          Kind kind = r.kind();
          Optional<CoreSignature> signature = Optional.empty();
          if (kind == Kind.FUNC) {
            int type = r.u32();
            if (type >= types.size()) {
              throw r.error("import '" + mod + "' '" + field + "' has unknown type " + type);
            }
            signature = Optional.of(types.get(type));
          } else {
            r.importDesc(kind);
          }
          imports.add(new Import(mod, field, kind));
          signatures.add(signature);
        }
      } else if (id == 7) {
        int count = r.u32();
        for (int i = 0; i < count; i++) {
          String name = r.name();
          Kind kind = r.kind();
          exports.add(new Export(name, kind, r.u32()));
        }
      }
      if (id == 1 || id == 2 || id == 7) {
        if (r.pos != end) {
          throw r.error(
              "section " + id + " size mismatch: ended at " + r.pos + ", declared " + end);
        }
      }
      r.pos = end;
    }
    return new CoreModuleInterface(imports, exports, signatures);
  }

  /** A bounds-checked cursor; errors carry the byte offset. */
  private static final class Reader {
    private final byte[] bytes;
    private int pos;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean atEnd() {
      return pos >= bytes.length;
    }

    void expectPreamble() throws ComponentEncodingException {
      byte[] core = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
      if (bytes.length < 8) {
        throw error("too short for a core module");
      }
      for (int i = 0; i < core.length; i++) {
        if (bytes[i] != core[i]) {
          pos = i;
          throw error("not a core wasm module (expected \\0asm version 1)");
        }
      }
      pos = 8;
    }

    int u8() throws ComponentEncodingException {
      if (pos >= bytes.length) {
        throw error("unexpected end of module");
      }
      return bytes[pos++] & 0xff;
    }

    int u32() throws ComponentEncodingException {
      long result = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = u8();
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          if (result > 0x7fff_ffffL) {
            throw error("u32 too large for this reader: " + result);
          }
          return (int) result;
        }
      }
      throw error("LEB128 u32 longer than 5 bytes");
    }

    String name() throws ComponentEncodingException {
      int length = u32();
      if (length > bytes.length - pos) {
        throw error("name of " + length + " bytes runs past the end");
      }
      String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
      pos += length;
      return s;
    }

    Kind kind() throws ComponentEncodingException {
      int k = u8();
      if (k > 4) {
        throw error("unknown import/export kind 0x" + Integer.toHexString(k));
      }
      return Kind.values()[k];
    }

    /** A function type (core spec 5.3.6): 0x60, parameter and result vectors of number types. */
    CoreSignature funcType() throws ComponentEncodingException {
      if (u8() != 0x60) {
        pos--;
        throw error("type section entry is not a function type");
      }
      List<FlatType> params = valTypes();
      return CoreSignature.of(params, valTypes());
    }

    private List<FlatType> valTypes() throws ComponentEncodingException {
      int count = u32();
      List<FlatType> types = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int code = u8();
        FlatType type = null;
        for (FlatType t : FlatType.values()) {
          if (t.opcode() == code) {
            type = t;
          }
        }
        if (type == null) {
          pos--;
          throw error("value type 0x" + Integer.toHexString(code) + " is not a number type");
        }
        types.add(type);
      }
      return types;
    }

    void importDesc(Kind kind) throws ComponentEncodingException {
      switch (kind) {
        case FUNC -> u32();
        case TABLE -> {
          u8(); // reference type
          limits();
        }
        case MEMORY -> limits();
        case GLOBAL -> {
          u8(); // value type
          u8(); // mutability
        }
        case TAG -> {
          u8(); // attribute
          u32(); // type index
        }
      }
    }

    private void limits() throws ComponentEncodingException {
      int flags = u8();
      u32();
      if ((flags & 0x01) != 0) {
        u32();
      }
    }

    ComponentEncodingException error(String message) {
      return new ComponentEncodingException("core module, offset " + pos + ": " + message);
    }
  }
}
