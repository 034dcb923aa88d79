package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.wasm.WasmReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasiFlavourCheckTest {

  @TempDir static Path out;
  static byte[] preview1;
  static byte[] wasip2;
  static byte[] preview0;

  @BeforeAll
  static void compile() throws IOException, InterruptedException {
    AbiFixtures.assumeClang();
    preview1 = AbiFixtures.library(out, "p1.so", null, List.of(), "ext.c");
    wasip2 = AbiFixtures.library(out, "p2.so", null, List.of(), "wasip2.c");
    preview0 = AbiFixtures.library(out, "p0.so", null, List.of(), "preview0.c");
  }

  private static List<String> check(String label, byte[] bytes) {
    List<Finding> findings = new ArrayList<>();
    WasiFlavourCheck.check(
        CandidateLibrary.library(label, bytes),
        WasmReader.read(label, bytes),
        AbiFixtures.RUNTIME,
        findings);
    return findings.stream().map(Finding::toString).toList();
  }

  @Test
  void envGotAndPreview1ImportsAreWhatTheRuntimeProvides() {
    byte[] withWasi =
        AbiFixtures.libraryImporting(
            b -> {
              AbiFixtures.importVoid(b, "wasi_snapshot_preview1", "fd_write");
              AbiFixtures.importVoid(b, "GOT.func", "callback");
            });

    assertEquals(List.of(), check("libp1.so", preview1));
    assertEquals(List.of(), check("libw.so", withWasi));
  }

  @Test
  void wasip2ImportsAreAnErrorThatSaysWhy() {
    assertEquals(
        List.of(
            "ERROR libp2.so: built for WASI 0.2 (wasm32-wasip2): it imports component-model"
                + " interfaces directly (wasi:io/streams@0.2.0), but the runtime and every"
                + " library linked with it call WASI preview 1 (wasi_snapshot_preview1) through"
                + " one shared wasi-libc 9886d3d, which the component's adapter maps onto WASI"
                + " 0.2; a wasip2 build carries another wasi-libc flavour with its own struct"
                + " layouts and file descriptor table; rebuild it for --target=wasm32-wasi"
                + " (preview 1) with "
                + ToolchainCheckTest.SDK
                + " [evidence: the module's imports]"),
        check("libp2.so", wasip2));
  }

  @Test
  void preview0ImportsAreAnError() {
    assertEquals(
        List.of(
            "ERROR libp0.so: imports WASI preview 0 (wasi_unstable: fd_write), but the runtime's"
                + " wasi-libc 9886d3d calls WASI preview 1 (wasi_snapshot_preview1): preview 0"
                + " has other constants and struct layouts, and the component's adapter provides"
                + " only preview 1; rebuild it with "
                + ToolchainCheckTest.SDK
                + " [evidence: the module's imports]"),
        check("libp0.so", preview0));
  }

  @Test
  void wasixImportsAreAnError() {
    byte[] wasix =
        AbiFixtures.libraryImporting(b -> AbiFixtures.importVoid(b, "wasix_32v1", "thread_spawn"));

    List<String> findings = check("libx.so", wasix);

    assertEquals(1, findings.size());
    assertEquals(
        "ERROR libx.so: built for WASIX (imports wasix_32v1: thread_spawn), but WASIX is Wasmer's"
            + " extension of WASI with its own libc, which a component host does not provide;"
            + " rebuild it with "
            + ToolchainCheckTest.SDK
            + " [evidence: the module's imports]",
        findings.get(0));
  }

  @Test
  void unknownImportModulesAreAWarningListingThem() {
    byte[] odd =
        AbiFixtures.libraryImporting(
            b -> {
              AbiFixtures.importVoid(b, "js", "alert");
              AbiFixtures.importVoid(b, "js", "log");
            });

    assertEquals(
        List.of(
            "WARNING libodd.so: imports from js (alert, log), but neither the linker (env,"
                + " GOT.mem, GOT.func) nor WASI preview 1 provides these modules, so linking"
                + " fails unless something else supplies them; check how the library was built;"
                + " rebuild it with "
                + ToolchainCheckTest.SDK
                + " [evidence: the module's imports]"),
        check("libodd.so", odd));
  }
}
