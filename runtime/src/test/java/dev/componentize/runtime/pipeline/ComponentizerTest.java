package dev.componentize.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeException;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.InvalidConfigurationException;
import dev.componentize.core.abi.Policy;
import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import dev.componentize.core.run.GuestThread;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import run.endive.runtime.Memory;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * The whole pipeline ({@link Componentizer}) on the real runtime bundle: the hello world ({@code
 * src/test/resources/pipeline/hello}: a world whose export returns a string, an app that imports a
 * module from a pure-Python wheel) becomes a pre-initialized program, which is then run again on
 * Endive with no file system at all. The failure cases check the messages users see and that
 * nothing is written.
 */
class ComponentizerTest {
  private static final Path HELLO = PipelineFixtures.RESOURCES.resolve("hello");

  @TempDir static Path work;
  static Path bundle;
  static Path greetingWheel;
  static ComponentizeResult hello;

  @BeforeAll
  static void componentizeHello() throws Exception {
    bundle = PipelineFixtures.builtBundle();
    greetingWheel =
        PipelineFixtures.wheel(
            work.resolve("greeting-1.0-py3-none-any.whl"),
            "greeting",
            "py3-none-any",
            Map.of("greeting/__init__.py", "def salute(name):\n    return f'Hello, {name}!'\n"));
    hello = Componentizer.componentize(config("hello").build());
  }

  /** The hello configuration with its own work directory and output. */
  static ComponentizeConfig.Builder config(String name) {
    return ComponentizeConfig.builder()
        .wit(HELLO.resolve("world.wit"))
        .world("hello")
        .pythonSources(List.of(HELLO))
        .wheels(List.of(greetingWheel))
        .runtimeBundle(bundle)
        .output(work.resolve("out").resolve(name + ".wasm"))
        .workDirectory(work.resolve("work-" + name))
        .preInitializeOnly(true);
  }

  @Test
  void helloRunsEveryStageUpToPreInitializationAndTimesEach() {
    assertEquals("test:hello/hello@0.1.0", hello.world());
    assertEquals(
        List.of(
            Stage.RUNTIME,
            Stage.WIT,
            Stage.BINDINGS,
            Stage.WHEELS,
            Stage.TOOLCHAIN_CHECK,
            Stage.LINK,
            Stage.PRE_INITIALIZE),
        hello.timings().stream().map(StageTiming::stage).toList());
    hello.timings().forEach(t -> System.out.println("stage " + t));
    assertTrue(hello.libraries().contains("libcomponentize.so"), hello.libraries().toString());
    assertTrue(hello.libraries().contains("libworld.so"), hello.libraries().toString());
    assertTrue(hello.output().isEmpty(), "no adapter configured, so no component written");
    assertFalse(Files.exists(work.resolve("out/hello.wasm")));
    assertEquals("", hello.initOutput());
  }

  @Test
  void thePreInitializedProgramAnswersWithoutAnyDirectory() throws Exception {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    WasiOptions options = WasiOptions.builder().withStderr(stderr).build();
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
      String answer =
          GuestThread.call(
              () -> {
                RunningProgram program =
                    ProgramRunner.instantiate(hello.program(), List.of(wasi.toHostFunctions()));
                byte[] name = "Ada".getBytes(StandardCharsets.UTF_8);
                long pointer =
                    program.function("libcomponentize.so", "cabi_realloc")
                        .apply(0, 0, 1, name.length)[0];
                Memory memory = program.memory();
                memory.write((int) pointer, name);
                // greet's string result is two flat values, so the export returns a pointer to
                // the (pointer, length) pair (CanonicalABI.md, MAX_FLAT_RESULTS = 1).
                int result =
                    (int) program.function("libworld.so", "greet").apply(pointer, name.length)[0];
                return memory.readString(memory.readInt(result), memory.readInt(result + 4));
              });
      assertEquals("", stderr.toString(StandardCharsets.UTF_8));
      // The module-level string was computed at build time, when the stdlib was at /python.
      assertEquals("Hello, Ada! (stdlib at /python)", answer);
    }
  }

  @Test
  void anUnknownWorldIsNamedWithTheWorldsThere() {
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () -> Componentizer.componentize(config("unknown").world("nope").build()));
    assertEquals(Optional.of(Stage.WIT), e.stage());
    assertEquals(
        HELLO.resolve("world.wit")
            + ": world 'nope' not found in package test:hello@0.1.0 (worlds there: hello, hello-wasi, other)",
        e.getMessage());
    assertFalse(Files.exists(work.resolve("out/unknown.wasm")));
  }

  @Test
  void aMalformedWitFileIsReportedAtItsLineAndColumn() {
    Path wit = PipelineFixtures.RESOURCES.resolve("malformed/world.wit");
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () -> Componentizer.componentize(config("malformed").wit(wit).world(null).build()));
    assertEquals(Optional.of(Stage.WIT), e.stage());
    assertEquals(wit + ":5:39: expected a type, found ';'", e.getMessage());
  }

  @Test
  void aMissingAppModuleIsNamedWithTheDirectoriesSearched() {
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () -> Componentizer.componentize(config("missing").appModule("main_app").build()));
    assertEquals(Optional.of(Stage.PRE_INITIALIZE), e.stage());
    assertEquals(
        "app module 'main_app' not found: no main_app.py or main_app/__init__.py in ["
            + HELLO
            + ", "
            + work.resolve("work-missing/wheels/0-greeting-1.0-py3-none-any")
            + "]; add it to a Python source directory or configure the app module",
        e.getMessage());
    assertFalse(Files.exists(work.resolve("out/missing.wasm")));
  }

  @Test
  void aCorruptWheelIsRefused() throws Exception {
    Path corrupt = work.resolve("broken-1.0-py3-none-any.whl");
    Files.writeString(corrupt, "this is not a zip archive");
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () -> Componentizer.componentize(config("corrupt").wheels(List.of(corrupt)).build()));
    assertEquals(Optional.of(Stage.WHEELS), e.stage());
    assertEquals(
        "broken-1.0-py3-none-any.whl: is not a valid zip archive (Archive is not a ZIP archive);"
            + " the download may be truncated: fetch the wheel again",
        e.getMessage());
    assertFalse(Files.exists(work.resolve("out/corrupt.wasm")));
  }

  @Test
  void anEmscriptenWheelIsRefusedForItsPlatform() throws Exception {
    Path emscripten =
        PipelineFixtures.wheel(
            work.resolve("fastmath-1.0-cp313-cp313-emscripten_3_1_58_wasm32.whl"),
            "fastmath",
            "cp313-cp313-emscripten_3_1_58_wasm32",
            Map.of("fastmath/__init__.py", ""));
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () ->
                Componentizer.componentize(
                    config("emscripten").wheels(List.of(emscripten)).build()));
    assertEquals(Optional.of(Stage.WHEELS), e.stage());
    assertEquals(
        "fastmath-1.0-cp313-cp313-emscripten_3_1_58_wasm32.whl: built for Emscripten (Pyodide)"
            + " (platform emscripten_3_1_58_wasm32): Emscripten side modules use Emscripten's own"
            + " C ABI and libc and import their system calls from JavaScript glue code"
            + " (env.__syscall_*, env.emscripten_*, env.invoke_*), none of which exists in a WASI"
            + " component. To use it: rebuild its extension modules with the runtime bundle's SDK"
            + " (its compiler driver <bundle>/sdk/bin/wasm32-wasi-clang, linked with"
            + " -shared) and tag the wheel cp313-cp313-wasi_0_0_0_wasm32, or use a pure-Python"
            + " (py3-none-any) wheel of the same project if it has one",
        e.getMessage());
    assertFalse(Files.exists(work.resolve("out/emscripten.wasm")));
    assertFalse(
        Files.exists(
            work.resolve(
                "work-emscripten/wheels/0-fastmath-1.0-cp313-cp313-emscripten_3_1_58_wasm32")),
        "a refused wheel leaves no directory");
  }

  @Test
  void underWarnALaterFailureCarriesTheWarningsOfTheToolchainCheck() throws Exception {
    // An empty core module: no dylink.0, so the check's error becomes a warning under WARN and
    // the link, which cannot place it, fails.
    Path staticModule =
        PipelineFixtures.binaryWheel(
            work.resolve("nopic-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl"),
            "nopic",
            "cp313-cp313-wasi_0_0_0_wasm32",
            Map.of(
                "nopic/_m.cpython-313-wasm32-wasi.so", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}));
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () ->
                Componentizer.componentize(
                    config("warn")
                        .wheels(List.of(staticModule))
                        .toolchainPolicy(Policy.WARN)
                        .build()));

    assertEquals(Optional.of(Stage.LINK), e.stage());
    assertTrue(
        e.getMessage()
            .contains(
                "\n(the toolchain check, policy WARN, had reported 1 warning:\n  -"
                    + " nopic/_m.cpython-313-wasm32-wasi.so (from"
                    + " nopic-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl): has no dylink.0 section"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(" [an error under policy STRICT, reported as a warning by policy WARN])"),
        e.getMessage());
  }

  @Test
  void aBundleWithoutTheGlueSaysSo() throws Exception {
    Path bare =
        PipelineFixtures.bundleWithout(
            work.resolve("bundle-without-glue"), "lib/libcomponentize.so");
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () -> Componentizer.componentize(config("bare").runtimeBundle(bare).build()));
    assertEquals(Optional.of(Stage.RUNTIME), e.stage());
    assertEquals(
        bare.toAbsolutePath()
            + ": is not a complete runtime bundle: it has no lib/libcomponentize.so (the Python"
            + " glue); use a complete bundle (the componentize-runtime artifact, or"
            + " runtime/complete-bundle.sh)",
        e.getMessage());
  }

  @Test
  void aBundleWithoutTheAdapterSaysSoBeforeAnySlowStage() throws Exception {
    Path bare =
        PipelineFixtures.bundleWithout(
            work.resolve("bundle-without-adapter"), ComponentizeConfig.BUNDLED_ADAPTER);
    long start = System.nanoTime();
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () ->
                Componentizer.componentize(
                    config("no-adapter").runtimeBundle(bare).preInitializeOnly(false).build()));
    // The manifest lists the adapter: the bundle's verification finds it missing.
    assertEquals(Optional.of(Stage.RUNTIME), e.stage());
    assertEquals(
        bare.toAbsolutePath().resolve(ComponentizeConfig.BUNDLED_ADAPTER)
            + ": is listed in the runtime bundle's manifest.json but missing; the bundle is"
            + " incomplete: delete the unpacked runtime (mvn clean) so it is unpacked again, or"
            + " rebuild the bundle (runtime/build-runtime.sh and runtime/complete-bundle.sh)",
        e.getMessage());
    assertFalse(Files.exists(work.resolve("work-no-adapter/bindings")), "failed before bindings");
    assertFalse(Files.exists(work.resolve("out/no-adapter.wasm")));
  }

  @Test
  void aWorldImportingAnotherWasiVersionIsRefusedBeforeAnySlowStage() throws Exception {
    Path wit = work.resolve("old-wasi/world.wit");
    Files.createDirectories(wit.getParent());
    Files.writeString(
        wit,
        "package test:old;\n"
            + "world old {\n"
            + "  import wasi:clocks/wall-clock@0.2.0;\n"
            + "  export greet: func(name: string) -> string;\n"
            + "}\n"
            + "package wasi:clocks@0.2.0 {\n"
            + "  interface wall-clock {\n"
            + "    record datetime { seconds: u64, nanoseconds: u32 }\n"
            + "    now: func() -> datetime;\n"
            + "  }\n"
            + "}\n");
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () ->
                Componentizer.componentize(
                    config("old-wasi").wit(wit).world(null).preInitializeOnly(false).build()));
    assertEquals(Optional.of(Stage.WIT), e.stage());
    assertEquals(
        "world test:old/old in "
            + wit
            + ": the world imports 'wasi:clocks/wall-clock@0.2.0', but the WASI preview1 adapter"
            + " (through which CPython reaches the system) needs 'wasi:clocks/wall-clock@0.2.12';"
            + " import version 0.2.12 of the WASI interfaces, or leave them out of the world: the"
            + " component gets the ones the adapter needs automatically",
        e.getMessage());
    assertFalse(Files.exists(work.resolve("work-old-wasi/bindings")), "failed before bindings");
  }

  @Test
  void theConfigurationRefusesValuesThatCannotWork() {
    InvalidConfigurationException module =
        assertThrows(
            InvalidConfigurationException.class, () -> config("bad").appModule("my-app").build());
    assertEquals(
        "app module 'my-app' is not a Python module name (e.g. app or my_pkg.app)",
        module.getMessage());
    InvalidConfigurationException stack =
        assertThrows(
            InvalidConfigurationException.class, () -> config("bad").stackSize(1000).build());
    assertEquals(
        "stack size 1000 must be a multiple of 16 and at least 65536 bytes", stack.getMessage());
    assertThrows(NullPointerException.class, () -> config("bad").output(null).build());
  }

  @Test
  void aConfigurationRoundTripsThroughItsBuilder() {
    ComponentizeConfig config = config("copy").appModule("pkg.main").stackSize(2 << 20).build();
    assertEquals(config, config.toBuilder().build());
    assertEquals(
        "app",
        ComponentizeConfig.builder()
            .wit(HELLO)
            .runtimeBundle(bundle)
            .output(HELLO)
            .workDirectory(HELLO)
            .build()
            .appModule());
  }
}
