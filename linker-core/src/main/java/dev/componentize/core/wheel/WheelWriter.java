package dev.componentize.core.wheel;

import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a wheel (PEP 427) from files: the files at their paths in site-packages, then {@code
 * {name}-{version}.dist-info/} with {@code METADATA}, {@code WHEEL} and {@code RECORD} (every
 * file's sha256 and size; RECORD itself last, without a hash). The result is reproducible: entries
 * in name order, one fixed time, no extra fields, so the same inputs give the same bytes anywhere.
 * The file is written next to its destination and moved into place only when complete.
 */
public final class WheelWriter {
  /** The time of every entry: the zip format's earliest, as files.FixedTimes. */
  private static final LocalDateTime TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  // PEP 440 public versions (the normalized form: no epoch, no local part).
  private static final Pattern VERSION =
      Pattern.compile("[0-9]+(\\.[0-9]+)*((a|b|rc)[0-9]+)?(\\.post[0-9]+)?(\\.dev[0-9]+)?");
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("[a-z0-9_]+-[a-z0-9_]+-[a-z0-9_]+");

  /**
   * What the wheel is.
   *
   * @param distribution the project name (PEP 508), e.g. {@code fastmath}
   * @param version a PEP 440 version, e.g. {@code 1.0.0} or {@code 1.0.0.dev0}
   * @param tag one {@code python-abi-platform} tag, e.g. {@code cp313-cp313-wasi_0_0_0_wasm32}
   * @param summary one line for {@code METADATA}'s Summary, if any
   * @param generator what wrote it, for {@code WHEEL}'s Generator
   */
  public record Spec(
      String distribution, String version, String tag, Optional<String> summary, String generator) {
    public Spec {
      Objects.requireNonNull(summary, "summary");
      if (!NAME.matcher(distribution).matches()) {
        throw new IllegalArgumentException(
            "'"
                + distribution
                + "' is not a Python distribution name (letters, digits, '.', '_', '-', starting"
                + " and ending with a letter or digit)");
      }
      if (!VERSION.matcher(version).matches()) {
        throw new IllegalArgumentException(
            "'"
                + version
                + "' is not a PEP 440 version such as 1.0, 1.0.2rc1, 1.0.post1 or 1.0.dev0");
      }
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException(
            "'" + tag + "' is not a wheel tag such as cp313-cp313-wasi_0_0_0_wasm32");
      }
      summary = summary.map(s -> s.strip().replaceAll("\\s+", " ")).filter(s -> !s.isEmpty());
    }

    /** The name as wheel file names and dist-info directories spell it (PEP 427 escaping). */
    public String escapedName() {
      return distribution.replaceAll("[-_.]+", "_").toLowerCase(Locale.ROOT);
    }

    /** {@code {name}-{version}-{tag}.whl}. */
    public String fileName() {
      return escapedName() + "-" + version + "-" + tag + ".whl";
    }

    /** {@code {name}-{version}.dist-info}. */
    public String distInfo() {
      return escapedName() + "-" + version + ".dist-info";
    }
  }

  private WheelWriter() {}

  /**
   * Writes {@code directory/<spec.fileName()>}.
   *
   * @param files archive path (in site-packages, {@code /}-separated) to the file on disk
   * @return the wheel
   * @throws IllegalArgumentException if a path is unsafe or lies in the dist-info directory
   */
  public static Path write(Path directory, Spec spec, Map<String, Path> files) throws IOException {
    SortedMap<String, byte[]> content = new TreeMap<>();
    for (Map.Entry<String, Path> file : files.entrySet()) {
      String name = file.getKey();
      try {
        EntryNames.check(spec.fileName(), name);
      } catch (WheelException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      if (name.startsWith(spec.distInfo() + "/")) {
        throw new IllegalArgumentException(
            "'" + name + "' lies in " + spec.distInfo() + ", which the wheel writer generates");
      }
      content.put(name, Files.readAllBytes(file.getValue()));
    }
    String info = spec.distInfo() + "/";
    content.put(info + "METADATA", utf8(metadata(spec)));
    content.put(
        info + "WHEEL",
        utf8(
            "Wheel-Version: 1.0\nGenerator: "
                + spec.generator()
                + "\nRoot-Is-Purelib: false\nTag: "
                + spec.tag()
                + "\n"));
    List<String> order = new ArrayList<>();
    content.keySet().stream().filter(n -> !n.startsWith(info)).forEach(order::add);
    order.add(info + "METADATA");
    order.add(info + "WHEEL");
    StringBuilder record = new StringBuilder();
    for (String name : order) {
      byte[] bytes = content.get(name);
      record
          .append(csv(name))
          .append(",sha256=")
          .append(sha256(bytes))
          .append(',')
          .append(bytes.length)
          .append('\n');
    }
    record.append(csv(info + "RECORD")).append(",,\n");
    content.put(info + "RECORD", utf8(record.toString()));
    order.add(info + "RECORD");

    Files.createDirectories(directory);
    Path wheel = directory.resolve(spec.fileName());
    Path staging = Files.createTempFile(directory, "." + spec.fileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(staging);
          ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
        for (String name : order) {
          ZipEntry entry = new ZipEntry(name);
          entry.setTimeLocal(TIME);
          zip.putNextEntry(entry);
          zip.write(content.get(name));
          zip.closeEntry();
        }
      }
      Files.move(
          staging, wheel, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(staging);
    }
    return wheel;
  }

  private static String metadata(Spec spec) {
    StringBuilder text =
        new StringBuilder("Metadata-Version: 2.1\nName: ")
            .append(spec.distribution())
            .append("\nVersion: ")
            .append(spec.version())
            .append('\n');
    spec.summary().ifPresent(s -> text.append("Summary: ").append(s).append('\n'));
    return text.toString();
  }

  /** A RECORD field: quoted when it holds a comma or a quote (RFC 4180, as Python's csv). */
  private static String csv(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static String sha256(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(FileKit.sha256().digest(bytes));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
