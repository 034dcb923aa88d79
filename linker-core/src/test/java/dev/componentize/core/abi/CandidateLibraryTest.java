package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wheel.ExtensionModule;
import dev.componentize.core.wheel.TargetRuntime;
import dev.componentize.core.wheel.UnpackedWheel;
import dev.componentize.core.wheel.WheelException;
import dev.componentize.core.wheel.WheelFile;
import dev.componentize.core.wheel.WheelLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateLibraryTest {

  @TempDir Path dir;

  @Test
  void wheelFileNameGivesThePlatformTags() {
    CandidateLibrary library =
        CandidateLibrary.extensionFromWheel(
            "m/_m.abi3.so", new byte[0], "m-1.0-cp313-abi3-wasi_0_0_0_wasm32.whl");

    assertEquals(List.of("wasi_0_0_0_wasm32"), library.wheelPlatformTags());
    assertEquals(Optional.of("m-1.0-cp313-abi3-wasi_0_0_0_wasm32.whl"), library.wheel());
    assertEquals("_m.abi3.so", library.fileName());
  }

  @Test
  void wheelNamedAfterMavenCoordinatesHasNoTagsFromItsName() {
    CandidateLibrary library =
        CandidateLibrary.extensionFromWheel("m/_m.abi3.so", new byte[0], "m-1.0.whl");

    assertEquals(List.of(), library.wheelPlatformTags());
  }

  @Test
  void emptyLabelIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> CandidateLibrary.library("", new byte[0]));
  }

  @Test
  void unpackedWheelGivesLabelBytesWheelAndDeclaredTags()
      throws IOException,
          InterruptedException,
          WheelException,
          NoSuchAlgorithmException,
          ToolchainMismatchException {
    AbiFixtures.assumeClang();
    byte[] so =
        AbiFixtures.library(dir, "core.so", AbiFixtures.Identity.RUNTIME, List.of(), "ext.c");
    // Named after Maven coordinates, not the wheel convention: the tags come from WHEEL.
    Path wheelFile = dir.resolve("fastmath-1.0.whl");
    writeWheel(
        wheelFile,
        "fastmath",
        "1.0",
        "cp313-cp313-wasi_0_0_0_wasm32",
        Map.of(
            "fastmath/__init__.py",
            "from ._core import *\n".getBytes(StandardCharsets.UTF_8),
            "fastmath/_core.cpython-313-wasm32-wasi.so",
            so));
    UnpackedWheel unpacked =
        WheelFile.unpack(
            wheelFile, dir.resolve("site"), TargetRuntime.CPYTHON_3_13, WheelLimits.DEFAULTS);
    ExtensionModule module = unpacked.extensionModules().get(0);

    CandidateLibrary library = CandidateLibrary.of(unpacked, module);
    CheckReport report =
        new ToolchainCheck(AbiFixtures.RUNTIME).check(List.of(library), Policy.STRICT);

    assertEquals("fastmath/_core.cpython-313-wasm32-wasi.so", library.label());
    assertEquals(Optional.of("fastmath-1.0.whl"), library.wheel());
    assertEquals(List.of("wasi_0_0_0_wasm32"), library.wheelPlatformTags());
    assertTrue(library.extensionModule());
    assertArrayEquals(so, library.bytes());
    assertEquals(
        "fastmath/_core.cpython-313-wasm32-wasi.so (from fastmath-1.0.whl): built with"
            + " componentize-wasi 1 against wasi-libc 9886d3d by clang 19.1.7 (3~deb12u1): the"
            + " same as the runtime [evidence: componentize.toolchain section]",
        report.findings().get(0).message());
  }

  /** A wheel as bdist_wheel lays it out: the files, WHEEL, then RECORD with sha256 and sizes. */
  private static void writeWheel(
      Path file, String name, String version, String tag, Map<String, byte[]> files)
      throws IOException, NoSuchAlgorithmException {
    String distInfo = name + "-" + version + ".dist-info";
    Map<String, byte[]> entries = new LinkedHashMap<>(files);
    entries.put(
        distInfo + "/METADATA",
        ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
            .getBytes(StandardCharsets.UTF_8));
    entries.put(
        distInfo + "/WHEEL",
        ("Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: " + tag + "\n")
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      String hash =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(MessageDigest.getInstance("SHA-256").digest(entry.getValue()));
      record
          .append(entry.getKey())
          .append(",sha256=")
          .append(hash)
          .append(',')
          .append(entry.getValue().length)
          .append('\n');
    }
    record.append(distInfo).append("/RECORD,,\n");
    entries.put(distInfo + "/RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
  }
}
