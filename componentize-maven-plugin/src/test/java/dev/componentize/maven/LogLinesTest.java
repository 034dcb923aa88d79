package dev.componentize.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogLinesTest {
  @Test
  void aStageLineHasItsLabelTimeAndSummary() {
    assertEquals(
        "componentize: link 1.2 s (8 libraries)",
        LogLines.stage(new StageTiming(Stage.LINK, Duration.ofMillis(1234), "8 libraries")));
    assertEquals(
        "componentize: write 0.0 s",
        LogLines.stage(new StageTiming(Stage.WRITE, Duration.ofMillis(12), "")));
  }

  @Test
  void aFailedStageAndAPhaseNameTheStage() {
    assertEquals(
        "componentize: pre-initialize failed after 3.4 s",
        LogLines.failed(Stage.PRE_INITIALIZE, Duration.ofMillis(3_449)));
    assertEquals(
        "componentize: pre-initialize: start CPython 5.6 s",
        LogLines.progress(Stage.PRE_INITIALIZE, "start CPython 5.6 s"));
  }

  @Test
  void theSummaryGivesSizeLibrariesAndTotalTime() {
    assertEquals(
        "componentize: wrote target/hello-1.0.wasm (13.4 MB, 8 libraries) in 24.3 s",
        LogLines.wrote(Path.of("target/hello-1.0.wasm"), 13_395_774, 8, Duration.ofMillis(24_330)));
    assertEquals(
        "componentize: wrote x.wasm (51.6 kB, 1 library) in 0.5 s",
        LogLines.wrote(Path.of("x.wasm"), 51_632, 1, Duration.ofMillis(500)));
  }

  @Test
  void pathsInsideTheProjectAreShownRelative() {
    Path base = Path.of("/work/project");
    assertEquals(
        Path.of("target/a.wasm"), LogLines.relative(base, Path.of("/work/project/target/a.wasm")));
    assertEquals(
        Path.of("/elsewhere/a.wasm"), LogLines.relative(base, Path.of("/elsewhere/a.wasm")));
  }

  @Test
  void upToDateLine() {
    assertEquals(
        "componentize: target/x.wasm is up to date (inputs unchanged), skipping",
        LogLines.upToDate(Path.of("target/x.wasm")));
  }
}
