package dev.componentize.core.wasm;

import java.util.List;

/** The function section (spec 5.5.8): the type index of each defined function. */
public record FunctionSection(List<Integer> typeIndices) implements Section {

  public FunctionSection {
    typeIndices = List.copyOf(typeIndices);
  }

  @Override
  public SectionId id() {
    return SectionId.FUNCTION;
  }

  static FunctionSection read(ByteReader in) {
    int count = in.count("function count", 1);
    Integer[] items = new Integer[count];
    for (int i = 0; i < count; i++) {
      items[i] = in.index("type index");
    }
    return new FunctionSection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(typeIndices.size());
    for (Integer item : typeIndices) {
      out.u32(item);
    }
  }
}
