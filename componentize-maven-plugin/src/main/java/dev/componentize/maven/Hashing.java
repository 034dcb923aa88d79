package dev.componentize.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers (every JVM has SHA-256: Java Security Standard Algorithm Names). */
final class Hashing {
  private Hashing() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** The lower-case hex SHA-256 of a file's contents. */
  static String sha256Hex(Path file) throws IOException {
    MessageDigest digest = sha256();
    update(digest, file);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Feeds a file's contents to {@code digest}, streamed (wheels and bundles can be large). */
  static void update(MessageDigest digest, Path file) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
  }
}
