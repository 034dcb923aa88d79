package dev.componentize.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.files.FileKit;
import dev.componentize.core.files.FixedTimes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeBundleUnpackerTest {
  private static final String COORDINATES = "dev.componentize:componentize-runtime:1.0";

  @TempDir Path dir;

  private Path jar(String name, Map<String, String> entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return jar;
  }

  private Path runtimeJar(String name, String libContent) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
    entries.put("componentize-runtime/manifest.json", "{\"format\": 1}");
    entries.put("componentize-runtime/lib/", "");
    entries.put("componentize-runtime/lib/libc.so", libContent);
    entries.put("componentize-runtime/python/lib/python3.13/os.py", "# os\n");
    return jar(name, entries);
  }

  @Test
  void unpacksTheBundleFolderOnlyAndRecordsTheJarHash() throws Exception {
    Path jar = runtimeJar("runtime.jar", "libc");
    Path target = dir.resolve("work/runtime");
    assertTrue(RuntimeBundleUnpacker.unpack(jar, target, COORDINATES));
    assertEquals("libc", Files.readString(target.resolve("lib/libc.so")));
    assertEquals("# os\n", Files.readString(target.resolve("python/lib/python3.13/os.py")));
    assertTrue(Files.isRegularFile(target.resolve("manifest.json")));
    assertFalse(Files.exists(target.resolve("META-INF")));
    assertEquals(
        FileKit.sha256Hex(jar),
        Files.readString(target.resolve(RuntimeBundleUnpacker.MARKER)).strip());
    try (Stream<Path> left = Files.list(dir.resolve("work"))) {
      assertEquals(1, left.count(), "no staging directory is left behind");
    }
  }

  @Test
  void everyUnpackedFileAndDirectoryHasTheFixedTime() throws Exception {
    Path target = dir.resolve("work/runtime");
    RuntimeBundleUnpacker.unpack(runtimeJar("runtime.jar", "libc"), target, COORDINATES);
    try (Stream<Path> paths = Files.walk(target)) {
      for (Path path : paths.toList()) {
        assertEquals(FixedTimes.TIME, Files.getLastModifiedTime(path), path.toString());
      }
    }
  }

  @Test
  void anUnchangedJarIsNotUnpackedAgain() throws Exception {
    Path jar = runtimeJar("runtime.jar", "libc");
    Path target = dir.resolve("runtime");
    assertTrue(RuntimeBundleUnpacker.unpack(jar, target, COORDINATES));
    Files.writeString(target.resolve("lib/libc.so"), "touched");
    assertFalse(RuntimeBundleUnpacker.unpack(jar, target, COORDINATES));
    // Proves nothing was rewritten: the touched file is still there.
    assertEquals("touched", Files.readString(target.resolve("lib/libc.so")));
  }

  @Test
  void aChangedJarReplacesTheWholeDirectory() throws Exception {
    Path target = dir.resolve("runtime");
    RuntimeBundleUnpacker.unpack(runtimeJar("a.jar", "libc 1"), target, COORDINATES);
    Files.writeString(target.resolve("lib/stale.so"), "from an older bundle");
    assertTrue(RuntimeBundleUnpacker.unpack(runtimeJar("b.jar", "libc 2"), target, COORDINATES));
    assertEquals("libc 2", Files.readString(target.resolve("lib/libc.so")));
    assertFalse(Files.exists(target.resolve("lib/stale.so")));
  }

  @Test
  void anEntryEscapingTheDirectoryIsRefusedAndNothingIsWritten() throws Exception {
    Map<String, String> entries = new TreeMap<>();
    entries.put("componentize-runtime/manifest.json", "{}");
    entries.put("componentize-runtime/../../evil.sh", "rm -rf /");
    Path jar = jar("evil.jar", entries);
    Path target = dir.resolve("work/runtime");
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> RuntimeBundleUnpacker.unpack(jar, target, COORDINATES));
    assertTrue(e.getMessage().startsWith("<runtimeArtifact> " + COORDINATES), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "would be written outside the bundle directory: componentize-runtime/../../evil.sh"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("evil.sh")));
    assertFalse(Files.exists(target));
    try (Stream<Path> left = Files.list(dir.resolve("work"))) {
      assertEquals(0, left.count(), "the staging directory is removed");
    }
  }

  @Test
  void absoluteAndBackslashNamesAreRefused() {
    Path root = dir.toAbsolutePath();
    for (String name : new String[] {"/etc/passwd", "lib\\..\\..\\x", "C:/x", "a/../../b"}) {
      assertThrows(
          ConfigurationException.class,
          () -> RuntimeBundleUnpacker.safeDestination(root, name, dir.resolve("r.jar"), "x"),
          name);
    }
  }

  @Test
  void aJarWithoutABundleIsNotARuntime() throws Exception {
    Path jar = jar("plain.jar", Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"));
    Path target = dir.resolve("runtime");
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> RuntimeBundleUnpacker.unpack(jar, target, COORDINATES));
    assertTrue(
        e.getMessage()
            .contains(
                "is not a componentize runtime: it has no componentize-runtime/manifest.json"),
        e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void aDamagedJarSaysHowToGetItAgain() throws Exception {
    Path jar = dir.resolve("broken.jar");
    Files.write(jar, new byte[] {'P', 'K', 3, 4, 0, 0});
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> RuntimeBundleUnpacker.unpack(jar, dir.resolve("runtime"), COORDINATES));
    assertTrue(e.getMessage().contains("is not a readable jar"), e.getMessage());
    assertTrue(e.getMessage().contains("delete it from the local repository"), e.getMessage());
  }

  @Test
  void unpackedBytesEqualTheJarEntries() throws Exception {
    Path jar = runtimeJar("runtime.jar", "\u0000asm binary-ish");
    Path target = dir.resolve("runtime");
    RuntimeBundleUnpacker.unpack(jar, target, COORDINATES);
    assertArrayEquals(
        "\u0000asm binary-ish".getBytes(StandardCharsets.UTF_8),
        Files.readAllBytes(target.resolve("lib/libc.so")));
  }
}
