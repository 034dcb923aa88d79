package dev.componentize.core.wheel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds wheel files for tests the way bdist_wheel lays them out: the files, then {@code
 * .dist-info/WHEEL} and a RECORD with real sha256 hashes and sizes, computed here independently of
 * the code under test. Hostile variants add entries RECORD does not know, edit RECORD, or add
 * entries java.util.zip cannot write (symbolic links, duplicate names), for which the archive is
 * written with commons-compress instead.
 */
public final class TestWheel {
  /** The smallest valid core module: magic and version 1, then a custom section "x" of 1 byte. */
  static final byte[] WASM_MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 3, 1, 'x', 42};

  private final String distribution;
  private final String version;
  private final List<String> tags = new ArrayList<>();
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final List<Raw> extra = new ArrayList<>();
  private boolean rootIsPurelib = true;
  private boolean withRecord = true;
  private UnaryOperator<String> recordEdit = UnaryOperator.identity();
  private int method = ZipEntry.DEFLATED;

  private record Raw(String name, byte[] content, int unixMode) {}

  TestWheel(String distribution, String version) {
    this.distribution = distribution;
    this.version = version;
  }

  /** A pure-Python wheel {@code name-version} tagged py3-none-any with one module. */
  public static TestWheel pure(String distribution, String version) {
    return new TestWheel(distribution, version)
        .tag("py3-none-any")
        .text(distribution + "/__init__.py", "VALUE = 42\n");
  }

  TestWheel tag(String tag) {
    tags.add(tag);
    return this;
  }

  TestWheel platlib() {
    rootIsPurelib = false;
    return this;
  }

  public TestWheel text(String path, String content) {
    return file(path, content.getBytes(StandardCharsets.UTF_8));
  }

  TestWheel file(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  /** An entry written into the archive but not into RECORD. */
  TestWheel unrecorded(String name, byte[] content) {
    extra.add(new Raw(name, content, 0));
    return this;
  }

  /** A symbolic link entry (Unix mode 0120777) whose content is the link target. */
  TestWheel symlink(String name, String target) {
    extra.add(new Raw(name, target.getBytes(StandardCharsets.UTF_8), 0120777));
    return this;
  }

  /** An entry with the given Unix mode (file type and permissions), not written into RECORD. */
  TestWheel unrecordedWithMode(String name, byte[] content, int unixMode) {
    extra.add(new Raw(name, content, unixMode));
    return this;
  }

  TestWheel withoutRecord() {
    withRecord = false;
    return this;
  }

  /** Rewrites the RECORD text after it was generated. */
  TestWheel editRecord(UnaryOperator<String> edit) {
    recordEdit = edit;
    return this;
  }

  TestWheel stored() {
    method = ZipEntry.STORED;
    return this;
  }

  String distInfo() {
    return distribution + "-" + version + ".dist-info";
  }

  /** The contents of every entry, in archive order, RECORD included. */
  Map<String, byte[]> entries() {
    Map<String, byte[]> all = new LinkedHashMap<>(files);
    StringBuilder wheel = new StringBuilder("Wheel-Version: 1.0\nGenerator: test\n");
    wheel.append("Root-Is-Purelib: ").append(rootIsPurelib).append('\n');
    for (String tag : tags) {
      wheel.append("Tag: ").append(tag).append('\n');
    }
    all.put(distInfo() + "/WHEEL", wheel.toString().getBytes(StandardCharsets.UTF_8));
    if (withRecord) {
      StringBuilder record = new StringBuilder();
      for (Map.Entry<String, byte[]> f : all.entrySet()) {
        record
            .append(f.getKey())
            .append(",sha256=")
            .append(sha256(f.getValue()))
            .append(',')
            .append(f.getValue().length)
            .append('\n');
      }
      record.append(distInfo()).append("/RECORD,,\n");
      all.put(
          distInfo() + "/RECORD",
          recordEdit.apply(record.toString()).getBytes(StandardCharsets.UTF_8));
    }
    return all;
  }

  /** Writes the wheel into {@code dir} under {@code fileName} and returns its path. */
  Path write(Path dir, String fileName) throws IOException {
    Path file = dir.resolve(fileName);
    Map<String, byte[]> all = entries();
    boolean needsCommonsCompress = extra.stream().anyMatch(r -> r.unixMode != 0);
    for (Raw r : extra) {
      needsCommonsCompress |= all.containsKey(r.name);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      if (needsCommonsCompress) {
        writeCommonsCompress(out, all);
      } else {
        writeJavaUtilZip(out, all);
      }
    }
    return file;
  }

  /** Writes the wheel under its conventional file name for the given tag. */
  public Path write(Path dir) throws IOException {
    return write(dir, distribution + "-" + version + "-" + tags.get(0) + ".whl");
  }

  private void writeJavaUtilZip(OutputStream out, Map<String, byte[]> all) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : all.entrySet()) {
        zip.putNextEntry(entry(f.getKey(), f.getValue()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
      for (Raw r : extra) {
        zip.putNextEntry(entry(r.name, r.content));
        zip.write(r.content);
        zip.closeEntry();
      }
    }
  }

  private ZipEntry entry(String name, byte[] content) {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(method);
    if (method == ZipEntry.STORED) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(content);
      e.setSize(content.length);
      e.setCompressedSize(content.length);
      e.setCrc(crc.getValue());
    }
    return e;
  }

  /** java.util.zip refuses duplicate names and cannot set Unix modes; commons-compress can. */
  private void writeCommonsCompress(OutputStream out, Map<String, byte[]> all) throws IOException {
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : all.entrySet()) {
        put(zip, f.getKey(), f.getValue(), 0100644);
      }
      for (Raw r : extra) {
        put(zip, r.name, r.content, r.unixMode == 0 ? 0100644 : r.unixMode);
      }
    }
  }

  private static void put(ZipArchiveOutputStream zip, String name, byte[] content, int mode)
      throws IOException {
    ZipArchiveEntry e = new ZipArchiveEntry(name);
    e.setUnixMode(mode);
    zip.putArchiveEntry(e);
    zip.write(content);
    zip.closeArchiveEntry();
  }

  static String sha256(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code n} zero bytes: compresses about 1000 to 1 with deflate. */
  static byte[] zeros(int n) {
    return new byte[n];
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
