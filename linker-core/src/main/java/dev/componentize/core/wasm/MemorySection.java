package dev.componentize.core.wasm;

import java.util.List;

/** The memory section (spec 5.5.7). */
public record MemorySection(List<MemoryType> memories) implements Section {

  public MemorySection {
    memories = List.copyOf(memories);
  }

  @Override
  public SectionId id() {
    return SectionId.MEMORY;
  }

  static MemorySection read(ByteReader in) {
    int count = in.count("memory count", 2);
    MemoryType[] items = new MemoryType[count];
    for (int i = 0; i < count; i++) {
      items[i] = MemoryType.read(in);
    }
    return new MemorySection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(memories.size());
    for (MemoryType item : memories) {
      item.write(out);
    }
  }
}
