package dev.componentize.maven;

import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The plugin's info lines (docs/maven-plugin.md "What the build prints"), one format each. */
final class LogLines {
  static final String PREFIX = "componentize: ";

  private LogLines() {}

  /** {@code componentize: link 1.2 s (8 libraries)}. */
  static String stage(StageTiming timing) {
    return PREFIX
        + timing.stage().label()
        + " "
        + seconds(timing.duration())
        + (timing.summary().isEmpty() ? "" : " (" + timing.summary() + ")");
  }

  /** {@code componentize: pre-initialize failed after 3.4 s}. */
  static String failed(Stage stage, Duration elapsed) {
    return PREFIX + stage.label() + " failed after " + seconds(elapsed);
  }

  /** {@code componentize: pre-initialize: start CPython 4.1 s}. */
  static String progress(Stage stage, String message) {
    return PREFIX + stage.label() + ": " + message;
  }

  /** {@code componentize: wrote target/hello-1.0.wasm (13.4 MB, 8 libraries) in 24.3 s}. */
  static String wrote(Path output, long bytes, int libraries, Duration total) {
    return PREFIX
        + "wrote "
        + output
        + " ("
        + megabytes(bytes)
        + ", "
        + libraries
        + (libraries == 1 ? " library" : " libraries")
        + ") in "
        + seconds(total);
  }

  /** {@code componentize: target/hello-1.0.wasm is up to date (inputs unchanged), skipping}. */
  static String upToDate(Path output) {
    return PREFIX + output + " is up to date (inputs unchanged), skipping";
  }

  /** Seconds with one decimal, in a fixed locale so build logs read the same everywhere. */
  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** Decimal megabytes with one decimal ({@code 13.4 MB}); below 0.1 MB in kB. */
  static String megabytes(long bytes) {
    if (bytes < 100_000) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }

  /** {@code path} relative to {@code base} when it lies inside it, as Maven prints paths. */
  static Path relative(Path base, Path path) {
    Path absoluteBase = base.toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(absoluteBase) ? absoluteBase.relativize(absolute) : absolute;
  }
}
