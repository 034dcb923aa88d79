package dev.componentize.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * The file operations every part of the build shares: where the user's cache lives, writing a file
 * so that no reader sees it half written, deleting a tree, and hashing contents. One copy of each,
 * so that a fix lands everywhere.
 */
public final class FileKit {
  /** The environment variable that moves the user's cache (scripts/ use the same). */
  public static final String CACHE_VARIABLE = "COMPONENTIZE_CACHE";

  private FileKit() {}

  /**
   * The user's cache of componentize-maven: {@code $COMPONENTIZE_CACHE} when set and not blank,
   * else {@code ~/.cache/componentize-maven} (the runtime scripts use the same rule).
   */
  public static Path cacheRoot() {
    return cacheRoot(System.getenv(), System.getProperty("user.home"));
  }

  /** {@link #cacheRoot()} for a given environment and home directory (for tests). */
  public static Path cacheRoot(Map<String, String> environment, String home) {
    String root = environment.get(CACHE_VARIABLE);
    return root != null && !root.isBlank()
        ? Path.of(root)
        : Path.of(home, ".cache", "componentize-maven");
  }

  /**
   * Writes {@code bytes} to a temporary file beside {@code target} and moves it into place, so a
   * reader never sees a partial file and a failure leaves none behind. The temporary file is
   * created as any new file is (mode 0666 less the umask, e.g. 0644), not as {@link
   * Files#createTempFile} creates one (0600): outputs are meant to be read by others.
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    writeAtomically(target, out -> out.write(bytes));
  }

  /** What {@link #writeAtomically(Path, Content)} writes: the content, streamed. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * {@link #writeAtomically(Path, byte[])} for content written piece by piece (a header and a large
   * body, say), without first gathering it in one array.
   */
  public static void writeAtomically(Path target, Content content) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out =
          Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** {@link #writeAtomically(Path, byte[])} for UTF-8 text. */
  public static void writeAtomically(Path target, String text) throws IOException {
    writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Moves {@code source} over {@code target}, atomically where the file system can. */
  public static void moveIntoPlace(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes {@code root} and everything under it, if it exists. Links are deleted, never followed,
   * so a link planted in a tree cannot make this delete outside it.
   */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException e)
              throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(directory);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Locks {@code directory} (created if missing) against every other build writing it: other
   * threads of this JVM and other processes (see {@link DirectoryLock}). Blocks until the lock is
   * free; close the lock to release it.
   */
  public static DirectoryLock lock(Path directory) throws IOException {
    return DirectoryLock.acquire(directory);
  }

  /** A new SHA-256 digest (every JVM has SHA-256: Java Security Standard Algorithm Names). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** The lower-case hex SHA-256 of a file's contents. */
  public static String sha256Hex(Path file) throws IOException {
    MessageDigest digest = sha256();
    update(digest, file);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** Feeds a file's contents to {@code digest}, streamed (wheels and bundles can be large). */
  public static void update(MessageDigest digest, Path file) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
  }
}
