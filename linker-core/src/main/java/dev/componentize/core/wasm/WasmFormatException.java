package dev.componentize.core.wasm;

import dev.componentize.core.ComponentizeException;

/**
 * A wasm binary (or one of its metadata sections) is malformed or uses an encoding this model does
 * not support. The message always names the file, the section and the absolute byte offset, so a
 * user can open the file in a hex viewer or {@code wasm-objdump} and look at the exact spot.
 */
public class WasmFormatException extends ComponentizeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final String section;
  private final long offset;
  private final String detail;

  public WasmFormatException(String file, String section, long offset, String detail) {
    super(
        file
            + ": section '"
            + section
            + "' at offset "
            + offset
            + " (0x"
            + Long.toHexString(offset)
            + "): "
            + detail);
    this.file = file;
    this.section = section;
    this.offset = offset;
    this.detail = detail;
  }

  /** The label the caller gave for the input, usually a file name. */
  public String file() {
    return file;
  }

  /** The section being read, e.g. {@code import}, {@code code} or {@code dylink.0}. */
  public String section() {
    return section;
  }

  /** Absolute offset in the input at which the problem was found. */
  public long offset() {
    return offset;
  }

  /** What is wrong, without the location prefix. */
  public String detail() {
    return detail;
  }
}
