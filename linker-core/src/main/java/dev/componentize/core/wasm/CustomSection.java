package dev.componentize.core.wasm;

/**
 * A custom section (spec 5.5.3): a name and uninterpreted content. The metadata readers in {@code
 * dev.componentize.core.dylink} decode the ones we understand; all others pass through untouched.
 */
public record CustomSection(String name, Bytes content) implements Section {

  @Override
  public SectionId id() {
    return SectionId.CUSTOM;
  }

  @Override
  public String label() {
    return name;
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.name(name).bytes(content);
  }
}
