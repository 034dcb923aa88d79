package dev.componentize.core.abi;

import dev.componentize.core.ComponentizeException;

/**
 * The runtime bundle's identity could not be read: {@code manifest.json} is missing, is not JSON,
 * or lacks a field, or libpython cannot be read. The message names the file and, for JSON, the line
 * and column or the field.
 */
public final class RuntimeBundleException extends ComponentizeException {

  private static final long serialVersionUID = 1L;

  private final String file;

  public RuntimeBundleException(String file, String detail) {
    super(file + ": " + detail);
    this.file = file;
  }

  public RuntimeBundleException(String file, String detail, Throwable cause) {
    this(file, detail);
    initCause(cause);
  }

  /** The file concerned. */
  public String file() {
    return file;
  }
}
