package dev.componentize.core.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheEntryTest {
  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  private Optional<byte[]> read(Path file, String key) throws IOException {
    return CacheEntry.read(file, key, "test entry", "making it again", warnings::add);
  }

  @Test
  void anIntactEntryReadsBackItsContentWithoutWarnings() throws IOException {
    Path file = dir.resolve("k.entry");
    byte[] content = "some content".getBytes(StandardCharsets.UTF_8);
    CacheEntry.write(file, "k", content);
    assertArrayEquals(content, read(file, "k").orElseThrow());
    assertEquals(List.of(), warnings);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void aMissingEntryIsAPlainMiss() throws IOException {
    assertEquals(Optional.empty(), read(dir.resolve("none.entry"), "none"));
    assertEquals(List.of(), warnings);
  }

  @Test
  void flippedBytesAreDetectedByTheDigestAndTheEntryIsDeleted() throws IOException {
    Path file = dir.resolve("k.entry");
    byte[] content = new byte[1000];
    Arrays.fill(content, (byte) 7);
    CacheEntry.write(file, "k", content);
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 500; i < 564; i++) {
      bytes[i] ^= (byte) 0xff;
    }
    Files.write(file, bytes);

    assertEquals(Optional.empty(), read(file, "k"));
    assertFalse(Files.exists(file));
    assertEquals(1, warnings.size());
    assertTrue(
        warnings
            .get(0)
            .matches(
                "test entry "
                    + java.util.regex.Pattern.quote(file.toString())
                    + " is damaged \\(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\\); discarded,"
                    + " making it again"),
        warnings.get(0));
  }

  @Test
  void aTruncatedOrExtendedEntryIsDetectedByItsLength() throws IOException {
    Path file = dir.resolve("k.entry");
    CacheEntry.write(file, "k", new byte[100]);
    byte[] bytes = Files.readAllBytes(file);

    Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
    assertEquals(Optional.empty(), read(file, "k"));
    assertEquals(
        "test entry "
            + file
            + " is damaged (truncated: 92 bytes after the header, the header says 102);"
            + " discarded, making it again",
        warnings.get(0));

    Files.write(file, Arrays.copyOf(bytes, bytes.length + 1));
    assertEquals(Optional.empty(), read(file, "k"));
    assertTrue(warnings.get(1).contains("(extended: 103 bytes after the header"), warnings.get(1));

    Files.write(file, Arrays.copyOf(bytes, 20));
    assertEquals(Optional.empty(), read(file, "k"));
    assertTrue(
        warnings.get(2).contains("(truncated: 20 bytes, shorter than the 48-byte header)"),
        warnings.get(2));

    Files.write(file, new byte[0]);
    assertEquals(Optional.empty(), read(file, "k"));
    assertEquals(4, warnings.size());
  }

  @Test
  void anIntactEntryOfAnotherKeyCopiedOverIsDetected() throws IOException {
    Path a = dir.resolve("a.entry");
    Path b = dir.resolve("b.entry");
    CacheEntry.write(a, "a", new byte[] {1});
    CacheEntry.write(b, "b", new byte[] {2});
    Files.copy(a, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertEquals(Optional.empty(), read(b, "b"));
    assertEquals(
        List.of(
            "test entry "
                + b
                + " is damaged (it is not the entry of key b); discarded, making it again"),
        warnings);
    assertArrayEquals(new byte[] {1}, read(a, "a").orElseThrow());
  }

  @Test
  void aFileThatIsNoEntryIsDetected() throws IOException {
    Path file = dir.resolve("k.entry");
    Files.write(file, new byte[64]);
    assertEquals(Optional.empty(), read(file, "k"));
    assertTrue(warnings.get(0).contains("(not a cache entry of this format: unknown header)"));
  }
}
