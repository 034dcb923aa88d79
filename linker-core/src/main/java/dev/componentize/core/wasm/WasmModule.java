package dev.componentize.core.wasm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A core wasm module as an ordered list of sections, custom sections kept in place.
 *
 * <p>A module read by {@link WasmReader} also remembers, per section, the exact bytes it was read
 * from. {@link WasmWriter#write} emits those bytes for every section that is still the very
 * instance that was read, so a parse-write round trip is byte-identical even where the input used
 * non-minimal LEB128 widths; a section replaced through {@link #withSections} is re-encoded from
 * its model. Equality looks at the sections only, not at where they came from.
 */
public final class WasmModule {

  private final String source;
  private final List<Section> sections;
  private final Map<Section, Origin> origins;

  /** Where a section was read from: its complete encoding and the offset of its content. */
  record Origin(Bytes encoded, long contentOffset) {}

  private WasmModule(String source, List<Section> sections, Map<Section, Origin> origins) {
    this.source = source;
    this.sections = List.copyOf(sections);
    this.origins = Collections.unmodifiableMap(origins);
    checkOrder(this.sections);
  }

  /** A module built in memory (nothing to preserve); sections must be in spec order. */
  public static WasmModule of(List<Section> sections) {
    return new WasmModule("<built>", sections, Map.of());
  }

  static WasmModule read(String source, List<Section> sections, Map<Section, Origin> origins) {
    return new WasmModule(source, sections, origins);
  }

  /** The label of the input this module was read from, or {@code <built>}. */
  public String source() {
    return source;
  }

  public List<Section> sections() {
    return sections;
  }

  /**
   * The same module with other sections. Sections that are the identical instances of this module's
   * keep their original bytes; new ones are encoded from their model.
   */
  public WasmModule withSections(List<Section> newSections) {
    Map<Section, Origin> kept = new IdentityHashMap<>();
    for (Section section : newSections) {
      Origin origin = origins.get(section);
      if (origin != null) {
        kept.put(section, origin);
      }
    }
    return new WasmModule(source, newSections, kept);
  }

  /**
   * Replaces the non-custom section with the same id as {@code section}, or inserts it at its place
   * in the section order.
   */
  public WasmModule withSection(Section section) {
    if (section.id() == SectionId.CUSTOM) {
      throw new IllegalArgumentException("use withSections to place custom sections");
    }
    List<Section> result = new ArrayList<>(sections.size() + 1);
    boolean placed = false;
    for (Section existing : sections) {
      if (!placed && existing.id() == section.id()) {
        result.add(section);
        placed = true;
      } else if (!placed
          && existing.id() != SectionId.CUSTOM
          && existing.id().order() > section.id().order()) {
        result.add(section);
        result.add(existing);
        placed = true;
      } else {
        result.add(existing);
      }
    }
    if (!placed) {
      result.add(section);
    }
    return withSections(result);
  }

  /** The same module without the custom sections whose names match. */
  public WasmModule withoutCustomSections(Predicate<String> names) {
    List<Section> result = new ArrayList<>(sections.size());
    for (Section section : sections) {
      if (!(section instanceof CustomSection custom && names.test(custom.name()))) {
        result.add(section);
      }
    }
    return withSections(result);
  }

  /** The section of the given kind; custom sections are looked up with {@link #customSection}. */
  public <T extends Section> Optional<T> section(Class<T> kind) {
    for (Section section : sections) {
      if (kind.isInstance(section)) {
        return Optional.of(kind.cast(section));
      }
    }
    return Optional.empty();
  }

  /** The first custom section called {@code name}. */
  public Optional<CustomSection> customSection(String name) {
    for (Section section : sections) {
      if (section instanceof CustomSection custom && custom.name().equals(name)) {
        return Optional.of(custom);
      }
    }
    return Optional.empty();
  }

  /** Every custom section called {@code name}, in order. */
  public List<CustomSection> customSections(String name) {
    List<CustomSection> result = new ArrayList<>();
    for (Section section : sections) {
      if (section instanceof CustomSection custom && custom.name().equals(name)) {
        result.add(custom);
      }
    }
    return result;
  }

  /**
   * Absolute offset in the input of the section's content (for a custom section: of the bytes after
   * its name), if this section instance was read from an input.
   */
  public OptionalLong contentOffset(Section section) {
    Origin origin = origins.get(section);
    return origin == null ? OptionalLong.empty() : OptionalLong.of(origin.contentOffset());
  }

  Origin origin(Section section) {
    return origins.get(section);
  }

  public List<FuncType> types() {
    return section(TypeSection.class).map(TypeSection::types).orElse(List.of());
  }

  public List<Import> imports() {
    return section(ImportSection.class).map(ImportSection::imports).orElse(List.of());
  }

  /** Type indices of the defined (not imported) functions. */
  public List<Integer> functionTypeIndices() {
    return section(FunctionSection.class).map(FunctionSection::typeIndices).orElse(List.of());
  }

  public List<Table> tables() {
    return section(TableSection.class).map(TableSection::tables).orElse(List.of());
  }

  public List<MemoryType> memories() {
    return section(MemorySection.class).map(MemorySection::memories).orElse(List.of());
  }

  public List<Global> globals() {
    return section(GlobalSection.class).map(GlobalSection::globals).orElse(List.of());
  }

  public List<Export> exports() {
    return section(ExportSection.class).map(ExportSection::exports).orElse(List.of());
  }

  public List<ElementSegment> elements() {
    return section(ElementSection.class).map(ElementSection::segments).orElse(List.of());
  }

  public List<FunctionBody> bodies() {
    return section(CodeSection.class).map(CodeSection::bodies).orElse(List.of());
  }

  public List<DataSegment> dataSegments() {
    return section(DataSection.class).map(DataSection::segments).orElse(List.of());
  }

  public Optional<Integer> startFunction() {
    return section(StartSection.class).map(StartSection::functionIndex);
  }

  /** Number of imports of one kind: the first index of the kind's defined entries. */
  public int importCount(ExternalKind kind) {
    int count = 0;
    for (Import i : imports()) {
      if (i.kind() == kind) {
        count++;
      }
    }
    return count;
  }

  /** The type of function {@code index} in the function index space (imports first). */
  public FuncType functionType(int index) {
    List<Import> imports = imports();
    int seen = 0;
    for (Import i : imports) {
      if (i.type() instanceof Import.Func func) {
        if (seen == index) {
          return types().get(func.typeIndex());
        }
        seen++;
      }
    }
    return types().get(functionTypeIndices().get(index - seen));
  }

  /** The export called {@code name}. */
  public Optional<Export> export(String name) {
    for (Export e : exports()) {
      if (e.name().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static void checkOrder(List<Section> sections) {
    SectionId previous = null;
    for (Section section : sections) {
      SectionId id = section.id();
      if (id == SectionId.CUSTOM) {
        continue;
      }
      if (previous != null && id.order() <= previous.order()) {
        throw new IllegalArgumentException(
            "section '" + id + "' may not follow '" + previous + "' (spec 5.5.16 order)");
      }
      previous = id;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WasmModule that && sections.equals(that.sections);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sections);
  }

  @Override
  public String toString() {
    List<String> labels = new ArrayList<>();
    for (Section section : sections) {
      labels.add(section.label());
    }
    return "WasmModule[" + source + ": " + String.join(", ", labels) + "]";
  }
}
