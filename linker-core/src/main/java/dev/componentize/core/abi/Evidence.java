package dev.componentize.core.abi;

/**
 * What a {@link Finding} rests on. Only our own {@code componentize.toolchain} section records the
 * wasi-libc revision a library was compiled against; everything else says less, and findings based
 * on it say so.
 */
public enum Evidence {
  /** Our {@code componentize.toolchain} custom section (docs/design/toolchain-identity.md). */
  TOOLCHAIN_SECTION("componentize.toolchain section", true),
  /** The {@code producers} section (tool-conventions ProducersSection.md): names the compiler. */
  PRODUCERS("producers section: names the compiler, not the wasi-libc", false),
  /** A platform tag of the wheel the library came from (PEP 425). */
  WHEEL_TAG("wheel platform tag: names the platform, not the wasi-libc", false),
  /** The extension-module suffix of the file name, which is what CPython's import matches. */
  FILE_NAME("file name's extension suffix", true),
  /** The module's imports: they show which host interface the code was compiled for. */
  IMPORTS("the module's imports", true),
  /** The module's exports: the symbols it defines for the other libraries. */
  EXPORTS("the module's exports", true),
  /** The {@code target_features} section (tool-conventions Linking.md). */
  TARGET_FEATURES("target_features section", true),
  /** The binary itself: its header and the presence of {@code dylink.0}. */
  MODULE_STRUCTURE("the module's structure", true),
  /** Nothing in or around the library records how it was built. */
  NONE("no evidence: no componentize.toolchain section, no producers section, no wheel tag", false);

  private final String description;
  private final boolean strong;

  Evidence(String description, boolean strong) {
    this.description = description;
    this.strong = strong;
  }

  public String description() {
    return description;
  }

  /** Whether the evidence establishes the finding, rather than merely suggesting it. */
  public boolean isStrong() {
    return strong;
  }

  /** e.g. {@code producers section: names the compiler, not the wasi-libc (weaker evidence)}. */
  @Override
  public String toString() {
    return strong || this == NONE ? description : description + " (weaker evidence)";
  }
}
