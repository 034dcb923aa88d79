package dev.componentize.core.wasm;

/** What an import or export refers to (spec 5.5.5, 5.5.10); tags from exception handling. */
public enum ExternalKind {
  FUNC,
  TABLE,
  MEMORY,
  GLOBAL,
  TAG;

  private static final ExternalKind[] BY_CODE = values();

  public int code() {
    return ordinal();
  }

  static ExternalKind read(ByteReader in) {
    long at = in.offset();
    int code = in.u8();
    if (code >= BY_CODE.length) {
      throw in.error(at, String.format("unknown external kind 0x%02x", code));
    }
    return BY_CODE[code];
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
