package dev.componentize.core.bindings;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the machine's {@code python3} on generated bindings. */
final class Python {
  private Python() {}

  /** The output and exit status of a finished run. */
  record Run(int exitCode, String output) {}

  static void assumeAvailable() {
    boolean available;
    try {
      available = run(Path.of("."), List.of("--version")).exitCode() == 0;
    } catch (IOException e) {
      available = false;
    }
    assumeTrue(available, "python3 is not on the PATH");
  }

  /** Writes {@code files} under {@code dir}. */
  static void write(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** {@code python3 args...} in {@code dir}, stdout and stderr together. */
  static Run run(Path dir, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("python3", "-B"));
    command.addAll(args);
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("python3 " + args + " did not finish in 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Run(process.exitValue(), output);
  }
}
