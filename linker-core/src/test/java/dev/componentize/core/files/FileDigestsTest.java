package dev.componentize.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
  private static final String ABC_SHA256 =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir Path dir;
  private final FileDigests digests = new FileDigests();

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aFileIsReadOnceHoweverOftenItsDigestIsAskedFor() throws IOException {
    Path file = file("a.txt", "abc");
    assertEquals(ABC_SHA256, digests.sha256(file));
    assertEquals(ABC_SHA256, digests.sha256(file));
    new InputFingerprint(digests).file("a", file).tree("dir", dir).visibleTree("dir", dir).hex();
    assertEquals(1, digests.hashed());
  }

  @Test
  void aChangedFileIsReadAgain() throws IOException {
    Path file = file("a.txt", "abc");
    digests.sha256(file);
    FileTime modified = Files.getLastModifiedTime(file);

    Files.writeString(file, "abcd");
    Files.setLastModifiedTime(file, modified);
    assertEquals(FileKit.sha256Hex(file), digests.sha256(file), "another size");

    Files.writeString(file, "abce");
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 5_000));
    assertEquals(FileKit.sha256Hex(file), digests.sha256(file), "another modification time");
    assertEquals(3, digests.hashed());
  }

  @Test
  void aHardLinkIsTheSameFile() throws IOException {
    Path file = file("a.txt", "abc");
    digests.sha256(file);
    Path link = Files.createLink(dir.resolve("link.txt"), file);
    // A new link may change the file's change time, so the digest is passed on (as SitePackages
    // does); then the link and the file are one.
    digests.known(link, ABC_SHA256);
    assertEquals(ABC_SHA256, digests.sha256(file));
    assertEquals(1, digests.hashed());
  }

  @Test
  void aKnownDigestIsServedWithoutReading() throws IOException {
    Path file = file("a.txt", "abc");
    digests.known(file, ABC_SHA256);
    assertEquals(ABC_SHA256, digests.sha256(file));
    assertEquals(0, digests.hashed());
  }

  @Test
  void aCopyOfAnUnchangedHashedFileTakesItsDigest() throws IOException {
    Path original = file("a.txt", "abc");
    digests.sha256(original);
    Path copy = Files.copy(original, dir.resolve("copy.txt"));
    digests.copied(original, copy);
    assertEquals(ABC_SHA256, digests.sha256(copy));
    assertEquals(1, digests.hashed());
  }

  @Test
  void aCopyIsReadItselfWhenItsOriginalIsNotKnownAsItIsNow() throws IOException {
    Path never = file("never.txt", "abc");
    Path changed = file("changed.txt", "abc");
    digests.sha256(changed);
    Files.writeString(changed, "xyzw");
    for (Path original : List.of(never, changed)) {
      Path copy = Files.copy(original, dir.resolve("copy-of-" + original.getFileName()));
      digests.copied(original, copy);
      assertTrue(digests.ifKnown(copy).isEmpty(), copy.toString());
      assertEquals(FileKit.sha256Hex(copy), digests.sha256(copy));
    }
    assertEquals(3, digests.hashed());
  }
}
