package dev.componentize.core.packages;

import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;

/** sha256 digests as lower-case hex, the form indexes and lock files write (through FileKit). */
final class Hashes {
  private Hashes() {}

  static MessageDigest sha256() {
    return FileKit.sha256();
  }

  static String sha256(byte[] bytes) {
    return FileKit.sha256Hex(bytes);
  }

  static String sha256(Path file) throws IOException {
    return FileKit.sha256Hex(file);
  }

  /** Whether the text is a sha256 digest in hex. */
  static boolean isSha256(String hex) {
    return hex != null && hex.matches("[0-9a-fA-F]{64}");
  }
}
