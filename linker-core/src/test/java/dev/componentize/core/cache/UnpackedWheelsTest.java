package dev.componentize.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wheel.TargetRuntime;
import dev.componentize.core.wheel.TestWheel;
import dev.componentize.core.wheel.UnpackedWheel;
import dev.componentize.core.wheel.WheelLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedWheelsTest {
  private static final String MODULE = "VALUE = 42\n";

  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();
  private Path wheel;
  private UnpackedWheels wheels;
  private Path module;

  @BeforeEach
  void unpackOnce() throws Exception {
    wheel =
        TestWheel.pure("demo", "1.0")
            .text("demo/data.txt", "x".repeat(300))
            .write(Files.createDirectory(dir.resolve("in")));
    wheels =
        new UnpackedWheels(
            dir.resolve("work/wheels"),
            TargetRuntime.CPYTHON_3_13,
            WheelLimits.DEFAULTS,
            warnings::add);
    UnpackedWheel first = wheels.unpack(wheel, "0-demo");
    module = first.siteDirectory().resolve("demo/__init__.py");
    assertEquals(MODULE, Files.readString(module));
    assertTrue(Files.isRegularFile(dir.resolve("work/wheels/0-demo.unpacked")));
  }

  @Test
  void anIntactDirectoryIsReusedAsItIs() throws Exception {
    FileTime marked = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(module, marked); // times are not content: still reused
    UnpackedWheel again = wheels.unpack(wheel, "0-demo");
    assertEquals(marked, Files.getLastModifiedTime(module), "not unpacked again");
    assertEquals(List.of(), warnings);
    assertEquals(4, again.pythonFiles().size());
    assertEquals("demo", again.wheel().distribution());
  }

  @Test
  void aFileWithFlippedBytesIsNoticedAndTheWheelUnpackedAgain() throws Exception {
    Files.writeString(module, "VALUE = 66\n"); // same size, other bytes

    UnpackedWheel again = wheels.unpack(wheel, "0-demo");

    assertEquals(1, warnings.size());
    assertTrue(
        Pattern.matches(
            Pattern.quote("unpacked wheel " + dir.resolve("work/wheels/0-demo"))
                + " is damaged \\(demo/__init__.py: sha256 [0-9a-f]{64}, 11 bytes, expected sha256"
                + " [0-9a-f]{64}, 11 bytes\\); discarded, unpacking the wheel again",
            warnings.get(0)),
        warnings.get(0));
    assertEquals(MODULE, Files.readString(again.siteDirectory().resolve("demo/__init__.py")));
  }

  @Test
  void aTruncatedFileIsNoticed() throws Exception {
    Path data = module.resolveSibling("data.txt");
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, Arrays.copyOf(bytes, 100));

    wheels.unpack(wheel, "0-demo");

    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("(demo/data.txt: sha256 "), warnings.get(0));
    assertTrue(warnings.get(0).contains(", 100 bytes, expected sha256 "), warnings.get(0));
    assertEquals("x".repeat(300), Files.readString(data));
  }

  @Test
  void aReplacedAddedOrRemovedFileIsNoticed() throws Exception {
    Files.delete(module);
    Files.writeString(module, "import os\nos.system('echo planted')\n");
    wheels.unpack(wheel, "0-demo");
    assertTrue(warnings.get(0).contains("(demo/__init__.py: sha256 "), warnings.get(0));
    assertEquals(MODULE, Files.readString(module));

    Files.writeString(module.resolveSibling("extra.py"), "planted = True\n");
    wheels.unpack(wheel, "0-demo");
    assertTrue(warnings.get(1).contains("(demo/extra.py was added)"), warnings.get(1));
    assertFalse(Files.exists(module.resolveSibling("extra.py")));

    Files.delete(module);
    wheels.unpack(wheel, "0-demo");
    assertTrue(warnings.get(2).contains("(demo/__init__.py is missing)"), warnings.get(2));
    assertEquals(MODULE, Files.readString(module));
    assertEquals(3, warnings.size());
  }

  @Test
  void aDamagedListingIsNoticedAndAMissingOneMeansUnpackingAgain() throws Exception {
    Path listing = dir.resolve("work/wheels/0-demo.unpacked");
    byte[] bytes = Files.readAllBytes(listing);
    bytes[bytes.length - 5] ^= 1;
    Files.write(listing, bytes);
    wheels.unpack(wheel, "0-demo");
    assertEquals(1, warnings.size());
    assertTrue(
        warnings.get(0).startsWith("unpacked wheel " + listing + " is damaged (sha256 "),
        warnings.get(0));

    // An unpack that stopped before its listing was written: unpacked again, nothing to report.
    Files.delete(listing);
    Files.writeString(module, "half written");
    wheels.unpack(wheel, "0-demo");
    assertEquals(1, warnings.size());
    assertEquals(MODULE, Files.readString(module));
  }

  @Test
  void anotherWheelUnderTheSameNameIsUnpackedAfreshWithoutWarning() throws Exception {
    Path other =
        TestWheel.pure("demo", "1.0")
            .text("demo/data.txt", "y")
            .write(Files.createDirectory(dir.resolve("other")));
    UnpackedWheel unpacked = wheels.unpack(other, "0-demo");
    assertEquals("y", Files.readString(unpacked.siteDirectory().resolve("demo/data.txt")));
    assertEquals(List.of(), warnings);
  }

  @Test
  void wheelsNoLongerUsedAreRemoved() throws Exception {
    wheels.unpack(wheel, "1-demo");
    wheels.retainOnly(Set.of("1-demo"));
    try (Stream<Path> left = Files.list(dir.resolve("work/wheels"))) {
      assertEquals(
          List.of("1-demo", "1-demo.unpacked"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
