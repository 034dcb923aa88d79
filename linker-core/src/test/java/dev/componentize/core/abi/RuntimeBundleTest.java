package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeBundleTest {
  /** The smallest wasm module: magic and version (no target features). */
  private static final byte[] EMPTY_MODULE = {0, 0x61, 0x73, 0x6d, 1, 0, 0, 0};

  @TempDir Path dir;

  private Path bundle;
  private Path record;

  /** A bundle with libpython, the glue, one stdlib file and the adapter, all in the manifest. */
  @BeforeEach
  void bundle() throws IOException {
    bundle = dir.resolve("bundle");
    record = dir.resolve("work/runtime-verified.txt");
    Map<String, byte[]> files = new TreeMap<>();
    files.put("lib/libpython3.13.so", EMPTY_MODULE);
    files.put("lib/libcomponentize.so", EMPTY_MODULE);
    files.put("python/lib/python3.13/os.py", "import sys\n".getBytes(StandardCharsets.UTF_8));
    files.put(RuntimeBundle.ADAPTER, new byte[] {0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0});
    List<String> entries = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = bundle.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
      entries.add(
          "{\"path\": \""
              + file.getKey()
              + "\", \"size\": "
              + file.getValue().length
              + ", \"sha256\": \""
              + FileKit.sha256Hex(file.getValue())
              + "\"}");
    }
    String manifest =
        Files.readString(RuntimeIdentityTest.MANIFEST, StandardCharsets.UTF_8)
            .replace("\"files\": []", "\"files\": [" + String.join(", ", entries) + "]");
    Files.writeString(bundle.resolve(RuntimeBundle.MANIFEST), manifest);
  }

  @Test
  void theLayoutIsKnownInOnePlace() throws Exception {
    RuntimeBundle opened = RuntimeBundle.open(bundle);
    assertEquals(bundle.resolve("lib/libcomponentize.so"), opened.glue());
    assertEquals(bundle.resolve("python"), opened.pythonHome());
    assertEquals(bundle.resolve("adapter/wasi_snapshot_preview1.reactor.wasm"), opened.adapter());
    assertEquals(
        List.of(bundle.resolve("lib/libcomponentize.so"), bundle.resolve("lib/libpython3.13.so")),
        opened.libraries());
    assertEquals("3.13.5", opened.identity().pythonVersion());
  }

  @Test
  void everyFileIsHashedOnceThenOnlyWhenItChanges() throws Exception {
    RuntimeBundle opened = RuntimeBundle.open(bundle);
    assertEquals(new RuntimeBundle.Verification(4, 4), opened.verify(record));
    assertEquals(new RuntimeBundle.Verification(4, 0), opened.verify(record));
    // Rewritten with the same bytes and its old modification time: the change time moved on.
    Path os = bundle.resolve("python/lib/python3.13/os.py");
    FileTime modified = Files.getLastModifiedTime(os);
    Files.write(os, Files.readAllBytes(os));
    Files.setLastModifiedTime(os, modified);
    assertEquals(new RuntimeBundle.Verification(4, 1), opened.verify(record));
  }

  @Test
  void aChangedLibraryIsNamedWithBothHashes() throws Exception {
    RuntimeBundle opened = RuntimeBundle.open(bundle);
    opened.verify(record);
    Path libpython = bundle.resolve("lib/libpython3.13.so");
    byte[] damaged = EMPTY_MODULE.clone();
    damaged[7] = 1;
    FileTime modified = Files.getLastModifiedTime(libpython);
    Files.write(libpython, damaged);
    // Even with the recorded size and modification time it is hashed again (its change time).
    Files.setLastModifiedTime(libpython, modified);
    RuntimeBundleException e =
        assertThrows(RuntimeBundleException.class, () -> opened.verify(record));
    assertEquals(
        libpython
            + ": does not match the runtime bundle's manifest.json: sha256 "
            + FileKit.sha256Hex(damaged)
            + " (size 8), expected "
            + FileKit.sha256Hex(EMPTY_MODULE)
            + " (size 8); the file was damaged or changed after the bundle was built: delete the"
            + " unpacked runtime (mvn clean) so it is unpacked again, or rebuild the bundle"
            + " (runtime/build-runtime.sh and runtime/complete-bundle.sh)",
        e.getMessage());
  }

  @Test
  void aMissingOrAnUnlistedLibraryFails() throws Exception {
    RuntimeBundle opened = RuntimeBundle.open(bundle);
    Path planted = bundle.resolve("lib/libplanted.so");
    Files.write(planted, EMPTY_MODULE);
    RuntimeBundleException unlisted =
        assertThrows(RuntimeBundleException.class, () -> opened.verify(record));
    assertEquals(planted.toString(), unlisted.file());
    Files.delete(planted);
    Files.delete(bundle.resolve(RuntimeBundle.ADAPTER));
    RuntimeBundleException missing =
        assertThrows(RuntimeBundleException.class, () -> opened.verify(record));
    assertEquals(
        bundle.resolve(RuntimeBundle.ADAPTER)
            + ": is listed in the runtime bundle's manifest.json but missing; the bundle is"
            + " incomplete: delete the unpacked runtime (mvn clean) so it is unpacked again, or"
            + " rebuild the bundle (runtime/build-runtime.sh and runtime/complete-bundle.sh)",
        missing.getMessage());
  }

  @Test
  void aBundleWithoutTheGlueIsRefusedWhenOpened() throws Exception {
    Files.delete(bundle.resolve("lib/libcomponentize.so"));
    RuntimeBundleException e =
        assertThrows(RuntimeBundleException.class, () -> RuntimeBundle.open(bundle));
    assertEquals(
        bundle
            + ": is not a complete runtime bundle: it has no lib/libcomponentize.so (the Python"
            + " glue); use a complete bundle (the componentize-runtime artifact, or"
            + " runtime/complete-bundle.sh)",
        e.getMessage());
  }
}
