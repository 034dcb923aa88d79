package dev.componentize.core.build;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one stage took and what it did, for the one log line per stage the plugin prints.
 *
 * @param stage the stage
 * @param duration its wall-clock time
 * @param summary what it produced, e.g. {@code "9 libraries, 0 stubbed"}
 */
public record StageTiming(Stage stage, Duration duration, String summary) {
  public StageTiming {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(summary, "summary");
  }

  @Override
  public String toString() {
    return String.format("%-18s %6d ms  %s", stage.label(), duration.toMillis(), summary);
  }
}
