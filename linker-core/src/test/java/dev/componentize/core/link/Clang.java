package dev.componentize.core.link;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles the C fixtures of src/test/c/link with Debian's clang-19 into PIC wasm libraries. */
public final class Clang {
  static final Path SOURCES = Path.of("src/test/c/link");

  private Clang() {}

  public static void assumeAvailable() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/clang-19")),
        "clang-19 is not installed: run scripts/install-toolchain.sh");
  }

  /**
   * {@code clang-19 -fPIC -shared} of {@code source} into {@code out/name}; {@code needed} are
   * libraries in {@code out} to link against (they become dylink.0 "needed" entries).
   */
  public static byte[] sharedLibrary(Path out, String name, String source, String... needed)
      throws IOException, InterruptedException {
    Path object = out.resolve(name + ".o");
    run(
        out,
        List.of(
            "clang-19",
            "--target=wasm32-wasi",
            "-O2",
            "-fPIC",
            "-fvisibility=default",
            "-c",
            SOURCES.resolve(source).toAbsolutePath().toString(),
            "-o",
            object.toString()));
    List<String> link =
        new ArrayList<>(
            List.of(
                "clang-19",
                "--target=wasm32-wasi",
                "-shared",
                "-nostdlib",
                "-Wl,--no-entry",
                "-Wl,--allow-undefined",
                "-Wl,--export=__wasm_call_ctors",
                "-o",
                out.resolve(name).toString(),
                object.toString()));
    for (String library : needed) {
      link.add(library);
    }
    run(out, link);
    return Files.readAllBytes(out.resolve(name));
  }

  private static void run(Path directory, List<String> command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
