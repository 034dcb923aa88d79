package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelWriterTest {
  static final WheelWriter.Spec SPEC =
      new WheelWriter.Spec(
          "Fast.Math",
          "1.0.0.dev0",
          "cp313-cp313-wasi_0_0_0_wasm32",
          Optional.of("Statistics\n   in C"),
          "test 1");

  @TempDir Path dir;

  private Map<String, Path> files() throws Exception {
    Path init = Files.writeString(dir.resolve("init.py"), "from ._native import stats\n");
    Path so = Files.write(dir.resolve("native.so"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    return Map.of(
        "fast_math/__init__.py", init, "fast_math/_native.cpython-313-wasm32-wasi.so", so);
  }

  @Test
  void theWheelReadsBackWithItsRecordMetadataAndTag() throws Exception {
    Path wheel = WheelWriter.write(dir.resolve("out"), SPEC, files());

    assertEquals(
        "fast_math-1.0.0.dev0-cp313-cp313-wasi_0_0_0_wasm32.whl", wheel.getFileName().toString());
    // The reader verifies every RECORD hash and size and that RECORD lists every entry.
    Wheel read = WheelFile.read(wheel, WheelLimits.DEFAULTS);
    assertEquals("fast_math-1.0.0.dev0.dist-info", read.distInfo());
    assertEquals(List.of(new WheelTag("cp313", "cp313", "wasi_0_0_0_wasm32")), read.tags());
    try (ZipFile zip = new ZipFile(wheel.toFile())) {
      assertEquals(
          List.of(
              "fast_math/__init__.py",
              "fast_math/_native.cpython-313-wasm32-wasi.so",
              "fast_math-1.0.0.dev0.dist-info/METADATA",
              "fast_math-1.0.0.dev0.dist-info/WHEEL",
              "fast_math-1.0.0.dev0.dist-info/RECORD"),
          Collections.list(zip.entries()).stream().map(e -> e.getName()).toList());
      assertEquals(
          "Metadata-Version: 2.1\nName: Fast.Math\nVersion: 1.0.0.dev0\nSummary: Statistics in C\n",
          text(zip, "fast_math-1.0.0.dev0.dist-info/METADATA"));
      assertEquals(
          "Wheel-Version: 1.0\nGenerator: test 1\nRoot-Is-Purelib: false\n"
              + "Tag: cp313-cp313-wasi_0_0_0_wasm32\n",
          text(zip, "fast_math-1.0.0.dev0.dist-info/WHEEL"));
      String record = text(zip, "fast_math-1.0.0.dev0.dist-info/RECORD");
      assertEquals(
          "fast_math/__init__.py,sha256=",
          record.substring(0, "fast_math/__init__.py,sha256=".length()));
      assertEquals(
          "fast_math-1.0.0.dev0.dist-info/RECORD,,\n",
          record.substring(record.lastIndexOf("fast_math-1.0.0.dev0.dist-info/RECORD")));
    }
  }

  @Test
  void theSameInputsGiveTheSameBytes() throws Exception {
    Path first = WheelWriter.write(dir.resolve("a"), SPEC, files());
    byte[] bytes = Files.readAllBytes(first);
    Files.setLastModifiedTime(
        dir.resolve("init.py"), java.nio.file.attribute.FileTime.fromMillis(0));
    Path second = WheelWriter.write(dir.resolve("b"), SPEC, files());

    assertArrayEquals(bytes, Files.readAllBytes(second));
  }

  @Test
  void badVersionsNamesAndPathsAreRefusedWithTheReason() throws Exception {
    IllegalArgumentException version =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new WheelWriter.Spec(
                    "fastmath", "1.0-SNAPSHOT", SPEC.tag(), Optional.empty(), "test"));
    assertEquals(
        "'1.0-SNAPSHOT' is not a PEP 440 version such as 1.0, 1.0.2rc1, 1.0.post1 or 1.0.dev0",
        version.getMessage());

    Path file = Files.writeString(dir.resolve("x.py"), "");
    IllegalArgumentException escape =
        assertThrows(
            IllegalArgumentException.class,
            () -> WheelWriter.write(dir.resolve("out"), SPEC, Map.of("../x.py", file)));
    assertEquals(
        true, escape.getMessage().contains("'..', which would write outside"), escape.getMessage());
    IllegalArgumentException distInfo =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WheelWriter.write(
                    dir.resolve("out"),
                    SPEC,
                    Map.of("fast_math-1.0.0.dev0.dist-info/RECORD", file)));
    assertEquals(
        "'fast_math-1.0.0.dev0.dist-info/RECORD' lies in fast_math-1.0.0.dev0.dist-info, which the"
            + " wheel writer generates",
        distInfo.getMessage());
    assertEquals(List.of(), listing(dir.resolve("out")), "no partial wheel left behind");
  }

  private static List<String> listing(Path directory) throws Exception {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (var files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String text(ZipFile zip, String name) throws Exception {
    return new String(
        zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
  }
}
