package dev.componentize.core.wasm;

import java.util.List;

/** The import section (spec 5.5.5). */
public record ImportSection(List<Import> imports) implements Section {

  public ImportSection {
    imports = List.copyOf(imports);
  }

  @Override
  public SectionId id() {
    return SectionId.IMPORT;
  }

  static ImportSection read(ByteReader in) {
    int count = in.count("import count", 4);
    Import[] items = new Import[count];
    for (int i = 0; i < count; i++) {
      items[i] = Import.read(in);
    }
    return new ImportSection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(imports.size());
    for (Import item : imports) {
      item.write(out);
    }
  }
}
