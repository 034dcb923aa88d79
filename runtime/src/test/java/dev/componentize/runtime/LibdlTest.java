package dev.componentize.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libdl against a lookup table laid out per docs/design/dlopen-table.md: {@code
 * src/test/c/libdl/dl_table_test.c} is compiled with clang-19 against the bundle's {@code
 * sdk/sysroot} (so this also proves the SDK builds programs), linked statically with its {@code
 * libdl.a}, and run on Chicory.
 */
class LibdlTest {

  private static List<String> lines;

  @BeforeAll
  static void compileAndRun(@TempDir Path work) throws Exception {
    Path sysroot = RuntimeBundle.dir().resolve("sdk/sysroot");
    Path wasm = work.resolve("dl_table_test.wasm");
    Process clang =
        new ProcessBuilder(
                "clang-19",
                "--target=wasm32-wasi",
                "--sysroot=" + sysroot,
                "-O2",
                "-Wall",
                "-Werror",
                "-o",
                wasm.toString(),
                Path.of("src/test/c/libdl/dl_table_test.c").toAbsolutePath().toString(),
                "-ldl")
            .redirectErrorStream(true)
            .start();
    String clangOutput = new String(clang.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!clang.waitFor(120, TimeUnit.SECONDS) || clang.exitValue() != 0) {
      throw new AssertionError("clang-19 failed against the bundle's sdk:\n" + clangOutput);
    }

    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    WasiOptions options =
        WasiOptions.builder().withArguments(List.of("dl_table_test")).withStdout(stdout).build();
    int exitCode = 0;
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
      ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
      Instance.builder(Parser.parse(wasm))
          .withImportValues(imports)
          .withStart(false)
          .build()
          .export("_start")
          .apply();
    } catch (WasiExitException e) {
      exitCode = e.exitCode();
    }
    assertEquals(0, exitCode, "exit code of dl_table_test");
    lines = List.of(stdout.toString(StandardCharsets.UTF_8).split("\n"));
  }

  @Test
  void dlopenReturnsTheLibraryRecordOnAnExactPathMatch() {
    assertEquals("first-is-record=1", lines.get(0));
    assertEquals("second-is-record=1", lines.get(1));
  }

  @Test
  void dlsymReturnsTableIndicesAndDataAddresses() {
    assertEquals("sym-b=7 error=none", lines.get(2));
    assertEquals("sym-ba=8 error=none", lines.get(3));
    assertEquals("sym-data=4096 error=none", lines.get(4));
    assertEquals("sym-core=42 error=none", lines.get(5));
  }

  @Test
  void missingSymbolsReportAnErrorOnce() {
    assertEquals("sym-missing=0 error=dlsym: symbol not found in library", lines.get(6));
    assertEquals("after-error=0 error=none", lines.get(7));
  }

  @Test
  void dlopenRefusesPrefixesLongerPathsAndNull() {
    assertEquals(
        "open-prefix=0 error=dlopen: library not linked into this component", lines.get(8));
    assertEquals(
        "open-longer=0 error=dlopen: library not linked into this component", lines.get(9));
    assertEquals(
        "open-null=0 error=dlopen: dlopen(NULL) is not supported (no global symbol namespace)",
        lines.get(10));
  }

  @Test
  void pseudoHandlesAreRefusedAndDlcloseSucceeds() {
    assertEquals(
        "sym-default=0 error=dlsym: RTLD_DEFAULT and RTLD_NEXT are not supported", lines.get(11));
    assertEquals("close=0", lines.get(12));
  }
}
