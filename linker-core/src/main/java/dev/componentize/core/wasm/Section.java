package dev.componentize.core.wasm;

/**
 * One section of a core module. Each implementation is an immutable value that knows how to encode
 * its content (the bytes after the section id and size).
 */
public sealed interface Section
    permits CustomSection,
        TypeSection,
        ImportSection,
        FunctionSection,
        TableSection,
        MemorySection,
        TagSection,
        GlobalSection,
        ExportSection,
        StartSection,
        ElementSection,
        DataCountSection,
        CodeSection,
        DataSection {

  SectionId id();

  /** Encodes the section content, in shortest-LEB form. */
  void writeContent(ByteWriter out);

  /** The section's name in messages: the id's name, or a custom section's own name. */
  default String label() {
    return id().toString();
  }
}
