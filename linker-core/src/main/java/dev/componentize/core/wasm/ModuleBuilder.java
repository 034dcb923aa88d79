package dev.componentize.core.wasm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles a new module (the linker's glue modules) and hands out indices as entries are added.
 * Imports occupy the low indices of each index space (spec 2.5.1), so all imports of a kind must be
 * added before the first definition of that kind; the builder enforces it. Function types are
 * deduplicated. Export names must be unique (spec 3.4.10).
 */
public final class ModuleBuilder {

  private final List<FuncType> types = new ArrayList<>();
  private final Map<FuncType, Integer> typeIndices = new HashMap<>();
  private final List<Import> imports = new ArrayList<>();
  private final int[] importCounts = new int[ExternalKind.values().length];
  private final List<Integer> functions = new ArrayList<>();
  private final List<FunctionBody> bodies = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<MemoryType> memories = new ArrayList<>();
  private final List<TagType> tags = new ArrayList<>();
  private final List<Global> globals = new ArrayList<>();
  private final List<Export> exports = new ArrayList<>();
  private final Set<String> exportNames = new HashSet<>();
  private final List<ElementSegment> elements = new ArrayList<>();
  private final List<DataSegment> data = new ArrayList<>();
  private final List<CustomSection> leadingCustom = new ArrayList<>();
  private final List<CustomSection> trailingCustom = new ArrayList<>();
  private Integer start;
  private boolean dataCount;

  /** The index of {@code type} in the type section, adding it if new. */
  public int type(FuncType type) {
    return typeIndices.computeIfAbsent(
        type,
        t -> {
          types.add(t);
          return types.size() - 1;
        });
  }

  public int importFunction(String module, String name, FuncType type) {
    requireNoDefinitions(ExternalKind.FUNC, functions.size());
    return addImport(new Import(module, name, new Import.Func(type(type))));
  }

  public int importTable(String module, String name, TableType type) {
    requireNoDefinitions(ExternalKind.TABLE, tables.size());
    return addImport(new Import(module, name, new Import.Table(type)));
  }

  public int importMemory(String module, String name, MemoryType type) {
    requireNoDefinitions(ExternalKind.MEMORY, memories.size());
    return addImport(new Import(module, name, new Import.Memory(type)));
  }

  public int importGlobal(String module, String name, GlobalType type) {
    requireNoDefinitions(ExternalKind.GLOBAL, globals.size());
    return addImport(new Import(module, name, new Import.Global(type)));
  }

  public int importTag(String module, String name, FuncType type) {
    requireNoDefinitions(ExternalKind.TAG, tags.size());
    return addImport(new Import(module, name, new Import.Tag(type(type))));
  }

  /** Defines a function; returns its index in the function index space. */
  public int function(FuncType type, FunctionBody body) {
    functions.add(type(type));
    bodies.add(body);
    return importCounts[ExternalKind.FUNC.ordinal()] + functions.size() - 1;
  }

  public int table(Table table) {
    tables.add(table);
    return importCounts[ExternalKind.TABLE.ordinal()] + tables.size() - 1;
  }

  public int memory(MemoryType memory) {
    memories.add(memory);
    return importCounts[ExternalKind.MEMORY.ordinal()] + memories.size() - 1;
  }

  public int tag(FuncType type) {
    tags.add(new TagType(type(type)));
    return importCounts[ExternalKind.TAG.ordinal()] + tags.size() - 1;
  }

  public int global(GlobalType type, ConstExpr init) {
    globals.add(new Global(type, init));
    return importCounts[ExternalKind.GLOBAL.ordinal()] + globals.size() - 1;
  }

  public ModuleBuilder export(String name, ExternalKind kind, int index) {
    if (!exportNames.add(name)) {
      throw new IllegalArgumentException("duplicate export name '" + name + "'");
    }
    exports.add(new Export(name, kind, index));
    return this;
  }

  public ModuleBuilder start(int functionIndex) {
    start = functionIndex;
    return this;
  }

  public int element(ElementSegment segment) {
    elements.add(segment);
    return elements.size() - 1;
  }

  public int data(DataSegment segment) {
    data.add(segment);
    return data.size() - 1;
  }

  /**
   * Emits a data count section. Needed when code uses {@code memory.init} or {@code data.drop}
   * (spec 3.4.10); added automatically when a passive data segment exists.
   */
  public ModuleBuilder withDataCount() {
    dataCount = true;
    return this;
  }

  /** A custom section placed before all others (where {@code dylink.0} must be). */
  public ModuleBuilder leadingCustomSection(CustomSection section) {
    leadingCustom.add(section);
    return this;
  }

  /** A custom section placed after all others (names, producers, metadata). */
  public ModuleBuilder trailingCustomSection(CustomSection section) {
    trailingCustom.add(section);
    return this;
  }

  public WasmModule build() {
    List<Section> sections = new ArrayList<>(leadingCustom);
    if (!types.isEmpty()) {
      sections.add(new TypeSection(types));
    }
    if (!imports.isEmpty()) {
      sections.add(new ImportSection(imports));
    }
    if (!functions.isEmpty()) {
      sections.add(new FunctionSection(functions));
    }
    if (!tables.isEmpty()) {
      sections.add(new TableSection(tables));
    }
    if (!memories.isEmpty()) {
      sections.add(new MemorySection(memories));
    }
    if (!tags.isEmpty()) {
      sections.add(new TagSection(tags));
    }
    if (!globals.isEmpty()) {
      sections.add(new GlobalSection(globals));
    }
    if (!exports.isEmpty()) {
      sections.add(new ExportSection(exports));
    }
    if (start != null) {
      sections.add(new StartSection(start));
    }
    if (!elements.isEmpty()) {
      sections.add(new ElementSection(elements));
    }
    boolean passiveData = data.stream().anyMatch(d -> d.mode() == SegmentMode.PASSIVE);
    if (dataCount || passiveData) {
      sections.add(new DataCountSection(data.size()));
    }
    if (!bodies.isEmpty()) {
      sections.add(new CodeSection(bodies));
    }
    if (!data.isEmpty()) {
      sections.add(new DataSection(data));
    }
    sections.addAll(trailingCustom);
    return WasmModule.of(sections);
  }

  private int addImport(Import imported) {
    imports.add(imported);
    return importCounts[imported.kind().ordinal()]++;
  }

  private static void requireNoDefinitions(ExternalKind kind, int defined) {
    if (defined > 0) {
      throw new IllegalStateException(
          "import a " + kind + " before defining any: imports take the lowest indices");
    }
  }
}
