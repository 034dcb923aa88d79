package dev.componentize.core.wasm;

import java.util.List;

/** The data section (spec 5.5.14). */
public record DataSection(List<DataSegment> segments) implements Section {

  public DataSection {
    segments = List.copyOf(segments);
  }

  @Override
  public SectionId id() {
    return SectionId.DATA;
  }

  static DataSection read(ByteReader in) {
    int count = in.count("data segment count", 2);
    DataSegment[] items = new DataSegment[count];
    for (int i = 0; i < count; i++) {
      items[i] = DataSegment.read(in);
    }
    return new DataSection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(segments.size());
    for (DataSegment item : segments) {
      item.write(out);
    }
  }
}
