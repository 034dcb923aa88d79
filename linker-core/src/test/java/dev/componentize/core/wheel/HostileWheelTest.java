package dev.componentize.core.wheel;

import static dev.componentize.core.wheel.TestWheel.bytes;
import static dev.componentize.core.wheel.TestWheel.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wheels built to escape the target directory or exhaust the machine, beyond those in {@link
 * WheelFileTest}: escapes through the {@code .data} directory, a second {@code .dist-info} smuggled
 * in, headers that declare gigabytes, special files, RECORD rows that point outside. Each is
 * refused with a message naming the wheel and the entry, and the directory the target would be
 * created in (and the one above it) lists exactly what it listed before: nothing written outside,
 * no staging directory or partial unpack left behind.
 */
class HostileWheelTest {
  private static final TargetRuntime RUNTIME = TargetRuntime.CPYTHON_3_13;
  private static final String FIX =
      ". The wheel is malformed or hostile: do not use it; get the wheel from its project's"
          + " release or rebuild it with a standard tool (python -m build --wheel)";

  @TempDir Path dir;
  private Path in;
  private Path build;
  private Path target;

  @BeforeEach
  void directories() throws IOException {
    in = Files.createDirectory(dir.resolve("in"));
    build = Files.createDirectories(dir.resolve("build/python"));
    Files.writeString(build.resolve("existing.txt"), "kept\n");
    target = build.resolve("site");
  }

  @Test
  void refusesDataDirectoryEscapeThroughDotDot() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .text("demo-1.0.data/purelib/../../../evil.py", "boom\n")
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo-1.0.data/purelib/../../../evil.py: the name contains"
            + " '..', which would write outside the target directory (path traversal)"
            + FIX);
  }

  @Test
  void refusesEscapeFromTheDataDirectoryItself() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").text("demo-1.0.data/../evil.py", "boom\n").write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo-1.0.data/../evil.py: the name contains '..', which would"
            + " write outside the target directory (path traversal)"
            + FIX);
  }

  @Test
  void refusesSecondTopLevelDistInfo() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .text("other-2.0.dist-info/METADATA", "Name: other\n")
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: has several .dist-info directories (demo-1.0.dist-info,"
            + " other-2.0.dist-info); a wheel holds exactly one distribution: rebuild it");
  }

  @Test
  void refusesDistInfoSmuggledInThroughPurelib() throws Exception {
    // It would land in site-packages beside the real one, unverified, claiming another
    // distribution: importlib.metadata would report a package that was never installed.
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .text("demo-1.0.data/purelib/other-2.0.dist-info/METADATA", "Name: other\n")
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo-1.0.data/purelib/other-2.0.dist-info/METADATA: installs"
            + " a .dist-info directory (other-2.0.dist-info) into site-packages beside the wheel's"
            + " own; only demo-1.0.dist-info may describe this wheel"
            + FIX);
  }

  @Test
  void refusesHeaderDeclaringGigabytesBeforeInflatingAnything() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").file("demo/blob.bin", new byte[1000]).write(in);
    declareUncompressedSize(wheel, "demo/blob.bin", 0xfffffff0);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/blob.bin: is 4294967280 bytes or more, over the limit of"
            + " 536870912 bytes per file; if the wheel is genuine, raise the per-file size limit");
  }

  @Test
  void refusesHeaderDeclaringLessThanTheEntryHolds() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").file("demo/blob.bin", new byte[1000]).write(in);
    declareUncompressedSize(wheel, "demo/blob.bin", 10);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/blob.bin: inflates to more than the 10 bytes its zip"
            + " header declares; the archive is corrupt or hostile (a zip bomb)"
            + FIX);
  }

  @Test
  void refusesFifoEntry() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .unrecordedWithMode("demo/pipe", new byte[0], 0010644)
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/pipe: is a special file (Unix mode 10644), not a regular"
            + " file or directory"
            + FIX);
  }

  @Test
  void refusesSymbolicLinkToADirectoryOutside() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").symlink("demo/up", "../../..").write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/up: is a symbolic link; links can point outside the"
            + " target directory, so wheels may not contain them"
            + FIX);
  }

  @Test
  void refusesRecordRowPointingOutsideTheWheel() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .editRecord(r -> r + "../../evil.py,sha256=" + sha256(bytes("boom\n")) + ",5\n")
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: ../../evil.py: is listed in demo-1.0.dist-info/RECORD but"
            + " missing from the archive; the wheel is incomplete or was edited: download or"
            + " rebuild it");
  }

  @Test
  void refusesRecordListingAFileTwiceWithDifferentHashes() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .editRecord(r -> r + "demo/__init__.py,sha256=AAAA,11\n")
            .write(in);

    WheelException e = assertRefused(wheel, null);
    assertEquals(
        true,
        e.getMessage().contains("lists 'demo/__init__.py' twice"),
        "message names the duplicated row: " + e.getMessage());
  }

  @Test
  void refusesRecordWithWeakHash() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .editRecord(r -> r.replace("demo/__init__.py,sha256=", "demo/__init__.py,md5="))
            .write(in);

    WheelException e = assertRefused(wheel, null);
    assertEquals(
        true,
        e.getMessage().startsWith("demo-1.0-py3-none-any.whl: demo-1.0.dist-info/RECORD: "),
        e.getMessage());
  }

  /**
   * Unpacks with the default limits, expecting a refusal with {@code message} (unless null), then
   * checks that the build directory and its parent list what they listed before.
   */
  private WheelException assertRefused(Path wheel, String message) throws IOException {
    List<String> buildBefore = list(build);
    List<String> parentBefore = list(build.getParent());
    List<String> rootBefore = list(dir);
    WheelException e =
        assertThrows(
            WheelException.class,
            () -> WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS));
    if (message != null) {
      assertEquals(message, e.getMessage());
    }
    assertEquals(buildBefore, list(build), "the target's directory changed");
    assertEquals(parentBefore, list(build.getParent()), "the directory above changed");
    assertEquals(rootBefore, list(dir), "the test root changed");
    assertEquals(
        List.of(wheel.getFileName().toString()), list(in), "the wheel's directory changed");
    return e;
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Rewrites the uncompressed size of one entry in the zip central directory (APPNOTE 4.3.12:
   * signature 0x02014b50, uncompressed size at offset 24, name length at 28, name at 46).
   */
  private static void declareUncompressedSize(Path zip, String entry, int size) throws IOException {
    byte[] bytes = Files.readAllBytes(zip);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 <= bytes.length; i++) {
      if (b.getInt(i) == 0x02014b50 && b.getShort(i + 28) == name.length) {
        if (new String(bytes, i + 46, name.length, StandardCharsets.UTF_8).equals(entry)) {
          b.putInt(i + 24, size);
          Files.write(zip, bytes);
          return;
        }
      }
    }
    throw new AssertionError("no central directory entry " + entry);
  }
}
