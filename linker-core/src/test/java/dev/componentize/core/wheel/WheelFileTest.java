package dev.componentize.core.wheel;

import static dev.componentize.core.wheel.TestWheel.WASM_MODULE;
import static dev.componentize.core.wheel.TestWheel.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelFileTest {
  private static final TargetRuntime RUNTIME = TargetRuntime.CPYTHON_3_13;
  private static final String FIX =
      ". The wheel is malformed or hostile: do not use it; get the wheel from its project's"
          + " release or rebuild it with a standard tool (python -m build --wheel)";
  private static final String BUILD =
      "rebuild its extension modules with the runtime bundle's SDK (its compiler driver"
          + " <bundle>/sdk/bin/wasm32-wasi-clang, linked with -shared) and tag the wheel"
          + " cp313-cp313-wasi_0_0_0_wasm32, or use a pure-Python (py3-none-any) wheel of the same"
          + " project if it has one";

  @TempDir Path dir;
  private Path in;
  private Path out;
  private Path target;

  @BeforeEach
  void directories() throws IOException {
    in = Files.createDirectory(dir.resolve("in"));
    out = Files.createDirectory(dir.resolve("out"));
    target = out.resolve("site");
  }

  @Test
  void unpacksPurePythonWheelIntoSitePackages() throws Exception {
    TestWheel built = TestWheel.pure("demo", "1.0").text("demo/data/table.txt", "a,b\n");
    Path wheel = built.write(in);

    UnpackedWheel unpacked = WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS);

    assertEquals(target, unpacked.siteDirectory());
    assertEquals("demo", unpacked.wheel().distribution());
    assertEquals("1.0", unpacked.wheel().version());
    assertEquals("py3-none-any", unpacked.tag().toString());
    assertEquals(
        List.of(
            Path.of("demo/__init__.py"),
            Path.of("demo/data/table.txt"),
            Path.of("demo-1.0.dist-info/WHEEL"),
            Path.of("demo-1.0.dist-info/RECORD")),
        unpacked.pythonFiles());
    assertEquals(List.of(), unpacked.extensionModules());
    for (Map.Entry<String, byte[]> e : built.entries().entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(target.resolve(e.getKey())), e.getKey());
    }
    assertEquals(Set.of(target), Set.copyOf(list(out)), "no staging directory left beside it");
  }

  @Test
  void unpacksNativeWheelAndListsExtensionModulesApart() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp313-cp313-wasi_0_0_0_wasm32")
            .platlib()
            .text("fastmath/__init__.py", "from ._core import add\n")
            .file("fastmath/_core.cpython-313-wasm32-wasi.so", WASM_MODULE)
            .file("fastmath/_simd.abi3.so", WASM_MODULE)
            .write(in);

    UnpackedWheel unpacked = WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS);

    assertEquals(
        List.of(
            new ExtensionModule(
                target.resolve("fastmath/_core.cpython-313-wasm32-wasi.so"),
                Path.of("fastmath/_core.cpython-313-wasm32-wasi.so"),
                "fastmath._core"),
            new ExtensionModule(
                target.resolve("fastmath/_simd.abi3.so"),
                Path.of("fastmath/_simd.abi3.so"),
                "fastmath._simd")),
        unpacked.extensionModules());
    assertEquals(
        List.of(
            Path.of("fastmath/__init__.py"),
            Path.of("fastmath-1.0.dist-info/WHEEL"),
            Path.of("fastmath-1.0.dist-info/RECORD")),
        unpacked.pythonFiles());
    assertArrayEquals(
        WASM_MODULE,
        Files.readAllBytes(target.resolve("fastmath/_core.cpython-313-wasm32-wasi.so")));
    assertFalse(unpacked.wheel().metadata().rootIsPurelib());
  }

  @Test
  void mapsDataPurelibAndPlatlibIntoSiteRootAndSkipsScripts() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .text("demo-1.0.data/purelib/extra.py", "X = 1\n")
            .file("demo-1.0.data/platlib/fast.cpython-313-wasm32-wasi.so", WASM_MODULE)
            .text("demo-1.0.data/scripts/demo-tool", "#!python\n")
            .write(in);

    UnpackedWheel unpacked = WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS);

    assertTrue(unpacked.pythonFiles().contains(Path.of("extra.py")));
    assertEquals("X = 1\n", Files.readString(target.resolve("extra.py")));
    assertEquals(
        List.of(
            new ExtensionModule(
                target.resolve("fast.cpython-313-wasm32-wasi.so"),
                Path.of("fast.cpython-313-wasm32-wasi.so"),
                "fast")),
        unpacked.extensionModules());
    assertEquals(List.of("demo-1.0.data/scripts/demo-tool"), unpacked.skippedEntries());
    assertFalse(Files.exists(target.resolve("demo-1.0.data")));
  }

  @Test
  void reportsAbsoluteFilesEvenForARelativeTarget() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp313-cp313-wasi_0_0_0_wasm32")
            .file("fastmath/_core.cpython-313-wasm32-wasi.so", WASM_MODULE)
            .write(in);
    Path relativeTarget = Path.of("").toAbsolutePath().relativize(target);

    UnpackedWheel unpacked = WheelFile.unpack(wheel, relativeTarget, RUNTIME, WheelLimits.DEFAULTS);

    assertEquals(target, unpacked.siteDirectory());
    ExtensionModule module = unpacked.extensionModules().get(0);
    assertTrue(module.path().isAbsolute());
    assertArrayEquals(WASM_MODULE, Files.readAllBytes(module.path()));
    assertEquals(module.relativePath(), unpacked.siteDirectory().relativize(module.path()));
  }

  @Test
  void acceptsStoredEntries() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").stored().write(in);

    UnpackedWheel unpacked = WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS);

    assertEquals("VALUE = 42\n", Files.readString(target.resolve("demo/__init__.py")));
    assertEquals(3, unpacked.pythonFiles().size());
  }

  @Test
  void acceptsWheelNamedAfterMavenCoordinatesUsingItsWheelFileTags() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").write(in, "demo-wasi-1.0.whl");

    UnpackedWheel unpacked = WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS);

    assertEquals(Optional.empty(), unpacked.wheel().fileName());
    assertEquals("py3-none-any", unpacked.tag().toString());
  }

  @Test
  void readReportsMetadataWithoutWritingAnything() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp313-cp313-wasi_0_0_0_wasm32")
            .tag("cp313-cp313-wasm32_wasi")
            .text("fastmath/__init__.py", "")
            .write(in, "fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.wasm32_wasi.whl");

    Wheel read = WheelFile.read(wheel, WheelLimits.DEFAULTS);

    assertEquals("fastmath-1.0.dist-info", read.distInfo());
    assertEquals("fastmath-1.0.data", read.dataDirectory());
    assertEquals(
        List.of(
            new WheelTag("cp313", "cp313", "wasi_0_0_0_wasm32"),
            new WheelTag("cp313", "cp313", "wasm32_wasi")),
        read.tags());
    assertTrue(read.fileName().isPresent());
    assertEquals(3, read.record().entries().size());
    assertEquals(List.of(), list(out));
  }

  @Test
  void refusesFileWhoseHashDoesNotMatchRecord() throws Exception {
    String forged = TestWheel.sha256(bytes("VALUE = 13\n"));
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .editRecord(r -> r.replace(TestWheel.sha256(bytes("VALUE = 42\n")), forged))
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/__init__.py: sha256 hash does not match RECORD; the file"
            + " was changed after the wheel was built, or the download is corrupt: download or"
            + " rebuild the wheel");
  }

  @Test
  void refusesFileWhoseSizeDoesNotMatchRecord() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .editRecord(r -> r.replaceFirst("demo/__init__.py,(sha256=[^,]+),11", "$0$1,12"))
            .editRecord(r -> r.replace(",11\n", ",12\n"))
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/__init__.py: is 11 bytes but RECORD says 12; the file"
            + " was changed after the wheel was built, or the download is corrupt: download or"
            + " rebuild the wheel");
  }

  @Test
  void refusesWheelWithoutRecord() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").withoutRecord().write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo-1.0.dist-info/RECORD: is missing; every wheel carries"
            + " RECORD, the list of its files with their hashes (PEP 427), without which its"
            + " contents cannot be verified: rebuild the wheel (python -m build --wheel)");
  }

  @Test
  void refusesFileMissingFromRecord() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").unrecorded("demo/extra.py", bytes("x\n")).write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/extra.py: is not listed in demo-1.0.dist-info/RECORD,"
            + " so its contents cannot be verified; the file was added after the wheel was built:"
            + " rebuild the wheel");
  }

  @Test
  void refusesRecordEntryMissingFromArchive() throws Exception {
    String line = "demo/gone.py,sha256=" + TestWheel.sha256(bytes("abc")) + ",3\n";
    Path wheel = TestWheel.pure("demo", "1.0").editRecord(r -> line + r).write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/gone.py: is listed in demo-1.0.dist-info/RECORD but"
            + " missing from the archive; the wheel is incomplete or was edited: download or"
            + " rebuild it");
  }

  @Test
  void refusesPathTraversalAndWritesNothingOutside() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").text("demo/../../evil.py", "boom\n").write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/../../evil.py: the name contains '..', which would write"
            + " outside the target directory (path traversal)"
            + FIX);
    assertFalse(Files.exists(out.resolve("evil.py")));
    assertFalse(Files.exists(dir.resolve("evil.py")));
  }

  @Test
  void refusesAbsolutePath() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").text("/tmp/evil.py", "boom\n").write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: /tmp/evil.py: the name is an absolute path; entries must be"
            + " relative to the wheel's root"
            + FIX);
  }

  @Test
  void refusesDriveLetterPath() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").text("C:/evil.py", "boom\n").write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: C:/evil.py: the name starts with a drive letter, an absolute"
            + " path on Windows; entries must be relative to the wheel's root"
            + FIX);
  }

  @Test
  void refusesBackslashInName() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").text("demo\\..\\..\\evil.py", "boom\n").write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo\\..\\..\\evil.py: the name contains a backslash, which"
            + " Windows tools read as a directory separator, so the entry could land outside the"
            + " target directory; wheel entry names use '/' only"
            + FIX);
  }

  @Test
  void refusesSymbolicLink() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").symlink("demo/passwd", "/etc/passwd").write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/passwd: is a symbolic link; links can point outside the"
            + " target directory, so wheels may not contain them"
            + FIX);
  }

  @Test
  void refusesDuplicateEntryName() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0").unrecorded("demo/__init__.py", bytes("evil()\n")).write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/__init__.py: appears twice in the archive; which copy a"
            + " tool extracts differs between tools, so what was verified need not be what is"
            + " installed"
            + FIX);
  }

  @Test
  void refusesNamesThatDifferOnlyInCase() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .text("demo/Util.py", "A = 1\n")
            .text("demo/util.py", "A = 2\n")
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/util.py: differs from entry 'demo/Util.py' only in"
            + " letter case or Unicode normalisation; the two overwrite each other on"
            + " case-insensitive file systems (macOS, Windows)"
            + FIX);
  }

  @Test
  void refusesNamesThatDifferOnlyInUnicodeNormalisation() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .text("demo/caf\u00e9.py", "A = 1\n")
            .text("demo/cafe\u0301.py", "A = 2\n")
            .write(in);

    WheelException e = assertRefused(wheel, null);
    assertEquals(Optional.of("demo/cafe\u0301.py"), e.entry());
  }

  @Test
  void refusesFileUsedAsDirectoryByAnotherEntry() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .text("demo/util", "file\n")
            .text("demo/util/x.py", "dir\n")
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/util: is a file, but other entries use demo/util as a"
            + " directory"
            + FIX);
  }

  @Test
  void refusesZipBombByCompressionRatio() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").file("demo/blob.bin", new byte[8 << 20]).write(in);
    assertTrue(Files.size(wheel) < 64 << 10, "8 MiB of zeros deflates to a few KiB");

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/blob.bin: inflates more than 100 times its compressed"
            + " size, the signature of a zip bomb; if the wheel is genuine, raise the compression"
            + " ratio limit");
  }

  @Test
  void refusesEntryThatInflatesBeyondItsDeclaredSize() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").file("demo/blob.bin", new byte[4 << 20]).write(in);
    declareUncompressedSize(wheel, "demo/blob.bin", 1000);
    WheelLimits noRatio = new WheelLimits(100, 1L << 30, 1L << 30, Integer.MAX_VALUE, 0);

    WheelException e =
        assertThrows(WheelException.class, () -> WheelFile.unpack(wheel, target, RUNTIME, noRatio));

    assertEquals(
        "demo-1.0-py3-none-any.whl: demo/blob.bin: inflates to more than the 1000 bytes its zip"
            + " header declares; the archive is corrupt or hostile (a zip bomb)"
            + FIX,
        e.getMessage());
    assertNothingLeft(wheel);
  }

  @Test
  void refusesEntryOverPerFileLimit() throws Exception {
    byte[] noise = new byte[5000];
    new Random(7).nextBytes(noise);
    Path wheel = TestWheel.pure("demo", "1.0").file("demo/noise.bin", noise).write(in);
    WheelLimits small = new WheelLimits(100, 4096, 1L << 20, 100, 0);

    WheelException e =
        assertThrows(WheelException.class, () -> WheelFile.unpack(wheel, target, RUNTIME, small));

    assertEquals(
        "demo-1.0-py3-none-any.whl: demo/noise.bin: is 5000 bytes or more, over the limit of"
            + " 4096 bytes per file; if the wheel is genuine, raise the per-file size limit",
        e.getMessage());
    assertNothingLeft(wheel);
  }

  @Test
  void refusesWheelOverTotalLimitAndRemovesWhatWasWritten() throws Exception {
    byte[] noise = new byte[4000];
    new Random(7).nextBytes(noise);
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .file("demo/a.bin", noise)
            .file("demo/b.bin", noise)
            .file("demo/c.bin", noise)
            .write(in);
    WheelLimits small = new WheelLimits(100, 1L << 20, 10_000, 100, 0);

    WheelException e =
        assertThrows(WheelException.class, () -> WheelFile.unpack(wheel, target, RUNTIME, small));

    assertEquals(
        "demo-1.0-py3-none-any.whl: demo/c.bin: the wheel inflates to more than the limit of"
            + " 10000 bytes in total; if the wheel is genuine, raise the total size limit",
        e.getMessage());
    assertNothingLeft(wheel);
  }

  @Test
  void refusesTooManyEntries() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").text("demo/a.py", "").write(in);
    WheelLimits few = new WheelLimits(3, 1L << 20, 1L << 20, 100, 0);

    WheelException e =
        assertThrows(WheelException.class, () -> WheelFile.unpack(wheel, target, RUNTIME, few));

    assertEquals(
        "demo-1.0-py3-none-any.whl: has 4 entries, more than the limit of 3; if the wheel is"
            + " genuine, raise the entry limit",
        e.getMessage());
    assertNothingLeft(wheel);
  }

  @Test
  void refusesEmscriptenWheel() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp313-cp313-emscripten_3_1_58_wasm32")
            .file("fastmath/_core.cpython-313-wasm32-emscripten.so", WASM_MODULE)
            .write(in);

    assertRefused(
        wheel,
        "fastmath-1.0-cp313-cp313-emscripten_3_1_58_wasm32.whl: built for Emscripten (Pyodide)"
            + " (platform emscripten_3_1_58_wasm32): Emscripten side modules use Emscripten's own"
            + " C ABI and libc and import their system calls from JavaScript glue code"
            + " (env.__syscall_*, env.emscripten_*, env.invoke_*), none of which exists in a WASI"
            + " component. To use it: "
            + BUILD);
  }

  @Test
  void refusesManylinuxWheel() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp313-cp313-manylinux_2_17_x86_64")
            .tag("cp313-cp313-manylinux2014_x86_64")
            .file("fastmath/_core.cpython-313-x86_64-linux-gnu.so", bytes("\u007fELF"))
            .write(in, "fastmath-1.0-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");

    assertRefused(
        wheel,
        "fastmath-1.0-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl: built for a"
            + " native operating system (platform manylinux_2_17_x86_64, manylinux2014_x86_64): it"
            + " contains machine code for that system and processor, which cannot run inside"
            + " WebAssembly. To use it: "
            + BUILD);
  }

  @Test
  void refusesWheelRenamedToClaimOtherTags() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp313-cp313-pyodide_2025_0_wasm32")
            .text("fastmath/__init__.py", "")
            .write(in, "fastmath-1.0-py3-none-any.whl");

    assertRefused(
        wheel,
        "fastmath-1.0-py3-none-any.whl: fastmath-1.0.dist-info/WHEEL: the file name's tags"
            + " (py3-none-any) are not among the WHEEL file's Tag lines"
            + " (cp313-cp313-pyodide_2025_0_wasm32): the wheel was renamed after it was built; use"
            + " it under its original name");
  }

  @Test
  void refusesWheelForAnotherCpythonVersion() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp312-cp312-wasi_0_0_0_wasm32")
            .file("fastmath/_core.cpython-312-wasm32-wasi.so", WASM_MODULE)
            .write(in);

    assertRefused(
        wheel,
        "fastmath-1.0-cp312-cp312-wasi_0_0_0_wasm32.whl: tag cp312-cp312-wasi_0_0_0_wasm32 is"
            + " built for the C ABI of CPython 3.12 (cp312); the runtime is CPython 3.13 and"
            + " extension modules only load into the version they were compiled for: use a wheel"
            + " built for cp313 (or for abi3)");
  }

  @Test
  void refusesHostExtensionModuleInsideWasiTaggedWheel() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp313-cp313-wasi_0_0_0_wasm32")
            .file("fastmath/_core.cpython-313-x86_64-linux-gnu.so", bytes("\u007fELF"))
            .write(in);

    assertRefused(
        wheel,
        "fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl:"
            + " fastmath/_core.cpython-313-x86_64-linux-gnu.so: is built for x86_64-linux-gnu:"
            + " native machine code for a host operating system, which cannot run inside"
            + " WebAssembly. Use a pure-Python wheel of the project, or cross-compile the extension"
            + " for wasm32-wasi (clang --target=wasm32-wasi -fPIC -shared against the runtime"
            + " bundle's sysroot) so that it is named <module>.cpython-313-wasm32-wasi.so");
  }

  @Test
  void refusesEmscriptenExtensionModuleInsidePureTaggedWheel() throws Exception {
    Path wheel =
        TestWheel.pure("demo", "1.0")
            .file("demo/_speedups.cpython-313-wasm32-emscripten.so", WASM_MODULE)
            .write(in);

    assertRefused(
        wheel,
        "demo-1.0-py3-none-any.whl: demo/_speedups.cpython-313-wasm32-emscripten.so: is an"
            + " Emscripten (Pyodide) extension module (wasm32-emscripten): Emscripten side modules"
            + " use Emscripten's C ABI and JavaScript-provided imports and cannot run in a WASI"
            + " component; rebuild it for wasm32-wasi (clang --target=wasm32-wasi -fPIC -shared"
            + " against the runtime bundle's sysroot), named <module>.cpython-313-wasm32-wasi.so");
  }

  @Test
  void refusesElfBinaryNamedAsWasiExtensionModule() throws Exception {
    Path wheel =
        new TestWheel("fastmath", "1.0")
            .tag("cp313-cp313-wasi_0_0_0_wasm32")
            .file("fastmath/_core.cpython-313-wasm32-wasi.so", bytes("\u007fELF\u0002\u0001\u0001"))
            .write(in);

    assertRefused(
        wheel,
        "fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl:"
            + " fastmath/_core.cpython-313-wasm32-wasi.so: is an ELF (Linux/Unix) binary: native"
            + " machine code for a host operating system, which cannot run inside WebAssembly. Use"
            + " a pure-Python wheel of the project, or cross-compile the extension for wasm32-wasi"
            + " (clang --target=wasm32-wasi -fPIC -shared against the runtime bundle's sysroot) so"
            + " that it is named <module>.cpython-313-wasm32-wasi.so");
  }

  @Test
  void refusesFileThatIsNotAZipArchive() throws Exception {
    Path wheel = Files.write(in.resolve("demo-1.0-py3-none-any.whl"), bytes("<html>404</html>"));

    WheelException e = assertRefused(wheel, null);

    assertTrue(
        e.getMessage().startsWith("demo-1.0-py3-none-any.whl: is not a valid zip archive ("),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("); the download may be truncated: fetch the wheel again"),
        e.getMessage());
  }

  @Test
  void refusesToUnpackOverAnExistingTarget() throws Exception {
    Path wheel = TestWheel.pure("demo", "1.0").write(in);
    Files.createDirectory(target);
    Files.writeString(target.resolve("keep.txt"), "mine");

    assertThrows(
        FileAlreadyExistsException.class,
        () -> WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS));

    assertEquals("mine", Files.readString(target.resolve("keep.txt")));
  }

  @Test
  void unpacksRealPurePythonWheelFromPypi() throws Exception {
    Path wheel = copyResource("six-1.17.0-py2.py3-none-any.whl", "six-1.17.0-py2.py3-none-any.whl");

    UnpackedWheel unpacked = WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS);

    assertEquals("py3-none-any", unpacked.tag().toString());
    assertEquals(
        List.of(
            Path.of("six.py"),
            Path.of("six-1.17.0.dist-info/LICENSE"),
            Path.of("six-1.17.0.dist-info/METADATA"),
            Path.of("six-1.17.0.dist-info/WHEEL"),
            Path.of("six-1.17.0.dist-info/top_level.txt"),
            Path.of("six-1.17.0.dist-info/RECORD")),
        unpacked.pythonFiles());
    assertEquals(34703, Files.size(target.resolve("six.py")));
  }

  @Test
  void acceptsFileNameNamingOneOfTheWheelsTagsAsAMavenClassifierDoes() throws Exception {
    Path wheel = copyResource("six-1.17.0-py2.py3-none-any.whl", "six-1.17.0-py3-none-any.whl");

    UnpackedWheel unpacked = WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS);

    assertTrue(unpacked.wheel().fileName().isPresent());
    assertEquals("py3-none-any", unpacked.tag().toString());
  }

  @Test
  void refusesRealManylinuxWheelFromPypi() throws Exception {
    String name = "MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl";
    Path wheel = copyResource(name, name);

    assertRefused(
        wheel,
        name
            + ": built for a native operating system (platform manylinux_2_17_x86_64,"
            + " manylinux2014_x86_64): it contains machine code for that system and processor,"
            + " which cannot run inside WebAssembly. To use it: "
            + BUILD);
  }

  @Test
  void refusesRealManylinuxWheelUnderMavenNameByItsWheelFileTags() throws Exception {
    String name = "MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl";
    Path wheel = copyResource(name, "markupsafe-3.0.2.whl");

    WheelException e = assertRefused(wheel, null);

    assertTrue(
        e.getMessage().startsWith("markupsafe-3.0.2.whl: built for a native operating system"),
        e.getMessage());
  }

  @Test
  void refusesRealManylinuxWheelRenamedToLookPure() throws Exception {
    String name = "MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl";
    Path wheel = copyResource(name, "markupsafe-3.0.2-py3-none-any.whl");

    assertRefused(
        wheel,
        "markupsafe-3.0.2-py3-none-any.whl: MarkupSafe-3.0.2.dist-info/WHEEL: the file name's tags"
            + " (py3-none-any) are not among the WHEEL file's Tag lines"
            + " (cp313-cp313-manylinux_2_17_x86_64, cp313-cp313-manylinux2014_x86_64): the wheel"
            + " was renamed after it was built; use it under its original name");
  }

  /**
   * Damaged archives must end in a WheelException (or, if the damage hit nothing that matters, an
   * accepted wheel), never in another exception, and must leave nothing behind. The bytes changed
   * are those of the zip central directory and the last entries, where the structure is; the seeds
   * are fixed so that a failure reproduces.
   */
  @Test
  void damagedArchivesOnlyEverFailWithWheelException() throws Exception {
    byte[] original =
        Files.readAllBytes(copyResource("six-1.17.0-py2.py3-none-any.whl", "original.whl"));
    Files.delete(in.resolve("original.whl"));
    int refused = 0;
    for (int seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      byte[] damaged = original.clone();
      for (int i = 1 + random.nextInt(6); i > 0; i--) {
        damaged[damaged.length - 1 - random.nextInt(1200)] = (byte) random.nextInt(256);
      }
      Path wheel = Files.write(in.resolve("six-1.17.0-py2.py3-none-any.whl"), damaged);
      try {
        WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS);
        dev.componentize.core.files.FileKit.deleteRecursively(target);
      } catch (WheelException e) {
        refused++;
        assertNothingLeft(wheel);
      }
    }
    assertTrue(refused > 165, "most damage must be detected, was " + refused + " of 200");
  }

  private Path copyResource(String resource, String fileName) throws IOException {
    try (var stream = getClass().getResourceAsStream("/wheel/" + resource)) {
      Path copy = in.resolve(fileName);
      Files.copy(stream, copy);
      return copy;
    }
  }

  /**
   * Asserts that unpacking is refused with {@code message} (unless null), that the target does not
   * exist, and that the only files under the test directory are the wheels themselves.
   */
  private WheelException assertRefused(Path wheel, String message) throws IOException {
    WheelException e =
        assertThrows(
            WheelException.class,
            () -> WheelFile.unpack(wheel, target, RUNTIME, WheelLimits.DEFAULTS));
    if (message != null) {
      assertEquals(message, e.getMessage());
    }
    assertNothingLeft(wheel);
    return e;
  }

  private void assertNothingLeft(Path wheel) throws IOException {
    assertFalse(Files.exists(target), "target must not exist after a refusal");
    try (Stream<Path> all = Files.walk(dir)) {
      Set<Path> files = all.filter(Files::isRegularFile).collect(Collectors.toSet());
      assertEquals(Set.of(wheel), files, "only the wheel itself may be on disk");
    }
    assertEquals(List.of(), list(out), "no staging directory may be left");
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.toList();
    }
  }

  /**
   * Rewrites the uncompressed size of one entry in the zip central directory (APPNOTE 4.3.12: the
   * header starts with signature 0x02014b50; the uncompressed size is at offset 24, the name length
   * at 28 and the name at 46), making the header lie about what the entry inflates to.
   */
  private static void declareUncompressedSize(Path zip, String entry, int size) throws IOException {
    byte[] bytes = Files.readAllBytes(zip);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 <= bytes.length; i++) {
      if (b.getInt(i) == 0x02014b50 && b.getShort(i + 28) == name.length) {
        String found = new String(bytes, i + 46, name.length, StandardCharsets.UTF_8);
        if (found.equals(entry)) {
          b.putInt(i + 24, size);
          Files.write(zip, bytes);
          return;
        }
      }
    }
    throw new AssertionError("no central directory entry " + entry);
  }
}
