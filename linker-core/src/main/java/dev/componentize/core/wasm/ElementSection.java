package dev.componentize.core.wasm;

import java.util.List;

/** The element section (spec 5.5.12). */
public record ElementSection(List<ElementSegment> segments) implements Section {

  public ElementSection {
    segments = List.copyOf(segments);
  }

  @Override
  public SectionId id() {
    return SectionId.ELEMENT;
  }

  static ElementSection read(ByteReader in) {
    int count = in.count("element segment count", 2);
    ElementSegment[] items = new ElementSegment[count];
    for (int i = 0; i < count; i++) {
      items[i] = ElementSegment.read(in);
    }
    return new ElementSection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(segments.size());
    for (ElementSegment item : segments) {
      item.write(out);
    }
  }
}
