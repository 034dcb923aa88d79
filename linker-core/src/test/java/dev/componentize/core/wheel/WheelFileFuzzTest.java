package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the wheel reader: the input bytes are written to a wheel file and
 * {@link WheelFile#unpack unpacked} into a fresh directory. Any archive must unpack or be refused
 * with a {@link WheelException}; an {@link IOException} (an unexplained failure on a readable
 * file), any other throwable or a hang is a finding. Whatever the outcome, nothing may appear
 * beside the target but the wheel itself: no staging directory left behind, no file written
 * outside.
 *
 * <p>The limits are small so that a zip bomb the fuzzer builds costs milliseconds, not gigabytes;
 * their enforcement is the same code as with the defaults. Seeds (real wheels and small crafted
 * ones) and reproducers: {@code WheelFileFuzzTestInputs/wheelArchive/}.
 */
class WheelFileFuzzTest {

  /** The file name the fuzzed bytes get, matching the seeds' {@code demo-1.0.dist-info}. */
  private static final String WHEEL_NAME = "demo-1.0-py3-none-any.whl";

  private static final WheelLimits LIMITS = new WheelLimits(500, 1 << 20, 4 << 20, 100, 64 << 10);

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void wheelArchive(byte[] input) throws IOException {
    Path dir = Files.createTempDirectory("wheel-fuzz-");
    try {
      Path wheel = Files.write(dir.resolve(WHEEL_NAME), input);
      Path site = dir.resolve("site");
      boolean unpacked;
      try {
        WheelFile.unpack(wheel, site, TargetRuntime.CPYTHON_3_13, LIMITS);
        unpacked = true;
      } catch (WheelException expected) {
        unpacked = false;
      } catch (IOException e) {
        fail("an IOException instead of a WheelException: " + e, e);
        return;
      }
      assertEquals(
          unpacked ? List.of(WHEEL_NAME, "site") : List.of(WHEEL_NAME),
          list(dir),
          "the unpack wrote beside its target");
    } finally {
      dev.componentize.core.files.FileKit.deleteRecursively(dir);
    }
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
