package dev.componentize.core.component;

import dev.componentize.core.ComponentizeException;

/**
 * A WIT construct the component encoder cannot carry yet (WASI 0.3's {@code future}, {@code
 * stream}, {@code error-context}, fixed-size lists, inline interfaces). The message names the
 * construct and where in the world it is; the pipeline adds the world and WIT path.
 */
public final class UnsupportedWitException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  private final String construct;
  private final String where;

  public UnsupportedWitException(String message) {
    super(message);
    this.construct = null;
    this.where = null;
  }

  private UnsupportedWitException(String construct, String where) {
    super(construct + (where == null ? "" : " in " + where) + " is not supported yet");
    this.construct = construct;
    this.where = where;
  }

  /**
   * A type the translation cannot carry yet.
   *
   * @param construct the WIT construct ({@code stream}, {@code future}, ...)
   * @param where the function that uses it, or null while it is not known yet
   */
  static UnsupportedWitException type(String construct, String where) {
    return new UnsupportedWitException(construct, where);
  }

  /** For an unsupported type, its WIT construct ({@code stream}, ...); else null. */
  public String construct() {
    return construct;
  }

  /** For an unsupported type, the function that uses it; else null. */
  public String where() {
    return where;
  }
}
