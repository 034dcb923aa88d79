package dev.componentize.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Inputs for the pipeline tests: the runtime bundle (with its glue and adapter), and real wheels.
 */
public final class PipelineFixtures {
  /** The runtime module's directory: the working directory under surefire, runtime/ under exec. */
  public static final Path MODULE =
      Files.isDirectory(Path.of("src/test/c/glue")) ? Path.of("") : Path.of("runtime");

  static final Path RESOURCES = MODULE.resolve("src/test/resources/pipeline");

  private PipelineFixtures() {}

  /** The runtime bundle the module's build made (system property set by surefire). */
  static Path builtBundle() throws IOException {
    String configured =
        System.getProperty("componentize.runtime.dir", System.getenv("COMPONENTIZE_RUNTIME_DIR"));
    if (configured == null || !Files.isRegularFile(Path.of(configured).resolve(".complete"))) {
      throw new IllegalStateException(
          "no finished runtime bundle at componentize.runtime.dir=" + configured);
    }
    return Path.of(configured).toRealPath();
  }

  /**
   * A copy of the built bundle without {@code omitted} (a path relative to the bundle, e.g. {@code
   * lib/libcomponentize.so}): symbolic links to everything else, so nothing is copied.
   */
  static Path bundleWithout(Path target, String omitted) throws IOException {
    Path built = builtBundle();
    try (Stream<Path> files = Files.walk(built)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = built.relativize(file).toString();
        if (relative.equals(omitted) || relative.startsWith("bin/")) {
          continue;
        }
        Path copy = target.resolve(relative);
        Files.createDirectories(copy.getParent());
        Files.createSymbolicLink(copy, file);
      }
    }
    return target;
  }

  /** A wheel (PEP 427) with WHEEL, METADATA and a RECORD holding sha256 hashes of {@code files}. */
  public static Path wheel(Path file, String name, String tag, Map<String, String> files)
      throws IOException {
    Map<String, byte[]> binary = new java.util.TreeMap<>();
    files.forEach((path, text) -> binary.put(path, utf8(text)));
    return binaryWheel(file, name, tag, binary);
  }

  /** {@link #wheel} with file contents given as bytes (e.g. extension modules). */
  static Path binaryWheel(Path file, String name, String tag, Map<String, byte[]> files)
      throws IOException {
    String distInfo = name + "-1.0.dist-info";
    List<Map.Entry<String, byte[]>> all = new ArrayList<>();
    files.forEach((path, bytes) -> all.add(Map.entry(path, bytes)));
    all.add(
        Map.entry(
            distInfo + "/METADATA",
            utf8("Metadata-Version: 2.1\nName: " + name + "\nVersion: 1.0\n")));
    all.add(
        Map.entry(
            distInfo + "/WHEEL",
            utf8(
                "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: "
                    + tag
                    + "\n")));
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, byte[]> entry : all) {
      record
          .append(entry.getKey())
          .append(",sha256=")
          .append(sha256(entry.getValue()))
          .append(',')
          .append(entry.getValue().length)
          .append('\n');
    }
    record.append(distInfo).append("/RECORD,,\n");
    all.add(Map.entry(distInfo + "/RECORD", utf8(record.toString())));
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : all) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Compiles {@code source} (under src/test/c/linked) with the bundle's compiler driver ({@code
   * sdk/bin/wasm32-wasi-clang}) into a position-independent extension module linked against the
   * runtime's libc.so and libpython3.13.so and carrying the runtime's toolchain identity, as a user
   * building a wasi wheel would (docs/wheels.md).
   */
  static byte[] extensionModule(Path sdk, Path out, String source) throws Exception {
    Files.createDirectories(out);
    String driver = sdk.resolve("bin/wasm32-wasi-clang").toString();
    run(
        out,
        List.of(
            "bash",
            driver,
            "-O2",
            "-c",
            MODULE.resolve("src/test/c/linked").resolve(source).toAbsolutePath().toString(),
            "-o",
            "module.o"));
    run(
        out,
        List.of("bash", driver, "-shared", "-Wl,--strip-debug", "-o", "module.so", "module.o"));
    return Files.readAllBytes(out.resolve("module.so"));
  }

  private static void run(Path directory, List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
  }
}
