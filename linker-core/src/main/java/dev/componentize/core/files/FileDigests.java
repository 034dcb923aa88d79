package dev.componentize.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SHA-256 of each file one build reads, computed once: the up-to-date fingerprint, the runtime
 * bundle's verification, the unpacked wheels' listings and the snapshot cache key all ask here, so
 * a file they share (a wheel, a library of the bundle, a source and its copy, an unpacked file and
 * its link in site-packages) is read once per build.
 *
 * <p>A digest is kept under the file's stamp: its identity (device and inode where the file system
 * has them, else its real path), size, modification time and, where the file system has it, change
 * time. Writing a file or setting its times changes its change time, so a file changed during the
 * build has another stamp and is hashed again; a hard link is the same file and shares the digest.
 * One instance per build: nothing is kept between builds.
 */
public final class FileDigests {
  /** What identifies a file's state; equal stamps mean equal contents. */
  private record Stamp(Object identity, long size, FileTime modified, Object changed) {}

  private final Map<Stamp, String> digests = new ConcurrentHashMap<>();
  private int hashed;

  /** The lower-case hex SHA-256 of {@code file}'s contents (links are followed). */
  public String sha256(Path file) throws IOException {
    Stamp stamp = stamp(file);
    String known = digests.get(stamp);
    if (known != null) {
      return known;
    }
    String digest = FileKit.sha256Hex(file);
    synchronized (this) {
      hashed++;
    }
    // Hashed under the stamp read before: a change while hashing changes the stamp, so the next
    // request hashes again instead of using a digest of the changed bytes.
    digests.putIfAbsent(stamp, digest);
    return digest;
  }

  /**
   * Records that {@code file}, as it is now, has contents whose SHA-256 is {@code sha256}: a digest
   * already checked against its bytes (a runtime bundle file verified against its manifest).
   */
  public void known(Path file, String sha256) throws IOException {
    digests.put(stamp(file), sha256);
  }

  /**
   * The digest of {@code file} if it was hashed or made {@link #known} in this build and has not
   * changed since; nothing is read.
   */
  public Optional<String> ifKnown(Path file) throws IOException {
    return Optional.ofNullable(digests.get(stamp(file)));
  }

  /**
   * Records that {@code copy} has the contents of {@code original}, if the original's digest is
   * known and it has not changed since (else the copy is hashed when it is asked for). Call it
   * after the copy is complete and before the original is linked or changed.
   */
  public void copied(Path original, Path copy) throws IOException {
    Optional<String> digest = ifKnown(original);
    if (digest.isPresent() && Files.size(original) == Files.size(copy)) {
      known(copy, digest.get());
    }
  }

  /** How many files were read to compute a digest (not served from what was known). */
  public synchronized int hashed() {
    return hashed;
  }

  private static Stamp stamp(Path file) throws IOException {
    BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
    Object identity = basic.fileKey() != null ? basic.fileKey() : file.toRealPath();
    Object changed =
        file.getFileSystem().supportedFileAttributeViews().contains("unix")
            ? Files.getAttribute(file, "unix:ctime")
            : List.of();
    return new Stamp(identity, basic.size(), basic.lastModifiedTime(), changed);
  }
}
