package dev.componentize.core.wasm;

/**
 * Section ids (spec 5.5.2) with the order in which non-custom sections must appear. The tag section
 * (exception handling) sits between memory and global; data count (bulk memory) between element and
 * code.
 */
public enum SectionId {
  CUSTOM(0, "custom", 0),
  TYPE(1, "type", 1),
  IMPORT(2, "import", 2),
  FUNCTION(3, "function", 3),
  TABLE(4, "table", 4),
  MEMORY(5, "memory", 5),
  TAG(13, "tag", 6),
  GLOBAL(6, "global", 7),
  EXPORT(7, "export", 8),
  START(8, "start", 9),
  ELEMENT(9, "element", 10),
  DATA_COUNT(12, "datacount", 11),
  CODE(10, "code", 12),
  DATA(11, "data", 13);

  private static final SectionId[] BY_CODE = new SectionId[14];

  static {
    for (SectionId id : values()) {
      BY_CODE[id.code] = id;
    }
  }

  private final int code;
  private final String text;
  private final int order;

  SectionId(int code, String text, int order) {
    this.code = code;
    this.text = text;
    this.order = order;
  }

  public int code() {
    return code;
  }

  /** Position in the required section order; custom sections (0) may appear anywhere. */
  public int order() {
    return order;
  }

  /** The id for a section code, or null if the code is unknown. */
  static SectionId byCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
