package dev.componentize.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.componentize.core.abi.CandidateLibrary;
import dev.componentize.core.abi.CheckReport;
import dev.componentize.core.abi.Policy;
import dev.componentize.core.abi.RuntimeIdentity;
import dev.componentize.core.abi.ToolchainCheck;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.run.GuestThread;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import dev.componentize.core.wheel.ExtensionModule;
import dev.componentize.core.wheel.TargetRuntime;
import dev.componentize.core.wheel.UnpackedWheel;
import dev.componentize.core.wheel.WheelFile;
import dev.componentize.core.wheel.WheelLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * The linker's proof on real code (issue 3): the runtime bundle's libraries, a small main and two
 * native extension modules from a wheel are linked into one program and run on Endive with WASI
 * preview1. The extensions' .so files are on no file system the guest sees: CPython reaches them
 * with dlopen, served from the table the linker wrote.
 */
class LinkedCPythonTest {
  private static final String SITE = "/site-packages";
  private static final Path SOURCES = Path.of("src/test/c/linked");

  @TempDir static Path work;
  static ProgramRunner.Prepared program;
  static Path sitePackages;

  @BeforeAll
  static void linkTheProgram() throws Exception {
    Path bundle = RuntimeBundle.dir();
    Path sdk = bundle.resolve("sdk");
    Fixtures fixtures = new Fixtures(sdk, work);
    byte[] main =
        fixtures.sharedLibrary("main.so", "main.c", bundle.resolve("lib/libpython3.13.so"));
    Path square = fixtures.extension("_square.cpython-313-wasm32-wasi.so", "square.c");
    Path cube = fixtures.extension("_cube.cpython-313-wasm32-wasi.so", "cube.c", square);
    Path wheel =
        TestWheels.build(
            work.resolve("fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl"),
            "fastmath",
            "1.0",
            "cp313-cp313-wasi_0_0_0_wasm32",
            List.of(
                new TestWheels.Entry(
                    "fastmath/__init__.py",
                    Files.readAllBytes(SOURCES.resolve("fastmath/__init__.py"))),
                new TestWheels.Entry(
                    "fastmath/_square.cpython-313-wasm32-wasi.so", Files.readAllBytes(square)),
                new TestWheels.Entry(
                    "fastmath/_cube.cpython-313-wasm32-wasi.so", Files.readAllBytes(cube))));
    UnpackedWheel unpacked =
        WheelFile.unpack(
            wheel, work.resolve("site"), TargetRuntime.CPYTHON_3_13, WheelLimits.DEFAULTS);
    sitePackages = unpacked.siteDirectory();

    // Before linking: the extensions must match the runtime's toolchain (strict policy).
    List<CandidateLibrary> candidates = new ArrayList<>();
    for (ExtensionModule extension : unpacked.extensionModules()) {
      candidates.add(CandidateLibrary.of(unpacked, extension));
    }
    CheckReport report =
        new ToolchainCheck(RuntimeIdentity.fromBundle(bundle)).check(candidates, Policy.STRICT);
    assertTrue(report.errors().isEmpty() && report.warnings().isEmpty(), report.toString());

    List<Library> libraries = new ArrayList<>();
    for (String name :
        List.of(
            "libc.so",
            "libwasi-emulated-getpid.so",
            "libwasi-emulated-process-clocks.so",
            "libwasi-emulated-mman.so",
            "libdl.so",
            "libpython3.13.so")) {
      Path file = bundle.resolve("lib").resolve(name);
      if (Files.exists(file)) {
        libraries.add(Library.of(name, Files.readAllBytes(file)));
      }
    }
    libraries.add(Library.of("main.so", main));
    assertEquals(2, unpacked.extensionModules().size(), unpacked.toString());
    for (ExtensionModule extension : unpacked.extensionModules()) {
      String relative = extension.relativePath().toString();
      libraries.add(
          Library.dlOpenable(SITE + "/" + relative, Files.readAllBytes(extension.path())));
    }
    LinkedProgram linked = new Linker(LinkOptions.defaults()).link(libraries);
    program = ProgramRunner.prepare(linked);
  }

  @Test
  void printsTheSumOfOneAndOne() {
    Result result = run("print(1+1)");
    assertEquals("2\n", result.stdout(), result.stderr());
    assertEquals(0, result.exitCode());
  }

  @Test
  void runsJsonDecimalAndHashlib() {
    Result result =
        run(
            "import json, decimal, hashlib\n"
                + "print(json.dumps({'a': [1, 2.5, None]}, sort_keys=True))\n"
                + "print(decimal.Decimal('1.1') + decimal.Decimal('2.2'))\n"
                + "print(hashlib.sha256(b'abc').hexdigest())\n");
    assertEquals(
        "{\"a\": [1, 2.5, null]}\n3.3\n"
            + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n",
        result.stdout(),
        result.stderr());
  }

  @Test
  void importsExtensionModulesThroughTheDlopenTable() {
    Result result =
        run(
            "import os, sys\n"
                + "import fastmath\n"
                + "print(fastmath.square(7), fastmath.cube(3), fastmath.hypotenuse(3.0, 4.0))\n"
                + "print(fastmath._cube.__file__)\n"
                + "print(os.path.exists(fastmath._cube.__file__))\n");
    assertEquals(
        "49 27 5.0\n" + SITE + "/fastmath/_cube.cpython-313-wasm32-wasi.so\nFalse\n",
        result.stdout(),
        result.stderr());
  }

  @Test
  void theGuestSeesNoExtensionFile() {
    Result result = run("import os\n" + "print(sorted(os.listdir('" + SITE + "/fastmath')))\n");
    assertEquals("['__init__.py']\n", result.stdout(), result.stderr());
  }

  record Result(int exitCode, String stdout, String stderr) {}

  /**
   * A meta-path finder for modules whose library is in the dlopen table: the main's _dltable module
   * lists the table's library paths.
   */
  private static final String FINDER =
      "import sys, _dltable, importlib.machinery as _m, importlib.util as _u\n"
          + "class _DlTableFinder:\n"
          + "    @classmethod\n"
          + "    def find_spec(cls, name, path=None, target=None):\n"
          + "        tail = '/' + name.replace('.', '/')\n"
          + "        for lib in _dltable.names():\n"
          + "            for suffix in _m.EXTENSION_SUFFIXES:\n"
          + "                if lib.endswith(tail + suffix):\n"
          + "                    return _u.spec_from_file_location(\n"
          + "                        name, lib, loader=_m.ExtensionFileLoader(name, lib))\n"
          + "        return None\n"
          + "sys.meta_path.insert(0, _DlTableFinder)\n";

  private static Result run(String code) {
    try {
      return GuestThread.call(() -> runOnThisThread(FINDER + code));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Result runOnThisThread(String code) {
    Configuration config = Configuration.unix().toBuilder().setAttributeViews("unix").build();
    try (FileSystem fs = Jimfs.newFileSystem(config)) {
      Path guestHome = fs.getPath("/python");
      copyTree(RuntimeBundle.dir().resolve("python"), guestHome, p -> true);
      Path guestSite = fs.getPath(SITE);
      // Only the pure-Python files: the extension modules exist only inside the program.
      copyTree(sitePackages, guestSite, p -> !p.getFileName().toString().endsWith(".so"));
      assertFalse(Files.exists(guestSite.resolve("fastmath/_cube.cpython-313-wasm32-wasi.so")));
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      WasiOptions options =
          WasiOptions.builder()
              .withArguments(List.of("python", "-c", code))
              .withEnvironment("PYTHONHOME", "/python")
              .withEnvironment("PYTHONPATH", SITE)
              .withEnvironment("PYTHONDONTWRITEBYTECODE", "1")
              .withDirectory("/python", guestHome)
              .withDirectory(SITE, guestSite)
              .withStdout(stdout)
              .withStderr(stderr)
              .build();
      int exitCode;
      try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
        RunningProgram running = program.instantiate(List.of(wasi.toHostFunctions()));
        exitCode = (int) running.function("libc.so", "__main_void").apply()[0];
      } catch (WasiExitException e) {
        exitCode = e.exitCode();
      }
      return new Result(
          exitCode,
          stdout.toString(StandardCharsets.UTF_8),
          stderr.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> keep)
      throws IOException {
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(from)) {
      sources = new ArrayList<>(walk.toList());
    }
    for (Path source : sources) {
      Path target = to.resolve(from.relativize(source).toString());
      if (Files.isDirectory(source)) {
        Files.createDirectories(target);
      } else if (keep.test(source)) {
        Files.copy(source, target);
      }
    }
  }
}
