package dev.componentize.core.wasm;

import java.util.List;

/** The table section (spec 5.5.6). */
public record TableSection(List<Table> tables) implements Section {

  public TableSection {
    tables = List.copyOf(tables);
  }

  @Override
  public SectionId id() {
    return SectionId.TABLE;
  }

  static TableSection read(ByteReader in) {
    int count = in.count("table count", 3);
    Table[] items = new Table[count];
    for (int i = 0; i < count; i++) {
      items[i] = Table.read(in);
    }
    return new TableSection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(tables.size());
    for (Table item : tables) {
      item.write(out);
    }
  }
}
