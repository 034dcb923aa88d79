package dev.componentize.core.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.files.DirectoryLock;
import dev.componentize.core.preinit.BuildTimeInit;
import dev.componentize.core.preinit.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCacheTest {
  @TempDir Path temp;

  private final List<String> warnings = new ArrayList<>();
  private Path app;
  private Map<String, byte[]> modules;

  @BeforeEach
  void inputs() throws IOException {
    app = Files.createDirectories(temp.resolve("app"));
    write(app.resolve("app.py"), "print('hi')\n");
    write(app.resolve("pkg/__init__.py"), "");
    modules = new LinkedHashMap<>();
    modules.put("main", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    modules.put("libc.so", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 9});
  }

  private String key() throws IOException {
    return key(app);
  }

  private String key(Path appDirectory) throws IOException {
    return SnapshotCache.key(
        modules,
        SnapshotCache.trees(Map.of("/python", temp.resolve("python"), "/app", appDirectory)),
        List.of("/app"),
        List.of(),
        Map.of());
  }

  @Test
  void theSameInputsGiveTheSameKeyWhereverTheyLieOnTheHost() throws IOException {
    Files.createDirectories(temp.resolve("python"));
    Path copy = Files.createDirectories(temp.resolve("elsewhere/app"));
    write(copy.resolve("app.py"), "print('hi')\n");
    write(copy.resolve("pkg/__init__.py"), "");
    sameTimes(app, copy);
    assertEquals(key(), key(copy));
  }

  @Test
  void anyChangeTheGuestCanObserveChangesTheKey() throws IOException {
    Files.createDirectories(temp.resolve("python"));
    String before = key();

    write(app.resolve("app.py"), "print('ho')\n"); // same size, other bytes
    Files.setLastModifiedTime(app.resolve("app.py"), FileTime.fromMillis(1_000));
    String content = key();
    assertNotEquals(before, content);

    Files.setLastModifiedTime(app.resolve("app.py"), FileTime.fromMillis(2_000));
    String time = key();
    assertNotEquals(content, time, "a stat() result is in the snapshot");

    write(app.resolve("other.py"), "");
    String added = key();
    assertNotEquals(time, added);

    modules.put("libc.so", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 8});
    String module = key();
    assertNotEquals(added, module);

    assertNotEquals(
        module,
        SnapshotCache.key(
            modules,
            SnapshotCache.trees(Map.of("/python", temp.resolve("python"), "/app", app)),
            List.of("/app", "/python"),
            List.of(),
            Map.of()),
        "the Python path");
    assertNotEquals(
        module,
        SnapshotCache.key(
            modules,
            SnapshotCache.trees(Map.of("/python", temp.resolve("python"), "/app", app)),
            List.of("/app"),
            List.of(),
            Map.of("COMPONENTIZE_STUB_WASI", "1")),
        "the environment");
  }

  @Test
  void theBaseKeyIgnoresWhatOnlyTheAppPartCanObserve() throws IOException {
    Path python = Files.createDirectories(temp.resolve("python"));
    Path bindings = Files.createDirectories(temp.resolve("bindings"));
    write(bindings.resolve("wit_world/__init__.py"), "");
    Map<String, Path> directories = new LinkedHashMap<>();
    directories.put("/python", python);
    directories.put("/bindings", bindings);
    directories.put("/app", app);
    String before = baseKey(directories);

    write(app.resolve("app.py"), "print('edited')\n");
    write(app.resolve("new.py"), "");
    assertEquals(before, baseKey(directories), "the app's sources");

    write(bindings.resolve("wit_world/__init__.py"), "x = 1\n");
    String bindingsChanged = baseKey(directories);
    assertNotEquals(before, bindingsChanged, "the bindings");

    write(python.resolve("os.py"), "");
    String pythonChanged = baseKey(directories);
    assertNotEquals(bindingsChanged, pythonChanged, "the Python home");

    directories.put("/more", app);
    assertNotEquals(pythonChanged, baseKey(directories), "the preopens' names (libc keeps them)");

    modules.put("libc.so", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 8});
    assertNotEquals(pythonChanged, baseKey(directories), "a module");
  }

  private String baseKey(Map<String, Path> directories) throws IOException {
    return SnapshotCache.baseKey(
        modules,
        SnapshotCache.trees(directories),
        Set.of("/python", "/bindings"),
        List.of("/bindings"),
        Map.of());
  }

  @Test
  void aStoredOutcomeIsLoadedUnchanged() throws IOException {
    SnapshotCache cache = new SnapshotCache(temp.resolve("cache"), 4, warnings::add);
    Snapshot snapshot =
        new Snapshot(
            new byte[] {1, 2, 0, 0, 3},
            7,
            Map.of("main", Map.of(0, 42L, 3, -1L), "init", Map.of()));
    BuildTimeInit.Outcome stored =
        new BuildTimeInit.Outcome(snapshot, "printed é\n", List.of(), false);
    assertTrue(cache.load("k1").isEmpty());

    cache.store("k1", stored);
    BuildTimeInit.Outcome loaded = cache.load("k1").orElseThrow();

    assertArrayEquals(snapshot.memory(), loaded.snapshot().memory());
    assertEquals(7, loaded.snapshot().pages());
    assertEquals(snapshot.globals(), loaded.snapshot().globals());
    assertEquals("printed é\n", loaded.output());
    assertTrue(loaded.reused());
    assertTrue(cache.load("k2").isEmpty());
  }

  @Test
  void anEntryWithFlippedBytesIsDiscardedWithAWarningAndStoredAgain() throws IOException {
    SnapshotCache cache = new SnapshotCache(temp.resolve("cache"), 4, warnings::add);
    BuildTimeInit.Outcome good = outcome(1, new byte[4096]);
    cache.store("k", good);
    Path file = temp.resolve("cache/k.snapshot");
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 1000; i < 1064; i++) {
      bytes[i] ^= 0x55;
    }
    Files.write(file, bytes);

    assertEquals(Optional.empty(), cache.load("k"));
    assertEquals(1, warnings.size());
    assertTrue(
        warnings.get(0).startsWith("snapshot cache entry " + file + " is damaged (sha256 "),
        warnings.get(0));
    assertTrue(warnings.get(0).endsWith("); discarded, pre-initializing again"), warnings.get(0));
    assertFalse(Files.exists(file), "the damaged entry is deleted");

    cache.store("k", good); // what the pipeline does after running the program again
    assertArrayEquals(good.snapshot().memory(), cache.load("k").orElseThrow().snapshot().memory());
    assertEquals(1, warnings.size());
  }

  @Test
  void aTruncatedEntryIsDiscardedWithAWarning() throws IOException {
    SnapshotCache cache = new SnapshotCache(temp.resolve("cache"), 4, warnings::add);
    cache.store("k", outcome(1, new byte[4096]));
    Path file = temp.resolve("cache/k.snapshot");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2)); // a write cut off half way

    assertEquals(Optional.empty(), cache.load("k"));
    assertEquals(
        List.of(
            "snapshot cache entry "
                + file
                + " is damaged (truncated: "
                + (bytes.length / 2 - CacheEntry.HEADER_LENGTH)
                + " bytes after the header, the header says "
                + (bytes.length - CacheEntry.HEADER_LENGTH)
                + "); discarded, pre-initializing again"),
        warnings);
  }

  @Test
  void anotherKeysEntryCopiedInPlaceIsDiscardedWithAWarning() throws IOException {
    SnapshotCache cache = new SnapshotCache(temp.resolve("cache"), 4, warnings::add);
    cache.store("k1", outcome(1, new byte[16]));
    cache.store("k2", outcome(2, new byte[16]));
    Path k2 = temp.resolve("cache/k2.snapshot");
    Files.copy(temp.resolve("cache/k1.snapshot"), k2, StandardCopyOption.REPLACE_EXISTING);

    assertEquals(Optional.empty(), cache.load("k2"));
    assertEquals(
        List.of(
            "snapshot cache entry "
                + k2
                + " is damaged (it is not the entry of key k2); discarded, pre-initializing"
                + " again"),
        warnings);
    assertTrue(cache.load("k1").isPresent());
  }

  @Test
  void onlyTheNewestEntriesAreKept() throws IOException {
    SnapshotCache cache = new SnapshotCache(temp.resolve("cache"), 2, warnings::add);
    for (int i = 0; i < 4; i++) {
      cache.store("k" + i, outcome(i));
      // Eviction goes by modification time; make the order unambiguous.
      Files.setLastModifiedTime(
          temp.resolve("cache/k" + i + ".snapshot"), FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    cache.store("k4", outcome(4));
    assertTrue(cache.load("k0").isEmpty());
    assertTrue(cache.load("k3").isPresent());
    assertTrue(cache.load("k4").isPresent());
    try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
      assertEquals(
          2,
          files.filter(f -> !f.getFileName().toString().equals(DirectoryLock.FILE)).count(),
          "no temporary file left either");
    }
  }

  /**
   * Two builds sharing one cache store and evict at the same time (each through its own {@code
   * SnapshotCache}, as two JVMs would): every store succeeds, and what is left is the limit's worth
   * of intact entries.
   */
  @Test
  void twoBuildsStoringAtOnceLeaveIntactEntriesWithinTheLimit() throws Exception {
    Path directory = temp.resolve("shared");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> builds = new ArrayList<>();
      for (int b = 0; b < 2; b++) {
        int build = b;
        builds.add(
            pool.submit(
                () -> {
                  SnapshotCache cache = new SnapshotCache(directory, 3, warnings::add);
                  for (int i = 0; i < 40; i++) {
                    cache.store("b" + build + "k" + i, outcome(i, new byte[8192]));
                  }
                  return null;
                }));
      }
      for (Future<?> build : builds) {
        build.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Path> entries;
    try (Stream<Path> files = Files.list(directory)) {
      entries = files.filter(f -> f.toString().endsWith(".snapshot")).toList();
    }
    assertEquals(3, entries.size(), entries.toString());
    SnapshotCache reader = new SnapshotCache(directory, 3, warnings::add);
    for (Path entry : entries) {
      String key = entry.getFileName().toString().replace(".snapshot", "");
      assertTrue(reader.load(key).isPresent(), key);
    }
    assertEquals(List.of(), warnings);
  }

  private static BuildTimeInit.Outcome outcome(int marker) {
    return outcome(marker, new byte[0]);
  }

  private static BuildTimeInit.Outcome outcome(int marker, byte[] memory) {
    byte[] image = Arrays.copyOf(new byte[] {(byte) marker}, Math.max(1, memory.length));
    return new BuildTimeInit.Outcome(new Snapshot(image, 1, Map.of()), "", List.of(), false);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Gives every file and directory under {@code copy} the time of its twin under {@code from}. */
  private static void sameTimes(Path from, Path copy) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Files.setLastModifiedTime(
            copy.resolve(from.relativize(path).toString()), Files.getLastModifiedTime(path));
      }
    }
  }
}
