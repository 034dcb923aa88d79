package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleStructureTest {

  static final String NEEDS =
      "the linker needs position-independent wasm libraries (clang -fPIC -shared output with a"
          + " dylink.0 section)";

  @TempDir Path out;

  private static Finding notWasm(String label, byte[] bytes) {
    WasmFormatException problem =
        assertThrows(WasmFormatException.class, () -> WasmReader.read(label, bytes));
    return ModuleStructure.notWasm(
        CandidateLibrary.library(label, bytes), problem, AbiFixtures.RUNTIME);
  }

  private static List<Finding> isLibrary(String label, byte[] bytes, boolean expected) {
    List<Finding> findings = new ArrayList<>();
    WasmModule module = WasmReader.read(label, bytes);
    assertEquals(
        expected,
        ModuleStructure.isLibrary(
            CandidateLibrary.library(label, bytes), module, AbiFixtures.RUNTIME, findings));
    return findings;
  }

  @Test
  void elfBinaryIsNamedAsNativeCode() throws IOException {
    byte[] java = Files.readAllBytes(Path.of(System.getProperty("java.home"), "bin", "java"));
    assumeTrue(java[1] == 'E', "the JVM binary is not ELF");

    assertEquals(
        "ERROR _h.so: is an ELF binary (native code for Linux or another Unix), not a WebAssembly"
            + " module, but "
            + NEEDS
            + "; rebuild it with "
            + ToolchainCheckTest.SDK
            + " [evidence: the module's structure]",
        notWasm("_h.so", java).toString());
  }

  @Test
  void textFileGetsTheReadersReasonAndOffset() {
    assertEquals(
        "is not a valid WebAssembly core module (not a wasm binary (no \\0asm magic), section"
            + " 'header' at offset 0)",
        notWasm("notes.so", "just some text".getBytes(StandardCharsets.US_ASCII)).found());
  }

  @Test
  void componentIsNotACoreModule() {
    byte[] component = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

    assertEquals(
        "is not a valid WebAssembly core module (this is a component, not a core module (version"
            + " 0x0d, layer 1), section 'header' at offset 4)",
        notWasm("c.so", component).found());
  }

  @Test
  void staticProgramWithoutDylinkIsRefused() throws IOException, InterruptedException {
    AbiFixtures.assumeClang();
    byte[] program = AbiFixtures.staticModule(out, "static.wasm", "ext.c");

    List<Finding> findings = isLibrary("static.wasm", program, false);

    assertEquals(
        List.of(
            "ERROR static.wasm: has no dylink.0 section: it is not a position-independent library"
                + " (a static program, a library linked without -shared, or one stripped by"
                + " wasm-strip, which drops dylink.0), but the linker can only place libraries"
                + " with dylink.0 into the program's shared memory and table; rebuild it with "
                + ToolchainCheckTest.SDK
                + "; strip debug information with -Wl,--strip-debug instead of wasm-strip"
                + " [evidence: the module's structure]"),
        findings.stream().map(Finding::toString).toList());
  }

  @Test
  void legacyDylinkSectionIsRefused() {
    byte[] legacy =
        AbiFixtures.module(b -> {}, new CustomSection("dylink", Bytes.of(new byte[] {0, 0, 0, 0})));

    List<Finding> findings = isLibrary("old.so", legacy, false);

    assertEquals(
        "has only the legacy 'dylink' section: it was built by LLVM before 13 or an old"
            + " Emscripten",
        findings.get(0).found());
  }

  @Test
  void malformedDylinkIsRefusedWithItsOffset() {
    // mem-info subsection (type 1) declaring 9 bytes where only 0 follow.
    byte[] bytes =
        AbiFixtures.module(b -> {}, new CustomSection("dylink.0", Bytes.of(new byte[] {1, 9})));

    List<Finding> findings = isLibrary("bad.so", bytes, false);

    assertTrue(
        findings.get(0).found().startsWith("has a malformed dylink.0 section ("),
        findings.get(0).found());
  }

  @Test
  void picLibraryPasses() {
    assertTrue(isLibrary("ok.so", AbiFixtures.bareLibrary(), true).isEmpty());
  }
}
