package dev.componentize.core.imports;

import java.util.Locale;

/** Which standard-library modules the component carries besides those the build imported. */
public enum StdlibMode {
  /** Those the app's, the bindings' and the wheels' code can import (a static closure). */
  REACHABLE,
  /** The whole standard library, for apps that name modules at run time. */
  ALL,
  /** Only what the build imported: nothing is embedded (the smallest component). */
  IMPORTED;

  /** The mode named {@code value} ({@code reachable}, {@code all}, {@code imported}). */
  public static StdlibMode parse(String value) {
    for (StdlibMode mode : values()) {
      if (mode.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not a stdlib mode; use reachable, all or imported");
  }

  /** The lower-case name users write. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
