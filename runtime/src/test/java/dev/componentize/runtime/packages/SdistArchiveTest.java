package dev.componentize.runtime.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.componentize.core.packages.PackageException;
import dev.componentize.core.packages.SdistArchive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile source distributions: nothing is written outside the target, every refusal is named. */
class SdistArchiveTest {
  @TempDir Path work;

  private String refused(String fileName, byte[] bytes) throws Exception {
    Path archive = work.resolve(fileName);
    Files.write(archive, bytes);
    PackageException e =
        assertThrows(
            PackageException.class,
            () -> SdistArchive.unpack("demo", archive, work.resolve("out")));
    assertFalse(Files.exists(work.resolve("evil.py")), "nothing was written outside the target");
    return e.getMessage();
  }

  @Test
  void aGoodSdistUnpacksUnderItsTopDirectory() throws Exception {
    Path archive = work.resolve("demo-1.0.tar.gz");
    Files.write(archive, SdistFixtures.tarGz("demo-1.0", Map.of("pkg/a.py", "A = 1\n")));
    Path top = SdistArchive.unpack("demo", archive, work.resolve("out"));
    assertEquals(work.resolve("out/demo-1.0"), top);
    assertEquals("A = 1\n", Files.readString(top.resolve("pkg/a.py")));
  }

  @Test
  void aPathThatClimbsOutIsRefused() throws Exception {
    assertEquals(
        "package 'demo': source distribution demo-1.0.tar.gz is refused: entry '../evil.py' is"
            + " not a plain relative path",
        refused("demo-1.0.tar.gz", SdistFixtures.tarGzEntry("../evil.py", '0', "", "x")));
    assertEquals(
        "package 'demo': source distribution demo-1.0.tar.gz is refused: entry '/tmp/evil.py' is"
            + " not a plain relative path",
        refused("demo-1.0.tar.gz", SdistFixtures.tarGzEntry("/tmp/evil.py", '0', "", "x")));
  }

  @Test
  void linksAreRefused() throws Exception {
    assertEquals(
        "package 'demo': source distribution demo-1.0.tar.gz is refused: entry 'demo-1.0/link'"
            + " is a symbolic link",
        refused("demo-1.0.tar.gz", SdistFixtures.tarGzEntry("demo-1.0/link", '2', "/etc", "")));
    assertEquals(
        "package 'demo': source distribution demo-1.0.tar.gz is refused: entry 'demo-1.0/hard'"
            + " is a hard link",
        refused("demo-1.0.tar.gz", SdistFixtures.tarGzEntry("demo-1.0/hard", '1', "x", "")));
  }

  @Test
  void aHugeDeclaredSizeIsRefusedBeforeAnythingIsWritten() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(SdistFixtures.header("demo-1.0/big.bin", 300L << 20, '0', ""));
    }
    assertEquals(
        "package 'demo': source distribution demo-1.0.tar.gz is refused: it unpacks to more than"
            + " 256 MiB",
        refused("demo-1.0.tar.gz", bytes.toByteArray()));
  }

  @Test
  void aTruncatedArchiveIsRefused() throws Exception {
    byte[] good = SdistFixtures.tarGz("demo-1.0", Map.of("a.py", "x".repeat(5000)));
    String m = refused("demo-1.0.tar.gz", Arrays.copyOf(good, good.length / 2));
    assertEquals(
        "package 'demo': source distribution demo-1.0.tar.gz is refused: the archive is damaged"
            + " or truncated",
        m.substring(0, m.indexOf(" (")));
  }

  @Test
  void entriesOutsideTheOneTopDirectoryAreRefused() throws Exception {
    assertEquals(
        "package 'demo': source distribution demo-1.0.tar.gz is refused: entry 'other/b.py' is"
            + " outside the one top-level directory 'demo-1.0/'",
        refused("demo-1.0.tar.gz", twoEntries("demo-1.0/a.py", "other/b.py")));
  }

  private static byte[] twoEntries(String first, String second) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(SdistFixtures.header(first, 0, '0', ""));
      gz.write(SdistFixtures.header(second, 0, '0', ""));
      gz.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  @Test
  void aZipSdistIsCheckedTheSameWay() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("demo-1.0/../../evil.py"));
      zip.write("x".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    assertEquals(
        "package 'demo': source distribution demo-1.0.zip is refused: entry"
            + " 'demo-1.0/../../evil.py' is not a plain relative path",
        refused("demo-1.0.zip", bytes.toByteArray()));
  }
}
