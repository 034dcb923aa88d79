package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.dylink.ProducersSection;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmscriptenSignalsTest {

  static final String EXPECTS =
      " Emscripten's JavaScript runtime (emscripten_*, __syscall_*, invoke_*) and its musl-based"
          + " libc ABI, which a WASI component does not have; rebuild the extension for"
          + " wasm32-wasi with "
          + ToolchainCheckTest.SDK;

  @TempDir static Path out;
  static byte[] wasiLibrary;

  @BeforeAll
  static void compile() throws IOException, InterruptedException {
    AbiFixtures.assumeClang();
    wasiLibrary = AbiFixtures.library(out, "wasi.so", null, List.of(), "ext.c");
  }

  private static EmscriptenSignals signals(CandidateLibrary library) {
    WasmModule module = WasmReader.read(library.label(), library.bytes());
    return EmscriptenSignals.of(library, Optional.of(module));
  }

  private static String message(CandidateLibrary library) {
    return signals(library).finding(library, AbiFixtures.RUNTIME).message();
  }

  @Test
  void sideModuleImportsAreRefusedWithWhyTheyCannotWork() {
    CandidateLibrary library =
        CandidateLibrary.extension(
            "em/_e.cpython-313-wasm32-wasi.so", AbiFixtures.emscriptenSideModule());

    assertEquals(
        "em/_e.cpython-313-wasm32-wasi.so: built for Emscripten (Pyodide), but its imports"
            + " (env.emscripten_notify_memory_growth, env.__syscall_openat, env.invoke_vi,"
            + " env.__cxa_throw) expect"
            + EXPECTS
            + " [evidence: the module's imports]",
        message(library));
  }

  @Test
  void cxaImportsAloneAreNoSignBecauseWasiCppLibrariesHaveThemToo() {
    byte[] cpp =
        AbiFixtures.libraryImporting(
            b -> {
              AbiFixtures.importVoid(b, "env", "__cxa_throw");
              AbiFixtures.importVoid(b, "env", "__cxa_begin_catch");
            });

    assertFalse(signals(CandidateLibrary.library("libcpp.so", cpp)).any());
  }

  @Test
  void asyncifyStateThroughGotMemIsASign() {
    byte[] asyncified =
        AbiFixtures.libraryImporting(b -> AbiFixtures.importVoid(b, "GOT.mem", "__asyncify_state"));

    EmscriptenSignals signals = signals(CandidateLibrary.library("liba.so", asyncified));

    assertEquals(List.of("GOT.mem.__asyncify_state"), signals.imports());
  }

  @Test
  void emscriptenAbiTagInTheFileNameIsEnoughOnItsOwn() {
    CandidateLibrary library =
        CandidateLibrary.extension("m/_m.cpython-312-wasm32-emscripten.so", wasiLibrary);

    assertEquals(
        "m/_m.cpython-312-wasm32-emscripten.so: built for Emscripten (Pyodide), but its file"
            + " name's ABI tag cpython-312-wasm32-emscripten shows it expects"
            + EXPECTS
            + " [evidence: file name's extension suffix]",
        message(library));
  }

  @Test
  void pyodideWheelTagIsReportedAsWeakerEvidence() {
    CandidateLibrary library =
        CandidateLibrary.extensionFromWheel(
            "m/_m.so", wasiLibrary, "m-1.0-cp312-cp312-pyodide_2024_0_wasm32.whl");

    Finding finding = signals(library).finding(library, AbiFixtures.RUNTIME);

    assertEquals(Evidence.WHEEL_TAG, finding.evidence());
    assertTrue(
        finding
            .message()
            .endsWith(
                "[evidence: wheel platform tag: names the platform, not the wasi-libc (weaker"
                    + " evidence)]"),
        finding.message());
  }

  @Test
  void producersNamingEmscriptenIsASign() {
    CustomSection producers =
        new ProducersSection(
                List.of(
                    new ProducersSection.Field(
                        ProducersSection.SDK,
                        List.of(new ProducersSection.Value("Emscripten", "3.1.58")))))
            .toCustomSection();

    EmscriptenSignals signals =
        signals(CandidateLibrary.library("libx.so", AbiFixtures.bareLibrary(producers)));

    assertEquals(Optional.of("Emscripten 3.1.58"), signals.producer());
  }

  @Test
  void plainWasiLibraryShowsNoSign() {
    assertFalse(
        signals(CandidateLibrary.extension("m/_m.cpython-313-wasm32-wasi.so", wasiLibrary)).any());
  }

  @Test
  void manyImportsAreShortenedInTheMessage() {
    byte[] many =
        AbiFixtures.libraryImporting(
            b -> {
              for (String name :
                  List.of(
                      "invoke_v",
                      "invoke_vi",
                      "invoke_ii",
                      "invoke_iii",
                      "invoke_iiii",
                      "invoke_viii",
                      "invoke_iiiii")) {
                AbiFixtures.importVoid(b, "env", name);
              }
            });

    String message = message(CandidateLibrary.library("libm.so", many));

    assertTrue(
        message.contains(
            "its imports (env.invoke_v, env.invoke_vi, env.invoke_ii, env.invoke_iii,"
                + " env.invoke_iiii and 2 more) expect"),
        message);
  }
}
