package dev.componentize.core.dylink;

import dev.componentize.core.dylink.DylinkSubsection.ExportFlags;
import dev.componentize.core.dylink.DylinkSubsection.ExportInfo;
import dev.componentize.core.dylink.DylinkSubsection.ImportFlags;
import dev.componentize.core.dylink.DylinkSubsection.ImportInfo;
import dev.componentize.core.dylink.DylinkSubsection.MemInfo;
import dev.componentize.core.dylink.DylinkSubsection.Needed;
import dev.componentize.core.dylink.DylinkSubsection.RuntimePath;
import dev.componentize.core.dylink.DylinkSubsection.Unknown;
import dev.componentize.core.wasm.ByteReader;
import dev.componentize.core.wasm.ByteWriter;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code dylink.0} custom section: the marker and metadata of a position-independent library
 * (tool-conventions DynamicLinking.md). Subsections are kept in their original order; unknown ones
 * are preserved, so {@link #toCustomSection} reproduces what was read.
 */
public record DylinkSection(List<DylinkSubsection> subsections) {

  public static final String NAME = "dylink.0";

  /** The pre-LLVM-13 single-record form; not supported (no subsections, no import flags). */
  public static final String LEGACY_NAME = "dylink";

  public DylinkSection {
    subsections = List.copyOf(subsections);
    Set<Integer> seen = new HashSet<>();
    for (DylinkSubsection subsection : subsections) {
      if (!(subsection instanceof Unknown) && !seen.add(subsection.type())) {
        throw new IllegalArgumentException("two subsections of type " + subsection.type());
      }
    }
  }

  /**
   * The module's {@code dylink.0} section, or empty for a module that is not a dynamic library. A
   * module with only the legacy {@code dylink} section is rejected with an explanation.
   */
  public static Optional<DylinkSection> of(WasmModule module) {
    Optional<CustomSection> section = module.customSection(NAME);
    if (section.isEmpty()) {
      Optional<CustomSection> legacy = module.customSection(LEGACY_NAME);
      if (legacy.isPresent()) {
        throw new WasmFormatException(
            module.source(),
            LEGACY_NAME,
            module.contentOffset(legacy.get()).orElse(0),
            "legacy 'dylink' section (LLVM before 13, old Emscripten) is not supported;"
                + " rebuild the library with a toolchain that writes 'dylink.0'");
      }
      return Optional.empty();
    }
    return Optional.of(
        read(module.source(), section.get(), module.contentOffset(section.get()).orElse(0)));
  }

  /**
   * Decodes {@code section}'s content; {@code contentOffset} is its absolute offset in the file,
   * used in error messages.
   */
  public static DylinkSection read(String file, CustomSection section, long contentOffset) {
    ByteReader in = section.content().reader(file, NAME, contentOffset);
    List<DylinkSubsection> subsections = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    while (!in.atEnd()) {
      long at = in.offset();
      int type = in.u8();
      int length = in.count("subsection length", 1);
      ByteReader payload = in.slice(length, NAME);
      if (type >= DylinkSubsection.MEM_INFO
          && type <= DylinkSubsection.RUNTIME_PATH
          && !seen.add(type)) {
        throw in.error(at, "duplicate subsection type " + type);
      }
      DylinkSubsection subsection =
          switch (type) {
            case DylinkSubsection.MEM_INFO ->
                new MemInfo(payload.u32(), payload.u32(), payload.u32(), payload.u32());
            case DylinkSubsection.NEEDED -> new Needed(names(payload, "needed library count"));
            case DylinkSubsection.EXPORT_INFO -> readExportInfo(payload);
            case DylinkSubsection.IMPORT_INFO -> readImportInfo(payload);
            case DylinkSubsection.RUNTIME_PATH ->
                new RuntimePath(names(payload, "runtime path count"));
            default -> new Unknown(type, payload.bytes(payload.remaining()));
          };
      if (!payload.atEnd()) {
        payload.expectEnd("subsection " + type);
      }
      subsections.add(subsection);
    }
    return new DylinkSection(subsections);
  }

  private static List<String> names(ByteReader in, String what) {
    int count = in.count(what, 1);
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(in.name());
    }
    return names;
  }

  private static ExportInfo readExportInfo(ByteReader in) {
    int count = in.count("export info count", 2);
    List<ExportFlags> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(new ExportFlags(in.name(), in.u32()));
    }
    return new ExportInfo(entries);
  }

  private static ImportInfo readImportInfo(ByteReader in) {
    int count = in.count("import info count", 3);
    List<ImportFlags> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(new ImportFlags(in.name(), in.name(), in.u32()));
    }
    return new ImportInfo(entries);
  }

  /** Encodes the section, subsections in list order. */
  public CustomSection toCustomSection() {
    ByteWriter out = new ByteWriter();
    for (DylinkSubsection subsection : subsections) {
      ByteWriter payload = new ByteWriter();
      if (subsection instanceof MemInfo info) {
        payload
            .u32(info.memorySize())
            .u32(info.memoryAlignment())
            .u32(info.tableSize())
            .u32(info.tableAlignment());
      } else if (subsection instanceof Needed needed) {
        writeNames(payload, needed.libraries());
      } else if (subsection instanceof ExportInfo info) {
        payload.u32(info.entries().size());
        for (ExportFlags entry : info.entries()) {
          payload.name(entry.name()).u32(entry.flags());
        }
      } else if (subsection instanceof ImportInfo info) {
        payload.u32(info.entries().size());
        for (ImportFlags entry : info.entries()) {
          payload.name(entry.module()).name(entry.field()).u32(entry.flags());
        }
      } else if (subsection instanceof RuntimePath path) {
        writeNames(payload, path.paths());
      } else if (subsection instanceof Unknown unknown) {
        payload.bytes(unknown.payload());
      }
      out.u8(subsection.type()).sized(payload);
    }
    return new CustomSection(NAME, out.toBytes());
  }

  private static void writeNames(ByteWriter out, List<String> names) {
    out.u32(names.size());
    for (String name : names) {
      out.name(name);
    }
  }

  /** Memory and table requirements; a library without the subsection needs none. */
  public MemInfo memInfo() {
    return find(MemInfo.class).orElse(new MemInfo(0, 0, 0, 0));
  }

  public List<String> needed() {
    return find(Needed.class).map(Needed::libraries).orElse(List.of());
  }

  public List<ExportFlags> exportInfo() {
    return find(ExportInfo.class).map(ExportInfo::entries).orElse(List.of());
  }

  public List<ImportFlags> importInfo() {
    return find(ImportInfo.class).map(ImportInfo::entries).orElse(List.of());
  }

  public List<String> runtimePath() {
    return find(RuntimePath.class).map(RuntimePath::paths).orElse(List.of());
  }

  /** Flags import-info gives for {@code module.field}, 0 if none. */
  public int importFlags(String module, String field) {
    for (ImportFlags entry : importInfo()) {
      if (entry.module().equals(module) && entry.field().equals(field)) {
        return entry.flags();
      }
    }
    return 0;
  }

  /** Whether the import may stay unresolved (weak binding). */
  public boolean isWeakImport(String module, String field) {
    return SymbolFlags.isWeak(importFlags(module, field));
  }

  /** Flags export-info gives for {@code name}, 0 if none. */
  public int exportFlags(String name) {
    for (ExportFlags entry : exportInfo()) {
      if (entry.name().equals(name)) {
        return entry.flags();
      }
    }
    return 0;
  }

  private <T extends DylinkSubsection> Optional<T> find(Class<T> kind) {
    for (DylinkSubsection subsection : subsections) {
      if (kind.isInstance(subsection)) {
        return Optional.of(kind.cast(subsection));
      }
    }
    return Optional.empty();
  }
}
