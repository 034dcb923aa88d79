package dev.componentize.core.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A SHA-256 over a set of build inputs: named values, byte strings, files and directory trees. Each
 * item is written with its kind, name and length, so that no two different input sets produce the
 * same byte stream (a value cannot pose as a file, nor two names as one). A file enters as its size
 * and its SHA-256 from the build's {@link FileDigests}, so a file that several digests of one build
 * cover (the up-to-date fingerprint, the snapshot cache key) is read once.
 *
 * <p>Two digests of a build are made with it: the up-to-date fingerprint over what {@code
 * build.BuildInputs} declares (stored in a stamp file with the output's own hash; the build is up
 * to date when both still match, so an output deleted or changed by hand is rebuilt), and the
 * snapshot cache key over what the build-time run can observe ({@link #visibleTree}).
 */
public final class InputFingerprint {
  /** Byte-compiled caches CPython may write next to sources; derived, not inputs. */
  private static final String PYCACHE = "__pycache__";

  private final MessageDigest digest = FileKit.sha256();
  private final FileDigests files;

  /** A fingerprint whose files are hashed afresh (nothing shared with other digests). */
  public InputFingerprint() {
    this(new FileDigests());
  }

  /** A fingerprint taking the digests of files from {@code files} (one per build). */
  public InputFingerprint(FileDigests files) {
    this.files = files;
  }

  /** Adds a named value; an absent value is distinct from an empty one. */
  public InputFingerprint value(String name, Object value) {
    header("value", name);
    if (value == null) {
      field("(absent)");
    } else {
      field("=" + value);
    }
    return this;
  }

  /** Adds a byte string (a module of the linked program). */
  public InputFingerprint bytes(String name, byte[] bytes) {
    header("bytes", name);
    field(Integer.toString(bytes.length));
    digest.update(bytes);
    return this;
  }

  /** Adds a file's contents (as its size and SHA-256), or its absence. */
  public InputFingerprint file(String name, Path file) throws IOException {
    header("file", name);
    if (Files.isRegularFile(file)) {
      field(Long.toString(Files.size(file)));
      field(files.sha256(file));
    } else {
      field("(absent)");
    }
    return this;
  }

  /**
   * Adds every regular file under {@code root} (or {@code root} itself if it is a file), each by
   * its path relative to {@code root} (with {@code /} separators, in sorted order, so the result
   * does not depend on the file system's listing order) and its contents. {@code __pycache__}
   * directories are left out.
   */
  public InputFingerprint tree(String name, Path root) throws IOException {
    header("tree", name);
    if (Files.isRegularFile(root)) {
      file(name + "/", root);
      return this;
    }
    if (!Files.isDirectory(root)) {
      field("(absent)");
      return this;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !inPycache(root.relativize(p)))
              .sorted()
              .toList();
    }
    field(Integer.toString(files.size()));
    for (Path file : files) {
      String relative =
          root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      file(relative, file);
    }
    return this;
  }

  /**
   * Adds {@code root} as a program that runs with it preopened can observe it: every file and
   * directory under it, in name order, each with its type, relative path, size and modification
   * time, and each regular file's contents. Links are followed, as the WASI host follows them;
   * nothing is left out.
   */
  public InputFingerprint visibleTree(String name, Path root) throws IOException {
    header("visible tree", name);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      paths = walk.sorted(Comparator.comparing(p -> root.relativize(p).toString())).toList();
    }
    field(Integer.toString(paths.size()));
    for (Path path : paths) {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      String kind = attributes.isDirectory() ? "d" : attributes.isRegularFile() ? "f" : "o";
      field(kind + " " + root.relativize(path));
      field(attributes.size() + " " + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
      if (attributes.isRegularFile()) {
        field(files.sha256(path));
      }
    }
    return this;
  }

  private static boolean inPycache(Path relative) {
    for (Path part : relative) {
      if (part.toString().equals(PYCACHE)) {
        return true;
      }
    }
    return false;
  }

  /** The fingerprint so far, as lower-case hex. Consumes the digest: call once. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  private void header(String kind, String name) {
    field(kind);
    field(name);
  }

  /** A length-prefixed UTF-8 field. */
  private void field(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }

  /**
   * Whether {@code stamp} records {@code inputs} and {@code output} still has the bytes it was
   * written with.
   */
  public static boolean isUpToDate(Path stamp, String inputs, Path output) throws IOException {
    if (!Files.isRegularFile(stamp) || !Files.isRegularFile(output)) {
      return false;
    }
    Optional<Stamp> recorded = readStamp(stamp);
    return recorded.isPresent()
        && recorded.get().inputs().equals(inputs)
        && recorded.get().output().equals(FileKit.sha256Hex(output));
  }

  /** Records that {@code output} was built from {@code inputs}; replaced atomically. */
  public static void writeStamp(Path stamp, String inputs, Path output) throws IOException {
    String text = "inputs " + inputs + "\noutput " + FileKit.sha256Hex(output) + "\n";
    FileKit.writeAtomically(stamp, text);
  }

  private record Stamp(String inputs, String output) {}

  private static Optional<Stamp> readStamp(Path stamp) throws IOException {
    List<String> lines = Files.readAllLines(stamp, StandardCharsets.UTF_8);
    if (lines.size() != 2
        || !lines.get(0).startsWith("inputs ")
        || !lines.get(1).startsWith("output ")) {
      return Optional.empty();
    }
    return Optional.of(
        new Stamp(
            lines.get(0).substring("inputs ".length()),
            lines.get(1).substring("output ".length())));
  }
}
