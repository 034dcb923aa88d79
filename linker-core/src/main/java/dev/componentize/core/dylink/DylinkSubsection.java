package dev.componentize.core.dylink;

import dev.componentize.core.wasm.Bytes;
import java.util.List;

/**
 * One subsection of {@code dylink.0} (DynamicLinking.md, "The dylink.0 Section"). Each is a type
 * byte, a u32 payload length and the payload; the records below are the payloads we understand.
 */
public sealed interface DylinkSubsection {

  int MEM_INFO = 1;
  int NEEDED = 2;
  int EXPORT_INFO = 3;
  int IMPORT_INFO = 4;
  int RUNTIME_PATH = 5;

  int type();

  /**
   * WASM_DYLINK_MEM_INFO: the memory and table space the loader must reserve, at {@code
   * env.__memory_base} / {@code env.__table_base}, aligned to 2^alignment bytes / elements.
   */
  record MemInfo(int memorySize, int memoryAlignment, int tableSize, int tableAlignment)
      implements DylinkSubsection {
    @Override
    public int type() {
      return MEM_INFO;
    }
  }

  /** WASM_DYLINK_NEEDED: libraries that must be loaded first, like ELF DT_NEEDED. */
  record Needed(List<String> libraries) implements DylinkSubsection {
    public Needed {
      libraries = List.copyOf(libraries);
    }

    @Override
    public int type() {
      return NEEDED;
    }
  }

  /** WASM_DYLINK_EXPORT_INFO: flags for exports, e.g. {@link SymbolFlags#TLS}. */
  record ExportInfo(List<ExportFlags> entries) implements DylinkSubsection {
    public ExportInfo {
      entries = List.copyOf(entries);
    }

    @Override
    public int type() {
      return EXPORT_INFO;
    }
  }

  /** WASM_DYLINK_IMPORT_INFO: flags for imports, e.g. {@link SymbolFlags#BINDING_WEAK}. */
  record ImportInfo(List<ImportFlags> entries) implements DylinkSubsection {
    public ImportInfo {
      entries = List.copyOf(entries);
    }

    @Override
    public int type() {
      return IMPORT_INFO;
    }
  }

  /** WASM_DYLINK_RUNTIME_PATH: directories to search for needed libraries (ELF DT_RUNPATH). */
  record RuntimePath(List<String> paths) implements DylinkSubsection {
    public RuntimePath {
      paths = List.copyOf(paths);
    }

    @Override
    public int type() {
      return RUNTIME_PATH;
    }
  }

  /** A subsection type this reader does not know; kept verbatim so writing preserves it. */
  record Unknown(int type, Bytes payload) implements DylinkSubsection {}

  record ExportFlags(String name, int flags) {}

  record ImportFlags(String module, String field, int flags) {}
}
