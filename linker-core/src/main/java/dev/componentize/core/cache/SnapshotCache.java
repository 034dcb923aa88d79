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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>The same cache keeps base snapshots ({@link #base}): the state after the runtime/world part of
 * start-up (CPython started, the bindings imported), keyed by what that part can observe (the
 * modules, the preopens' names, the Python home and the world's directories, its Python path and
 * the environment; not the app's sources or wheels), so that a build of an edited app resumes from
 * it and only imports the app ({@link BuildTimeInit}).
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
  static final String FORMAT = "componentize-snapshot 4; endive 1.2.0";

  /** What a cache keeps: whole pre-initializations or base snapshots. */
  private enum Kind {
    FULL(".snapshot", "snapshot cache entry", "pre-initializing again"),
    BASE(".base", "base snapshot cache entry", "starting CPython and importing the bindings again");

    final String suffix;
    final String what;
    final String then;

    Kind(String suffix, String what, String then) {
      this.suffix = suffix;
      this.what = what;
      this.then = then;
    }
  }

  /**
   * What an entry holds.
   *
   * @param snapshot memory and mutable globals
   * @param output what the program printed up to the snapshot
   * @param clockReadings how many clock readings the build-time WASI host had handed out
   * @param randomBytes how many random bytes it had handed out
   */
  public record Entry(Snapshot snapshot, String output, long clockReadings, long randomBytes) {}

  private final Path directory;
  private final int maxEntries;
  private final Consumer<String> warnings;
  private final Kind kind;
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
    this(directory, maxEntries, warnings, files, Kind.FULL);
  }

  private SnapshotCache(
      Path directory, int maxEntries, Consumer<String> warnings, FileDigests files, Kind kind) {
    this.kind = kind;
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

  /** The base snapshots kept in the same directory, as many as this cache keeps snapshots. */
  public SnapshotCache base() {
    return new SnapshotCache(directory, maxEntries, warnings, digests, Kind.BASE);
  }

  /**
   * The digest of every file and directory the guest can observe under each preopened directory
   * (guest path to host directory), for {@link #key} and {@link #baseKey}; files are hashed afresh.
   */
  public static Map<String, byte[]> trees(Map<String, Path> directories) throws IOException {
    return trees(directories, new FileDigests());
  }

  /** {@link #trees(Map)} with this cache's file digests (the build's: no file is hashed twice). */
  public Map<String, byte[]> treesOf(Map<String, Path> directories) throws IOException {
    return trees(directories, digests);
  }

  private static Map<String, byte[]> trees(Map<String, Path> directories, FileDigests files)
      throws IOException {
    Map<String, byte[]> trees = new LinkedHashMap<>();
    for (Map.Entry<String, Path> directory : directories.entrySet()) {
      String tree = new InputFingerprint(files).visibleTree("tree", directory.getValue()).hex();
      trees.put(directory.getKey(), HexFormat.of().parseHex(tree));
    }
    return trees;
  }

  /**
   * The key of a build-time run of the program whose modules are {@code modules} (binary, in
   * instance order, named), with the directories of {@code trees} preopened in this order, {@code
   * pythonPath} given to the glue ({@code worldPath} of it during the runtime/world part) and
   * {@code environment} added to the guest's environment.
   */
  public static String key(
      Map<String, byte[]> modules,
      Map<String, byte[]> trees,
      List<String> pythonPath,
      List<String> worldPath,
      Map<String, String> environment) {
    return digest(
        "run", modules, List.copyOf(trees.keySet()), trees, pythonPath, worldPath, environment);
  }

  /**
   * The key of the runtime/world part of the same run: the preopens' names in order, but the
   * content of only those in {@code observed} (the Python home and the world's directories).
   */
  public static String baseKey(
      Map<String, byte[]> modules,
      Map<String, byte[]> trees,
      Set<String> observed,
      List<String> worldPath,
      Map<String, String> environment) {
    Map<String, byte[]> seen = new LinkedHashMap<>(trees);
    seen.keySet().retainAll(observed);
    return digest(
        "base", modules, List.copyOf(trees.keySet()), seen, worldPath, worldPath, environment);
  }

  private static String digest(
      String kind,
      Map<String, byte[]> modules,
      List<String> preopens,
      Map<String, byte[]> trees,
      List<String> pythonPath,
      List<String> worldPath,
      Map<String, String> environment) {
    InputFingerprint key = new InputFingerprint().value("format", FORMAT).value("kind", kind);
    for (Map.Entry<String, byte[]> module : modules.entrySet()) {
      key.bytes("module " + module.getKey(), module.getValue());
    }
    key.value("preopens", String.join(":", preopens));
    for (Map.Entry<String, byte[]> tree : trees.entrySet()) {
      key.bytes("preopen " + tree.getKey(), tree.getValue());
    }
    key.value("path", String.join(":", pythonPath));
    key.value("world path", String.join(":", worldPath));
    for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
      key.value("env " + variable.getKey(), variable.getValue());
    }
    return key.hex();
  }

  /** The pre-initialization stored under {@code key}, if there is an intact one ({@link #read}). */
  public Optional<BuildTimeInit.Outcome> load(String key) throws IOException {
    return read(key)
        .map(entry -> new BuildTimeInit.Outcome(entry.snapshot(), entry.output(), List.of(), true));
  }

  /** Stores {@code outcome} under {@code key} ({@link #write}). */
  public void store(String key, BuildTimeInit.Outcome outcome) throws IOException {
    write(key, new Entry(outcome.snapshot(), outcome.output(), 0, 0));
  }

  /**
   * The entry stored under {@code key}, if there is an intact one. A damaged entry (see {@link
   * CacheEntry}), or one whose content belongs to another key or format, is deleted and reported to
   * the cache's warnings; the caller then runs the program again.
   */
  public Optional<Entry> read(String key) throws IOException {
    Path file = directory.resolve(key + kind.suffix);
    Optional<byte[]> content = CacheEntry.read(file, key, kind.what, kind.then, warnings);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    Entry entry;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content.get()))) {
      String format = in.readUTF();
      if (!format.equals(FORMAT)) {
        CacheEntry.discard(file, kind.what, "it is an entry of " + format, kind.then, warnings);
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
      long clockReadings = in.readLong();
      long randomBytes = in.readLong();
      if (in.read() != -1) {
        throw new IOException("bytes after the entry's last field");
      }
      entry =
          new Entry(
              new Snapshot(memory, pages, globals),
              new String(output, StandardCharsets.UTF_8),
              clockReadings,
              randomBytes);
    } catch (IOException | RuntimeException e) {
      // The digest matched, so the writer wrote this: an entry of an older build of this format.
      CacheEntry.discard(file, kind.what, "unreadable: " + e.getMessage(), kind.then, warnings);
      return Optional.empty();
    }
    try {
      // Eviction keeps the most recently used entries.
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // a read-only cache still serves hits
    }
    return Optional.of(entry);
  }

  /**
   * Stores {@code entry} under {@code key} (atomically, with its digest: see {@link CacheEntry})
   * and removes the oldest entries beyond the limit.
   */
  public void write(String key, Entry entry) throws IOException {
    Snapshot snapshot = entry.snapshot();
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
      byte[] output = entry.output().getBytes(StandardCharsets.UTF_8);
      out.writeInt(output.length);
      out.write(output);
      out.writeLong(entry.clockReadings());
      out.writeLong(entry.randomBytes());
    }
    // Two builds sharing the cache (the user's cache is the default) store one at a time, so
    // that one's eviction does not run while the other is between its write and its eviction.
    try (DirectoryLock lock = FileKit.lock(directory)) {
      CacheEntry.write(directory.resolve(key + kind.suffix), key, bytes.toByteArray());
      CacheEntry.evict(directory, kind.suffix, maxEntries);
    }
  }
}
