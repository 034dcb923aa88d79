package dev.componentize.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFingerprintTest {
  @TempDir Path dir;

  private String ofTree(Path root) throws IOException {
    return new InputFingerprint().value("plugin", "1").tree("python", root).hex();
  }

  private Path sources() throws IOException {
    Path root = dir.resolve("src");
    Files.createDirectories(root.resolve("pkg"));
    Files.writeString(root.resolve("app.py"), "print('hi')\n");
    Files.writeString(root.resolve("pkg/__init__.py"), "");
    return root;
  }

  @Test
  void sameInputsGiveTheSameFingerprint() throws IOException {
    Path root = sources();
    assertEquals(ofTree(root), ofTree(root));
  }

  @Test
  void changedContentsChangeTheFingerprint() throws IOException {
    Path root = sources();
    String before = ofTree(root);
    Files.writeString(root.resolve("app.py"), "print('ho')\n");
    assertNotEquals(before, ofTree(root));
  }

  @Test
  void aRenamedOrAddedFileChangesTheFingerprint() throws IOException {
    Path root = sources();
    String before = ofTree(root);
    Files.move(root.resolve("app.py"), root.resolve("main.py"));
    String renamed = ofTree(root);
    assertNotEquals(before, renamed);
    Files.writeString(root.resolve("empty.py"), "");
    assertNotEquals(renamed, ofTree(root));
  }

  @Test
  void bytecodeCachesAreNotInputs() throws IOException {
    Path root = sources();
    String before = ofTree(root);
    Files.createDirectories(root.resolve("__pycache__"));
    Files.writeString(root.resolve("__pycache__/app.cpython-313.pyc"), "cache");
    Files.createDirectories(root.resolve("pkg/__pycache__"));
    Files.writeString(root.resolve("pkg/__pycache__/x.pyc"), "cache");
    assertEquals(before, ofTree(root));
  }

  @Test
  void absentEmptyAndDifferentValuesAreDistinct() {
    String absent = new InputFingerprint().value("world", null).hex();
    String empty = new InputFingerprint().value("world", "").hex();
    String named = new InputFingerprint().value("world", "hello").hex();
    assertNotEquals(absent, empty);
    assertNotEquals(empty, named);
    // Field boundaries are length-prefixed: moving text from a name to a value is a change.
    assertNotEquals(
        new InputFingerprint().value("ab", "c").hex(),
        new InputFingerprint().value("a", "bc").hex());
  }

  @Test
  void aMissingDirectoryDiffersFromAnEmptyOne() throws IOException {
    String missing = ofTree(dir.resolve("none"));
    Files.createDirectories(dir.resolve("none"));
    assertNotEquals(missing, ofTree(dir.resolve("none")));
  }

  @Test
  void theStampMatchesOnlyTheSameInputsAndTheUntouchedOutput() throws IOException {
    Path output = dir.resolve("out.wasm");
    Path stamp = dir.resolve("work/inputs.sha256");
    Files.write(output, new byte[] {0, 'a', 's', 'm'});
    assertFalse(InputFingerprint.isUpToDate(stamp, "abc", output), "no stamp yet");
    InputFingerprint.writeStamp(stamp, "abc", output);
    assertTrue(InputFingerprint.isUpToDate(stamp, "abc", output));
    assertFalse(InputFingerprint.isUpToDate(stamp, "abd", output), "other inputs");
    Files.write(output, new byte[] {0, 'a', 's', 'm', 1});
    assertFalse(InputFingerprint.isUpToDate(stamp, "abc", output), "output changed by hand");
    Files.delete(output);
    assertFalse(InputFingerprint.isUpToDate(stamp, "abc", output), "output deleted");
  }

  @Test
  void aDamagedStampIsNotUpToDate() throws IOException {
    Path output = dir.resolve("out.wasm");
    Path stamp = dir.resolve("inputs.sha256");
    Files.write(output, new byte[] {1});
    Files.writeString(stamp, "garbage\n");
    assertFalse(InputFingerprint.isUpToDate(stamp, "garbage", output));
  }
}
