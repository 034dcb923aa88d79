package dev.componentize.core.packages;

import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Downloaded distribution files, shared by every project of the user: {@code
 * <root>/sha256/<ab>/<digest>/<file name>}, keyed by the file's sha256. An entry is hashed again on
 * every read; one whose bytes no longer match its key is deleted and reported absent, so it is
 * fetched again, never used. Downloads go to {@code <root>/tmp} and are moved into place only after
 * their hash matched: nothing outside the root is ever written, and no half file is ever an entry.
 *
 * <p>Wheels built from source distributions live in {@code <root>/built/<ab>/<sdist
 * digest>/<variant>/}, keyed by the sha256 of the sdist they were built from and how ({@code pure},
 * {@code native}), each beside a {@code .sha256} file with the wheel's own digest, checked on every
 * read like the downloads.
 */
public final class PackageCache {
  private final Path root;

  /**
   * @param root the cache directory, e.g. {@code ~/.cache/componentize-maven/packages}
   */
  public PackageCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The cache directory. */
  public Path root() {
    return root;
  }

  /**
   * The entry for a digest, verified.
   *
   * @return the file, or empty if there is none or it was damaged (and has been removed)
   */
  public Optional<Path> find(String sha256, String fileName) throws IOException {
    Path file = entry(sha256, fileName);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (Hashes.sha256(file).equals(sha256.toLowerCase(Locale.ROOT))) {
      return Optional.of(file);
    }
    Files.deleteIfExists(file);
    return Optional.empty();
  }

  /**
   * Downloads a file into the cache unless a verified entry is there.
   *
   * @param packageName for messages
   * @param file the index's entry, whose sha256 the download must match
   * @param http the HTTP access (offline: only the cache is used)
   * @param maxBytes the largest file accepted
   */
  public Path fetch(String packageName, IndexFile file, IndexHttp http, long maxBytes)
      throws PackageException, IOException {
    String sha = file.sha256().orElse(null);
    if (!Hashes.isSha256(sha)) {
      throw new PackageException(
          packageName,
          file.url().toString(),
          "the index gives no sha256 hash for "
              + file.filename()
              + "; files without one cannot be verified or locked");
    }
    sha = sha.toLowerCase(Locale.ROOT);
    Optional<Path> cached = find(sha, file.filename());
    if (cached.isPresent()) {
      return cached.get();
    }
    long limit = file.size().isPresent() ? Math.min(file.size().getAsLong(), maxBytes) : maxBytes;
    Path tmpDir = Files.createDirectories(root.resolve("tmp"));
    Path tmp = Files.createTempFile(tmpDir, "download-", ".part");
    try {
      String actual = http.download(packageName, file.url(), tmp, limit);
      if (!actual.equals(sha)) {
        throw new PackageException(
            packageName,
            file.url().toString(),
            file.filename()
                + ": sha256 "
                + actual
                + " does not match the expected "
                + sha
                + "; the file was changed on the index or in transit: it was not used");
      }
      if (file.size().isPresent() && Files.size(tmp) != file.size().getAsLong()) {
        throw new PackageException(
            packageName,
            file.url().toString(),
            file.filename()
                + ": "
                + Files.size(tmp)
                + " bytes, but the index says "
                + file.size().getAsLong());
      }
      Path target = entry(sha, file.filename());
      Files.createDirectories(target.getParent());
      FileKit.moveIntoPlace(tmp, target);
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The wheel built before from the source distribution with this digest (the {@code variant} of
   * the build), verified.
   *
   * @return the wheel, or empty if there is none or it was damaged (and has been removed)
   */
  public Optional<Path> built(String sdistSha256, String variant) throws IOException {
    Path dir = builtDirectory(sdistSha256, variant);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (var files = Files.list(dir)) {
      for (Path wheel : files.filter(f -> f.toString().endsWith(".whl")).toList()) {
        Path digest = wheel.resolveSibling(wheel.getFileName() + ".sha256");
        if (Files.isRegularFile(digest)
            && Files.readString(digest).strip().equals(Hashes.sha256(wheel))) {
          return Optional.of(wheel);
        }
        Files.deleteIfExists(wheel);
        Files.deleteIfExists(digest);
      }
    }
    return Optional.empty();
  }

  /**
   * Keeps a wheel built from the source distribution with this digest ({@code variant} of the
   * build); returns the cache's copy.
   */
  public Path storeBuilt(String sdistSha256, String variant, Path wheel) throws IOException {
    Path dir = Files.createDirectories(builtDirectory(sdistSha256, variant));
    String name = wheel.getFileName().toString();
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException("not a wheel name: " + name);
    }
    Path tmpDir = Files.createDirectories(root.resolve("tmp"));
    Path tmp = Files.createTempFile(tmpDir, "built-", ".part");
    try {
      Files.copy(wheel, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path target = dir.resolve(name);
      FileKit.moveIntoPlace(tmp, target);
      FileKit.writeAtomically(
          target.resolveSibling(name + ".sha256"), Hashes.sha256(target) + "\n");
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path builtDirectory(String sdistSha256, String variant) {
    String sha = sdistSha256.toLowerCase(Locale.ROOT);
    if (!Hashes.isSha256(sha) || !variant.matches("[a-z]+")) {
      throw new IllegalArgumentException("not a cache key: " + sdistSha256 + " " + variant);
    }
    return root.resolve("built").resolve(sha.substring(0, 2)).resolve(sha).resolve(variant);
  }

  /** Where an entry lives; the file name must be a plain name (the index page checked it). */
  Path entry(String sha256, String fileName) {
    String sha = sha256.toLowerCase(Locale.ROOT);
    if (!Hashes.isSha256(sha)
        || fileName.contains("/")
        || fileName.contains("\\")
        || fileName.startsWith(".")) {
      throw new IllegalArgumentException("not a cache key: " + sha256 + " " + fileName);
    }
    Path p = root.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha).resolve(fileName);
    if (!p.normalize().startsWith(root)) {
      throw new IllegalArgumentException("not a cache key: " + fileName);
    }
    return p;
  }
}
