package dev.componentize.core.wasm;

/**
 * The data count section (spec 5.5.15, bulk memory): the number of data segments, declared ahead of
 * the code so that {@code memory.init}/{@code data.drop} validate in one pass.
 */
public record DataCountSection(int count) implements Section {

  @Override
  public SectionId id() {
    return SectionId.DATA_COUNT;
  }

  static DataCountSection read(ByteReader in) {
    return new DataCountSection(in.index("data count"));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(count);
  }
}
