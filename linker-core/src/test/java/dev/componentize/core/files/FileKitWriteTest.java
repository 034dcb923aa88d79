package dev.componentize.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKitWriteTest {
  @TempDir Path dir;

  @Test
  void theComponentGetsTheModeOfAnyNewFileNotATemporaryFilesMode() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    // A file created the ordinary way: mode 0666 less the process's umask.
    Set<PosixFilePermission> ordinary =
        Files.getPosixFilePermissions(Files.createFile(dir.resolve("ordinary")));
    assumeTrue(
        ordinary.contains(PosixFilePermission.GROUP_READ)
            || ordinary.contains(PosixFilePermission.OTHERS_READ),
        "the umask hides the difference (077)");

    Path output = dir.resolve("out/app.wasm");
    FileKit.writeAtomically(output, new byte[] {0, 'a', 's', 'm'});
    assertEquals(
        PosixFilePermissions.toString(ordinary),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));

    // Replacing an earlier component: same mode, new bytes, no temporary file left.
    FileKit.writeAtomically(output, new byte[] {1, 2});
    assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(output));
    assertEquals(ordinary, Files.getPosixFilePermissions(output));
    try (Stream<Path> files = Files.list(output.getParent())) {
      assertEquals(List.of(output), files.toList());
    }
    assertTrue(Files.isReadable(output));
  }
}
