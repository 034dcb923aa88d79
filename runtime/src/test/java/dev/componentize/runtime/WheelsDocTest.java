package dev.componentize.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.abi.CandidateLibrary;
import dev.componentize.core.abi.CheckReport;
import dev.componentize.core.abi.Evidence;
import dev.componentize.core.abi.Policy;
import dev.componentize.core.abi.RuntimeIdentity;
import dev.componentize.core.abi.Severity;
import dev.componentize.core.abi.ToolchainCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs what docs/wheels.md tells a user to run, so the page cannot rot: every fenced block opened
 * with {@code ```c file=NAME} is written to NAME in an empty directory, then every {@code ```sh}
 * block is run there line by line with the bundle's {@code sdk/bin} first on the PATH, and the
 * extension module the commands produce must pass the toolchain check under STRICT.
 */
class WheelsDocTest {
  static final Path DOC = Path.of("../docs/wheels.md");
  private static final Pattern FENCE =
      Pattern.compile("(?ms)^```([a-z]+)([^\\n]*)\\n(.*?)^```\\s*$");

  @TempDir Path work;

  @Test
  void theCommandsOfTheDriverSectionBuildAnExtensionTheCheckAccepts() throws Exception {
    Path bundle = RuntimeBundle.dir();
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    List<String> commands = new ArrayList<>();
    int files = 0;
    Matcher fence = FENCE.matcher(doc);
    while (fence.find()) {
      String language = fence.group(1);
      String info = fence.group(2).strip();
      if (language.equals("c") && info.startsWith("file=")) {
        Files.writeString(work.resolve(info.substring("file=".length())), fence.group(3));
        files++;
      } else if (language.equals("sh")) {
        for (String line : fence.group(3).split("\n")) {
          if (!line.isBlank() && !line.startsWith("#")) {
            commands.add(line);
          }
        }
      }
    }
    assertEquals(1, files, "docs/wheels.md has one ```c file=... block");
    assertEquals(2, commands.size(), "docs/wheels.md's ```sh commands: " + commands);

    for (String command : commands) {
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
              .directory(work.toFile())
              .redirectErrorStream(true);
      builder
          .environment()
          .put("PATH", bundle.resolve("sdk/bin").toAbsolutePath() + ":" + System.getenv("PATH"));
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), command);
      assertEquals(0, process.exitValue(), command + "\n" + output);
      assertTrue(output.isEmpty(), () -> command + " printed:\n" + output);
    }

    Path module = work.resolve("fastmath.cpython-313-wasm32-wasi.so");
    assertTrue(Files.isRegularFile(module), "the commands produce " + module.getFileName());
    CheckReport report =
        new ToolchainCheck(RuntimeIdentity.fromBundle(bundle))
            .check(
                List.of(
                    CandidateLibrary.extension(
                        module.getFileName().toString(), Files.readAllBytes(module))),
                Policy.STRICT);
    assertEquals(1, report.findings().size(), report.findings().toString());
    assertEquals(Severity.INFO, report.findings().get(0).severity());
    assertEquals(Evidence.TOOLCHAIN_SECTION, report.findings().get(0).evidence());
    assertFalse(report.hasErrors());
  }
}
