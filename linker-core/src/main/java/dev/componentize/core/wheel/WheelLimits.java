package dev.componentize.core.wheel;

/**
 * Bounds on what unpacking one wheel may cost, so that a hostile archive (a "zip bomb": a small
 * file that inflates to gigabytes, or millions of tiny entries) fails fast instead of filling the
 * disk. Sizes are counted on the bytes actually inflated, never taken from zip headers, which an
 * attacker writes.
 *
 * @param maxEntries most archive entries (files and directories)
 * @param maxEntryBytes most bytes one file may inflate to
 * @param maxTotalBytes most bytes all files together may inflate to
 * @param maxCompressionRatio most inflated bytes per compressed byte of one entry, checked once the
 *     entry has inflated past {@code ratioGraceBytes}
 * @param ratioGraceBytes bytes an entry may inflate to before the ratio is enforced: small files of
 *     repeated text legitimately compress very well
 */
public record WheelLimits(
    int maxEntries,
    long maxEntryBytes,
    long maxTotalBytes,
    int maxCompressionRatio,
    long ratioGraceBytes) {

  /**
   * Defaults sized for real wheels: the largest common wheels hold a few thousand files (SciPy
   * about 3,000) and native libraries of a few hundred MiB; text and wasm code compress 3-10x, so a
   * ratio past 100 on a large entry means repeated filler, not code.
   */
  public static final WheelLimits DEFAULTS =
      new WheelLimits(50_000, 512L << 20, 2L << 30, 100, 1L << 20);

  /** One of the limits, for a message that names the setting to raise. */
  public enum Limit {
    ENTRIES("entry limit"),
    ENTRY_BYTES("per-file size limit"),
    TOTAL_BYTES("total size limit"),
    COMPRESSION_RATIO("compression ratio limit");

    private final String description;

    Limit(String description) {
      this.description = description;
    }

    /** How a message calls the limit: "per-file size limit". */
    public String description() {
      return description;
    }
  }

  public WheelLimits {
    if (maxEntries < 1
        || maxEntryBytes < 1
        || maxTotalBytes < 1
        || maxCompressionRatio < 1
        || ratioGraceBytes < 0) {
      throw new IllegalArgumentException("wheel limits must be positive");
    }
  }
}
