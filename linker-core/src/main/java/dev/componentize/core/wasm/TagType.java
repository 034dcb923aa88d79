package dev.componentize.core.wasm;

/**
 * An exception-handling tag (exception-handling proposal, binary "tag" = attribute 0x00 followed by
 * a type index whose results are empty).
 */
public record TagType(int typeIndex) {

  private static final int ATTRIBUTE_EXCEPTION = 0x00;

  static TagType read(ByteReader in) {
    long at = in.offset();
    int attribute = in.u8();
    if (attribute != ATTRIBUTE_EXCEPTION) {
      throw in.error(at, String.format("unknown tag attribute 0x%02x", attribute));
    }
    return new TagType(in.index("type index"));
  }

  void write(ByteWriter out) {
    out.u8(ATTRIBUTE_EXCEPTION).u32(typeIndex);
  }
}
