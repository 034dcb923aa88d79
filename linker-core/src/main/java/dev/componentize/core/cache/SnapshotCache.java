package dev.componentize.core.cache;

import dev.componentize.core.files.DirectoryLock;
import dev.componentize.core.files.FileDigests;
import dev.componentize.core.files.FileKit;
import dev.componentize.core.files.InputFingerprint;
import dev.componentize.core.preinit.BuildTimeInit;
import dev.componentize.core.preinit.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Pre-initialization results kept across builds, keyed by everything the build-time run can
 * observe: the bytes of every module of the linked program, and every file and directory the run
 * can see through its preopens (guest path, relative name, type, size, modification time and
 * content), the Python path and extra environment, and {@link #FORMAT} (which names what {@link
 * BuildTimeInit} itself fixes: arguments, environment, clocks, random seed, the engine), written
 * with {@link InputFingerprint} as the up-to-date check is, and with the build's file digests, so a
 * file both read is hashed once. The run is deterministic in those inputs (the reproducible-build
 * test builds twice and compares bytes), so a hit is exactly what a fresh run would produce; host
 * paths are not part of the key, since the guest never sees them.
 *
 * <p>Every entry carries the digest of its content and is checked whenever it is read ({@link
 * CacheEntry}): a damaged, truncated or replaced entry is discarded with a warning naming it and
 * the program runs again; it is never used.
 */
public final class SnapshotCache {
  /**
   * Changes whenever what the build-time run does, apart from its inputs, changes: the engine
   * (Endive 1.2.0's interpreter), {@link BuildTimeInit}'s host functions and environment, or the
   * entry format below.
   */
  static final String FORMAT = "componentize-snapshot 3; endive 1.2.0";

  private static final String SUFFIX = ".snapshot";
  private static final String WHAT = "snapshot cache entry";
  private static final String THEN = "pre-initializing again";

  private final Path directory;
  private final int maxEntries;
  private final Consumer<String> warnings;
  private final FileDigests digests;

  /**
   * A cache in {@code directory} (created when first stored to) keeping the {@code maxEntries} most
   * recently stored entries; a damaged entry is reported to {@code warnings}.
   */
  public SnapshotCache(Path directory, int maxEntries, Consumer<String> warnings) {
    this(directory, maxEntries, warnings, new FileDigests());
  }

  /** As above, its keys taking file digests from {@code files} (the build's). */
  public SnapshotCache(
      Path directory, int maxEntries, Consumer<String> warnings, FileDigests files) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
    this.digests = Objects.requireNonNull(files, "files");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries " + maxEntries + " < 1");
    }
    this.maxEntries = maxEntries;
  }

  public Path directory() {
    return directory;
  }

  /**
   * The key of a build-time run of the program whose modules are {@code modules} (binary, in
   * instance order, named), with {@code directories} preopened (guest path to host directory),
   * {@code pythonPath} given to the glue and {@code environment} added to the guest's environment;
   * files are hashed afresh.
   */
  public static String key(
      Map<String, byte[]> modules,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment)
      throws IOException {
    return key(modules, directories, pythonPath, environment, new FileDigests());
  }

  /**
   * {@link #key(Map, Map, List, Map)} taking file digests from {@code files}, the build's: a file
   * the build hashed before (a verified file of the runtime bundle, a source the up-to-date check
   * read, an unpacked wheel's file) is not read again.
   */
  public static String key(
      Map<String, byte[]> modules,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment,
      FileDigests files)
      throws IOException {
    InputFingerprint key = new InputFingerprint(files).value("format", FORMAT);
    for (Map.Entry<String, byte[]> module : modules.entrySet()) {
      key.bytes("module " + module.getKey(), module.getValue());
    }
    for (Map.Entry<String, Path> directory : directories.entrySet()) {
      key.visibleTree("preopen " + directory.getKey(), directory.getValue());
    }
    key.value("path", String.join(":", pythonPath));
    for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
      key.value("env " + variable.getKey(), variable.getValue());
    }
    return key.hex();
  }

  /** {@link #key(Map, Map, List, Map, FileDigests)} with this cache's file digests. */
  public String keyOf(
      Map<String, byte[]> modules,
      Map<String, Path> directories,
      List<String> pythonPath,
      Map<String, String> environment)
      throws IOException {
    return key(modules, directories, pythonPath, environment, digests);
  }

  /**
   * The entry stored under {@code key}, if there is an intact one. A damaged entry (see {@link
   * CacheEntry}), or one whose content belongs to another key or format, is deleted and reported to
   * the cache's warnings; the caller then runs the program again.
   */
  public Optional<BuildTimeInit.Outcome> load(String key) throws IOException {
    Path file = directory.resolve(key + SUFFIX);
    Optional<byte[]> content = CacheEntry.read(file, key, WHAT, THEN, warnings);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    BuildTimeInit.Outcome outcome;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content.get()))) {
      String format = in.readUTF();
      if (!format.equals(FORMAT)) {
        CacheEntry.discard(file, WHAT, "it is an entry of " + format, THEN, warnings);
        return Optional.empty();
      }
      int pages = in.readInt();
      byte[] memory = new byte[in.readInt()];
      in.readFully(memory);
      int instances = in.readInt();
      Map<String, Map<Integer, Long>> globals = new LinkedHashMap<>();
      for (int i = 0; i < instances; i++) {
        String name = in.readUTF();
        int count = in.readInt();
        Map<Integer, Long> values = new LinkedHashMap<>();
        for (int j = 0; j < count; j++) {
          values.put(in.readInt(), in.readLong());
        }
        globals.put(name, values);
      }
      byte[] output = new byte[in.readInt()];
      in.readFully(output);
      if (in.read() != -1) {
        throw new IOException("bytes after the entry's last field");
      }
      outcome =
          new BuildTimeInit.Outcome(
              new Snapshot(memory, pages, globals),
              new String(output, StandardCharsets.UTF_8),
              List.of(),
              true);
    } catch (IOException | RuntimeException e) {
      // The digest matched, so the writer wrote this: an entry of an older build of this format.
      CacheEntry.discard(file, WHAT, "unreadable: " + e.getMessage(), THEN, warnings);
      return Optional.empty();
    }
    try {
      // Eviction keeps the most recently used entries.
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // a read-only cache still serves hits
    }
    return Optional.of(outcome);
  }

  /**
   * Stores {@code outcome} under {@code key} (atomically, with its digest: see {@link CacheEntry})
   * and removes the oldest entries beyond the limit.
   */
  public void store(String key, BuildTimeInit.Outcome outcome) throws IOException {
    Snapshot snapshot = outcome.snapshot();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(snapshot.memory().length + 4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(FORMAT);
      out.writeInt(snapshot.pages());
      out.writeInt(snapshot.memory().length);
      out.write(snapshot.memory());
      out.writeInt(snapshot.globals().size());
      for (Map.Entry<String, Map<Integer, Long>> instance : snapshot.globals().entrySet()) {
        out.writeUTF(instance.getKey());
        out.writeInt(instance.getValue().size());
        for (Map.Entry<Integer, Long> global : instance.getValue().entrySet()) {
          out.writeInt(global.getKey());
          out.writeLong(global.getValue());
        }
      }
      byte[] output = outcome.output().getBytes(StandardCharsets.UTF_8);
      out.writeInt(output.length);
      out.write(output);
    }
    // Two builds sharing the cache (the user's cache is the default) store one at a time, so
    // that one's eviction does not run while the other is between its write and its eviction.
    try (DirectoryLock lock = FileKit.lock(directory)) {
      CacheEntry.write(directory.resolve(key + SUFFIX), key, bytes.toByteArray());
      CacheEntry.evict(directory, SUFFIX, maxEntries);
    }
  }
}
