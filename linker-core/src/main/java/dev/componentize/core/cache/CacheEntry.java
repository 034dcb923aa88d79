package dev.componentize.core.cache;

import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One file of a cache kept across builds, framed so that any change to it is noticed when it is
 * read: a header of {@value #HEADER_LENGTH} bytes ({@code "CZCE"}, the format version 1 as a u32,
 * the length of the rest as a u64 and the SHA-256 of the rest, all big-endian), then the rest: the
 * entry's key in UTF-8, a newline and the content. The length catches a truncated or extended file,
 * the digest every changed byte, and the key an intact entry copied over another one. The caches
 * live in the user's home and are often restored by CI systems, and what they hold runs at build
 * time or goes into the component, so a damaged entry must never be used: it is deleted, a warning
 * names it and the caller makes it again. (A digest does not stop someone who can write the cache
 * from planting a consistent entry; it catches damage, not forgery.)
 */
final class CacheEntry {
  private static final int MAGIC = 0x435a4345; // "CZCE"
  private static final int VERSION = 1;
  private static final int DIGEST_LENGTH = 32;
  static final int HEADER_LENGTH = 4 + 4 + 8 + DIGEST_LENGTH;

  private CacheEntry() {}

  /**
   * Writes {@code content} as an entry at {@code file}, atomically ({@link
   * FileKit#writeAtomically}): a reader sees a whole entry or none, and a crash leaves at most a
   * hidden temporary file.
   */
  static void write(Path file, String key, byte[] content) throws IOException {
    byte[] rest = withKey(key, content);
    FileKit.writeAtomically(
        file,
        out -> {
          out.write(header(rest));
          out.write(rest);
        });
  }

  /**
   * The content of the entry at {@code file}, if there is one and it is the intact entry of {@code
   * key}. A missing file is a plain miss; a damaged one (short header, wrong magic or version, a
   * length that does not match the file, a digest that does not match, another key) is deleted and
   * reported to {@code warnings} as {@code "<what> <file> is damaged (<why>); discarded, <then>"}.
   */
  static Optional<byte[]> read(
      Path file, String key, String what, String then, Consumer<String> warnings)
      throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Optional<String> damage = damage(bytes);
    byte[] prefix = withKey(key, new byte[0]);
    if (damage.isEmpty()
        && !Arrays.equals(
            bytes,
            HEADER_LENGTH,
            Math.min(bytes.length, HEADER_LENGTH + prefix.length),
            prefix,
            0,
            prefix.length)) {
      damage = Optional.of("it is not the entry of key " + key);
    }
    if (damage.isPresent()) {
      discard(file, what, damage.get(), then, warnings);
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(bytes, HEADER_LENGTH + prefix.length, bytes.length));
  }

  private static byte[] withKey(String key, byte[] content) {
    byte[] name = (key + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] rest = Arrays.copyOf(name, name.length + content.length);
    System.arraycopy(content, 0, rest, name.length, content.length);
    return rest;
  }

  /** Deletes {@code file} and reports it to {@code warnings}, for damage the frame cannot see. */
  static void discard(Path file, String what, String why, String then, Consumer<String> warnings)
      throws IOException {
    Files.deleteIfExists(file);
    warnings.accept(what + " " + file + " is damaged (" + why + "); discarded, " + then);
  }

  /** What is wrong with the framed {@code bytes}, or empty if they are an intact entry. */
  private static Optional<String> damage(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      return Optional.of(
          "truncated: "
              + bytes.length
              + " bytes, shorter than the "
              + HEADER_LENGTH
              + "-byte header");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_LENGTH);
    int magic = header.getInt();
    int version = header.getInt();
    if (magic != MAGIC || version != VERSION) {
      return Optional.of("not a cache entry of this format: unknown header");
    }
    long length = header.getLong();
    long actualLength = bytes.length - HEADER_LENGTH;
    if (length != actualLength) {
      return Optional.of(
          (actualLength < length ? "truncated" : "extended")
              + ": "
              + actualLength
              + " bytes after the header, the header says "
              + length);
    }
    byte[] expected = new byte[DIGEST_LENGTH];
    header.get(expected);
    MessageDigest digest = FileKit.sha256();
    digest.update(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH);
    byte[] actual = digest.digest();
    if (!MessageDigest.isEqual(expected, actual)) {
      return Optional.of(
          "sha256 "
              + HexFormat.of().formatHex(actual)
              + ", expected "
              + HexFormat.of().formatHex(expected));
    }
    return Optional.empty();
  }

  private static byte[] header(byte[] content) {
    return ByteBuffer.allocate(HEADER_LENGTH)
        .putInt(MAGIC)
        .putInt(VERSION)
        .putLong(content.length)
        .put(FileKit.sha256().digest(content))
        .array();
  }

  /**
   * Keeps the {@code max} most recently modified files of {@code directory} whose names end in
   * {@code suffix} and deletes the others. The caller holds the directory's lock ({@link
   * FileKit#lock}), so that two builds do not evict at once.
   */
  static void evict(Path directory, String suffix, int max) throws IOException {
    List<Path> entries;
    try (Stream<Path> files = Files.list(directory)) {
      entries = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
    }
    if (entries.size() <= max) {
      return;
    }
    Map<Path, Long> modified = new HashMap<>();
    for (Path entry : entries) {
      try {
        modified.put(entry, Files.getLastModifiedTime(entry).toMillis());
      } catch (NoSuchFileException e) {
        // deleted since the listing (a reader discarded a damaged entry): nothing to evict
        modified.put(entry, Long.MIN_VALUE);
      }
    }
    List<Path> newestFirst = new ArrayList<>(entries);
    newestFirst.sort(Comparator.comparing(modified::get).reversed());
    for (Path old : newestFirst.subList(max, newestFirst.size())) {
      Files.deleteIfExists(old);
    }
  }
}
