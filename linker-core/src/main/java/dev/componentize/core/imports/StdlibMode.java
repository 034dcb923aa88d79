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

  /** The lower-case name users write. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
