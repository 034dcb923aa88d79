package dev.componentize.core.wasm;

import java.util.List;

/** The global section (spec 5.5.9). */
public record GlobalSection(List<Global> globals) implements Section {

  public GlobalSection {
    globals = List.copyOf(globals);
  }

  @Override
  public SectionId id() {
    return SectionId.GLOBAL;
  }

  static GlobalSection read(ByteReader in) {
    int count = in.count("global count", 3);
    Global[] items = new Global[count];
    for (int i = 0; i < count; i++) {
      items[i] = Global.read(in);
    }
    return new GlobalSection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(globals.size());
    for (Global item : globals) {
      item.write(out);
    }
  }
}
