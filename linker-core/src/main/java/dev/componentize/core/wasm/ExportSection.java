package dev.componentize.core.wasm;

import java.util.List;

/** The export section (spec 5.5.10). */
public record ExportSection(List<Export> exports) implements Section {

  public ExportSection {
    exports = List.copyOf(exports);
  }

  @Override
  public SectionId id() {
    return SectionId.EXPORT;
  }

  static ExportSection read(ByteReader in) {
    int count = in.count("export count", 3);
    Export[] items = new Export[count];
    for (int i = 0; i < count; i++) {
      items[i] = Export.read(in);
    }
    return new ExportSection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(exports.size());
    for (Export item : exports) {
      item.write(out);
    }
  }
}
