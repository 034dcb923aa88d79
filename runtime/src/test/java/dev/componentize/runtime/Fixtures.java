package dev.componentize.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles test C sources against the runtime bundle's SDK (sysroot + CPython headers) with
 * clang-19 into position-independent wasm libraries, as a user building an extension would.
 */
public final class Fixtures {
  /** The C sources of the test libraries (fastmath's square.c and cube.c among them). */
  public static final Path SOURCES = Path.of("src/test/c/linked");

  private final Path sdk;
  private final Path out;
  private Path toolchainId;

  public Fixtures(Path sdk, Path out) {
    this.sdk = sdk;
    this.out = out;
  }

  /** A CPython extension module; {@code needed} become its dylink.0 "needed" entries. */
  public Path extension(String name, String source, Path... needed) throws IOException {
    sharedLibrary(name, source, needed);
    return out.resolve(name);
  }

  /** A shared library linked from {@code source} and the toolchain identity object. */
  byte[] sharedLibrary(String name, String source, Path... needed) throws IOException {
    Path object = compile(SOURCES.resolve(source).toAbsolutePath(), name + ".o");
    List<String> link =
        new ArrayList<>(
            List.of(
                "clang-19",
                "--target=wasm32-wasi",
                "--sysroot=" + sdk.resolve("sysroot"),
                "-shared",
                "-nostdlib",
                "-Wl,--no-entry",
                "-Wl,--allow-undefined",
                "-Wl,--strip-debug",
                "-o",
                out.resolve(name).toString(),
                object.toString(),
                toolchainId().toString()));
    for (Path library : needed) {
      // wasm-ld records the file name as given: link from the library's own directory.
      Path local = out.resolve(library.getFileName());
      if (!Files.exists(local)) {
        Files.copy(library, local);
      }
      link.add(library.getFileName().toString());
    }
    run(link);
    return Files.readAllBytes(out.resolve(name));
  }

  private Path toolchainId() throws IOException {
    if (toolchainId == null) {
      Path source = out.resolve("toolchain-id.c");
      Files.writeString(source, "#include <wasi/toolchain-id.h>\n");
      toolchainId = compile(source, "toolchain-id.o");
    }
    return toolchainId;
  }

  private Path compile(Path source, String objectName) throws IOException {
    Path object = out.resolve(objectName);
    run(
        List.of(
            "clang-19",
            "--target=wasm32-wasi",
            "--sysroot=" + sdk.resolve("sysroot"),
            "-I" + sdk.resolve("include/python3.13"),
            "-O2",
            "-fPIC",
            "-fvisibility=default",
            "-c",
            source.toString(),
            "-o",
            object.toString()));
    return object;
  }

  private void run(List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(out.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }
}
