package dev.componentize.runtime;

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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes real wheels (PEP 427: WHEEL, METADATA and a RECORD with sha256 hashes). */
public final class TestWheels {
  public record Entry(String path, byte[] content) {}

  private TestWheels() {}

  public static Path build(Path file, String name, String version, String tag, List<Entry> files)
      throws IOException {
    String distInfo = name + "-" + version + ".dist-info";
    List<Entry> all = new ArrayList<>(files);
    all.add(
        new Entry(
            distInfo + "/METADATA",
            ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
                .getBytes(StandardCharsets.UTF_8)));
    all.add(
        new Entry(
            distInfo + "/WHEEL",
            ("Wheel-Version: 1.0\nGenerator: componentize-maven tests\nRoot-Is-Purelib: false\nTag: "
                    + tag
                    + "\n")
                .getBytes(StandardCharsets.UTF_8)));
    StringBuilder record = new StringBuilder();
    for (Entry entry : all) {
      record
          .append(entry.path())
          .append(",sha256=")
          .append(sha256(entry.content()))
          .append(',')
          .append(entry.content().length)
          .append('\n');
    }
    record.append(distInfo).append("/RECORD,,\n");
    all.add(new Entry(distInfo + "/RECORD", record.toString().getBytes(StandardCharsets.UTF_8)));
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Entry entry : all) {
        zip.putNextEntry(new ZipEntry(entry.path()));
        zip.write(entry.content());
        zip.closeEntry();
      }
    }
    return file;
  }

  private static String sha256(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
