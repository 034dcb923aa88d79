package dev.componentize.core.abi;

/** How serious a {@link Finding} is. */
public enum Severity {
  /** The library cannot work with the runtime. */
  ERROR,
  /** The library may work, but the check could not verify it, or found a risk. */
  WARNING,
  /** What the check established, for the build log. */
  INFO
}
