package dev.componentize.core.wasm;

/** The start section (spec 5.5.11): a function run at instantiation. */
public record StartSection(int functionIndex) implements Section {

  @Override
  public SectionId id() {
    return SectionId.START;
  }

  static StartSection read(ByteReader in) {
    return new StartSection(in.index("start function index"));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(functionIndex);
  }
}
