package dev.componentize.core.abi;

import dev.componentize.core.files.FileDigests;
import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An unpacked CPython runtime bundle (runtime/build-runtime.sh and runtime/complete-bundle.sh): the
 * one place that knows its layout. {@value #MANIFEST} describes the bundle and lists every file
 * with its size and SHA-256; {@code lib/} holds the shared libraries the program links (libc,
 * libpython, the glue {@value #GLUE}, ...); {@code python/} is the standard library (the Python
 * home at build time); {@value #ADAPTER} is the WASI preview1 adapter.
 *
 * <p>{@link #open} checks the layout and reads the identity; {@link #verify} checks every listed
 * file against the manifest's SHA-256, so that a damaged or altered library fails the build with
 * its name instead of being built into a component.
 */
public final class RuntimeBundle {
  /** The bundle's description of itself, written by runtime/src/main/tools/bundle_tool.py. */
  public static final String MANIFEST = "manifest.json";

  /** The folder of shared libraries the program links. */
  public static final String LIBRARIES = "lib";

  /** The folder of the standard library, preopened as the Python home at build time. */
  public static final String PYTHON_HOME = "python";

  /** The glue library next to libpython (docs/design/python-glue.md). */
  public static final String GLUE = "libcomponentize.so";

  /** The WASI preview1 reactor adapter (runtime/complete-bundle.sh). */
  public static final String ADAPTER = "adapter/wasi_snapshot_preview1.reactor.wasm";

  /** Folders whose every file must be listed in the manifest: what ends up in the component. */
  private static final List<String> COMPLETE_FOLDERS = List.of(LIBRARIES, "adapter");

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Path directory;
  private final RuntimeIdentity identity;

  private RuntimeBundle(Path directory, RuntimeIdentity identity) {
    this.directory = directory;
    this.identity = identity;
  }

  /**
   * Opens the bundle in {@code directory}: reads the identity from {@value #MANIFEST} and
   * libpython, and checks that the glue and the standard library are there.
   *
   * @throws RuntimeBundleException naming the file that is missing or unreadable
   */
  public static RuntimeBundle open(Path directory) throws RuntimeBundleException {
    Path absolute = directory.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute.resolve(MANIFEST))) {
      throw new RuntimeBundleException(
          absolute.toString(),
          "is not a runtime bundle (it has no "
              + MANIFEST
              + "); use the componentize-runtime artifact or a bundle built like it");
    }
    RuntimeIdentity identity = RuntimeIdentity.fromBundle(absolute);
    RuntimeBundle bundle = new RuntimeBundle(absolute, identity);
    if (!Files.isRegularFile(bundle.glue())) {
      throw new RuntimeBundleException(
          absolute.toString(),
          "is not a complete runtime bundle: it has no "
              + LIBRARIES
              + "/"
              + GLUE
              + " (the Python glue); use a complete bundle (the componentize-runtime artifact,"
              + " or runtime/complete-bundle.sh)");
    }
    if (!Files.isDirectory(bundle.pythonHome())) {
      throw new RuntimeBundleException(
          absolute.toString(),
          "is not a complete runtime bundle: it has no "
              + PYTHON_HOME
              + "/ directory (the standard library)");
    }
    return bundle;
  }

  /** The bundle's directory (absolute). */
  public Path directory() {
    return directory;
  }

  /** What the runtime was built with. */
  public RuntimeIdentity identity() {
    return identity;
  }

  /** The manifest file. */
  public Path manifest() {
    return directory.resolve(MANIFEST);
  }

  /** The glue library. */
  public Path glue() {
    return directory.resolve(LIBRARIES).resolve(GLUE);
  }

  /** The standard library directory (the Python home at build time). */
  public Path pythonHome() {
    return directory.resolve(PYTHON_HOME);
  }

  /** The bundled WASI preview1 adapter (it may be absent in a core bundle). */
  public Path adapter() {
    return directory.resolve(ADAPTER);
  }

  /** The shared libraries of {@code lib/}, in name order. */
  public List<Path> libraries() throws IOException {
    try (Stream<Path> files = Files.list(directory.resolve(LIBRARIES))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".so")).sorted().toList();
    }
  }

  /**
   * The files and folders of the bundle in {@code directory} whose contents decide its effect on a
   * component, for fingerprints: the manifest (which holds every file's SHA-256), the libraries and
   * the adapter.
   */
  public static List<Path> fingerprintInputs(Path directory) {
    return List.of(
        directory.resolve(MANIFEST), directory.resolve(LIBRARIES), directory.resolve("adapter"));
  }

  /**
   * What {@link #verify} did.
   *
   * @param files the files the manifest lists, all checked
   * @param hashed how many of them were hashed (the others were unchanged since {@code record}
   *     noted them as verified)
   */
  public record Verification(int files, int hashed) {}

  /**
   * Checks every file the manifest lists against its size and SHA-256, and that {@code lib/} and
   * {@code adapter/} hold no file it does not list. Hashing 1,500 files takes a moment, so {@code
   * record} keeps what was verified, keyed by each file's size and times: a file whose size,
   * modification and change time are as recorded is not hashed again (writing a file or setting its
   * times changes its change time).
   *
   * @param record where the verified state is kept between builds (any writable path, e.g. in the
   *     work directory); replaced atomically
   * @throws RuntimeBundleException naming the first file that is missing or differs, with the
   *     expected and actual SHA-256
   */
  public Verification verify(Path record) throws RuntimeBundleException, IOException {
    return verify(record, new FileDigests());
  }

  /**
   * {@link #verify(Path)} hashing through {@code digests}, the build's, and telling it the digest
   * of every verified file: a later reader of the bundle's files (the snapshot cache key over the
   * standard library) does not read them again.
   */
  public Verification verify(Path record, FileDigests digests)
      throws RuntimeBundleException, IOException {
    Map<String, Listed> listed = listedFiles();
    Map<String, String> known = readRecord(record);
    Map<String, String> verified = new LinkedHashMap<>();
    int hashed = 0;
    for (Listed file : listed.values()) {
      Path path = directory.resolve(file.path());
      if (!Files.isRegularFile(path)) {
        throw new RuntimeBundleException(
            path.toString(),
            "is listed in the runtime bundle's "
                + MANIFEST
                + " but missing; the bundle is incomplete: "
                + REPAIR);
      }
      String stamp = file.sha256() + " " + stamp(path);
      if (!stamp.equals(known.get(file.path()))) {
        hashed++;
        String actual = digests.sha256(path);
        if (!actual.equals(file.sha256())) {
          throw new RuntimeBundleException(
              path.toString(),
              "does not match the runtime bundle's "
                  + MANIFEST
                  + ": sha256 "
                  + actual
                  + " (size "
                  + Files.size(path)
                  + "), expected "
                  + file.sha256()
                  + " (size "
                  + file.size()
                  + "); the file was damaged or changed after the bundle was built: "
                  + REPAIR);
        }
      }
      digests.known(path, file.sha256());
      verified.put(file.path(), stamp);
    }
    requireNothingUnlisted(listed);
    if (hashed > 0 || !verified.equals(known)) {
      writeRecord(record, verified);
    }
    return new Verification(listed.size(), hashed);
  }

  private static final String REPAIR =
      "delete the unpacked runtime (mvn clean) so it is unpacked again, or rebuild the bundle"
          + " (runtime/build-runtime.sh and runtime/complete-bundle.sh)";

  private record Listed(String path, long size, String sha256) {}

  private Map<String, Listed> listedFiles() throws RuntimeBundleException, IOException {
    String file = manifest().toString();
    Object root = Json.parse(file, Files.readString(manifest(), StandardCharsets.UTF_8));
    if (!(root instanceof Map<?, ?> top) || !(top.get("files") instanceof List<?> files)) {
      throw new RuntimeBundleException(file, "has no \"files\" list to verify the bundle with");
    }
    Map<String, Listed> listed = new LinkedHashMap<>();
    for (Object entry : files) {
      if (!(entry instanceof Map<?, ?> map)
          || !(map.get("path") instanceof String path)
          || !(map.get("size") instanceof Long size)
          || !(map.get("sha256") instanceof String sha256)
          || !SHA256.matcher(sha256).matches()) {
        throw new RuntimeBundleException(
            file, "\"files\" has an entry without path, size and sha256: " + entry);
      }
      Path resolved = directory.resolve(path).normalize();
      if (path.startsWith("/") || path.contains("\\") || !resolved.startsWith(directory)) {
        throw new RuntimeBundleException(
            file, "\"files\" lists " + path + ", which is outside the bundle");
      }
      listed.put(path, new Listed(path, size, sha256));
    }
    return listed;
  }

  private void requireNothingUnlisted(Map<String, Listed> listed)
      throws RuntimeBundleException, IOException {
    for (String folder : COMPLETE_FOLDERS) {
      Path root = directory.resolve(folder);
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> present;
      try (Stream<Path> walk = Files.walk(root)) {
        present = walk.filter(p -> !Files.isDirectory(p)).sorted().toList();
      }
      for (Path path : present) {
        String relative = directory.relativize(path).toString().replace('\\', '/');
        if (!listed.containsKey(relative)) {
          throw new RuntimeBundleException(
              path.toString(),
              "is not listed in the runtime bundle's "
                  + MANIFEST
                  + " (a file added after the bundle was built would be linked into every"
                  + " component); remove it, or "
                  + REPAIR);
        }
      }
    }
  }

  /** Size, modification time and, where the file system has it, change time and inode. */
  private static String stamp(Path path) throws IOException {
    BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
    StringBuilder stamp =
        new StringBuilder()
            .append(basic.size())
            .append(' ')
            .append(basic.lastModifiedTime().toMillis());
    if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      Map<String, Object> unix = Files.readAttributes(path, "unix:ctime,ino");
      stamp
          .append(' ')
          .append(((FileTime) unix.get("ctime")).toInstant())
          .append(' ')
          .append(unix.get("ino"));
    }
    return stamp.toString();
  }

  /** {@code path -> stamp} from a record of this bundle; empty if absent or of another bundle. */
  private Map<String, String> readRecord(Path record) throws IOException {
    Map<String, String> known = new HashMap<>();
    if (!Files.isRegularFile(record)) {
      return known;
    }
    List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals("bundle " + directory)) {
      return known;
    }
    for (String line : lines.subList(1, lines.size())) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        known.put(line.substring(tab + 1), line.substring(0, tab));
      }
    }
    return known;
  }

  private void writeRecord(Path record, Map<String, String> verified) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("bundle " + directory);
    verified.forEach((path, stamp) -> lines.add(stamp + "\t" + path));
    FileKit.writeAtomically(record, String.join("\n", lines) + "\n");
  }

  @Override
  public String toString() {
    return "runtime bundle " + directory;
  }
}
