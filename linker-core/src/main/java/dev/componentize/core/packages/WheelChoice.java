package dev.componentize.core.packages;

import dev.componentize.core.wheel.TagCompatibility;
import dev.componentize.core.wheel.TagCompatibility.Platform;
import dev.componentize.core.wheel.TargetRuntime;
import dev.componentize.core.wheel.WheelName;
import dev.componentize.core.wheel.WheelTag;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the wheel of one release that fits the runtime, by the tag rules of {@link
 * TagCompatibility}, preferring what an installer prefers: a WASI build over a pure-Python one, the
 * exact CPython ABI over abi3 over none.
 */
final class WheelChoice {
  private WheelChoice() {}

  /** The best wheel of the files for the runtime, if any fits. */
  static Optional<IndexFile> best(List<IndexFile> files, TargetRuntime runtime) {
    return files.stream()
        .filter(IndexFile::isWheel)
        .filter(f -> rank(f, runtime) < Integer.MAX_VALUE)
        .min(
            Comparator.comparingInt((IndexFile f) -> rank(f, runtime))
                .thenComparing(IndexFile::filename));
  }

  /** Lower is better; {@link Integer#MAX_VALUE} when no tag fits. */
  static int rank(IndexFile file, TargetRuntime runtime) {
    Optional<WheelName> name = WheelName.tryParse(file.filename());
    if (name.isEmpty()) {
      return Integer.MAX_VALUE;
    }
    int best = Integer.MAX_VALUE;
    for (WheelTag tag : name.get().tags()) {
      if (TagCompatibility.isCompatible(tag, runtime)) {
        int platform = TagCompatibility.platform(tag.platform()) == Platform.WASI ? 0 : 10;
        String abi = tag.abi().toLowerCase(Locale.ROOT);
        int abiRank = abi.equals(runtime.cpythonTag()) ? 0 : abi.equals("abi3") ? 1 : 2;
        best = Math.min(best, platform + abiRank);
      }
    }
    return best;
  }

  /** The version a distribution file's name carries (wheel, or sdist {@code name-version.ext}). */
  static Optional<Version> versionOf(IndexFile file) {
    String n = file.filename();
    if (file.isWheel()) {
      return WheelName.tryParse(n).flatMap(w -> Version.tryParse(w.version()));
    }
    String stem =
        n.endsWith(".tar.gz")
            ? n.substring(0, n.length() - 7)
            : n.endsWith(".zip") || n.endsWith(".tgz") ? n.substring(0, n.length() - 4) : null;
    if (stem == null || stem.lastIndexOf('-') < 1) {
      return Optional.empty();
    }
    return Version.tryParse(stem.substring(stem.lastIndexOf('-') + 1));
  }
}
