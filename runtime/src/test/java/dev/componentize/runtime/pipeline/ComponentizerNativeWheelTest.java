package dev.componentize.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.run.GuestThread;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import run.endive.runtime.Memory;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * A wheel with a native extension module through the whole pipeline: {@code fastmath._square}
 * (src/test/c/linked/square.c, compiled with clang-19 against the bundle's SDK, with the toolchain
 * identity) in a {@code cp313-cp313-wasi_0_0_0_wasm32} wheel passes the strict toolchain check, is
 * linked as the dl-openable {@code /site-packages/fastmath/_square.cpython-313-wasm32-wasi.so},
 * imported by the app at build time through libdl's table, and still answers from the snapshot when
 * the program runs again with no directories.
 */
class ComponentizerNativeWheelTest {
  @TempDir static Path work;
  static ComponentizeResult result;

  @BeforeAll
  static void componentizeWithANativeWheel() throws Exception {
    Path built = PipelineFixtures.builtBundle();
    byte[] square =
        PipelineFixtures.extensionModule(built.resolve("sdk"), work.resolve("cc"), "square.c");
    Path wheel =
        PipelineFixtures.binaryWheel(
            work.resolve("fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl"),
            "fastmath",
            "cp313-cp313-wasi_0_0_0_wasm32",
            Map.of(
                "fastmath/__init__.py",
                "from ._square import square\n".getBytes(StandardCharsets.UTF_8),
                "fastmath/_square.cpython-313-wasm32-wasi.so",
                square));
    Path app = PipelineFixtures.RESOURCES.resolve("native");
    result =
        Componentizer.componentize(
            ComponentizeConfig.builder()
                .wit(PipelineFixtures.RESOURCES.resolve("hello/world.wit"))
                .world("hello")
                .pythonSources(List.of(app))
                .wheels(List.of(wheel))
                .runtimeBundle(PipelineFixtures.builtBundle())
                .output(work.resolve("out/native.wasm"))
                .workDirectory(work.resolve("work"))
                .preInitializeOnly(true)
                .build());
  }

  @Test
  void theExtensionModuleIsLinkedUnderItsSitePackagesPath() {
    assertEquals(
        List.of("/site-packages/fastmath/_square.cpython-313-wasm32-wasi.so"),
        result.program().dlOpenable());
    assertTrue(result.toolchainReport().errors().isEmpty(), result.toolchainReport().toString());
  }

  @Test
  void theExportCallsTheNativeModuleFromTheSnapshot() throws Exception {
    WasiOptions options = WasiOptions.builder().build();
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
      String answer =
          GuestThread.call(
              () -> {
                RunningProgram program =
                    ProgramRunner.instantiate(result.program(), List.of(wasi.toHostFunctions()));
                byte[] name = "Grace".getBytes(StandardCharsets.UTF_8);
                long pointer =
                    program.function("libcomponentize.so", "cabi_realloc")
                        .apply(0, 0, 1, name.length)[0];
                Memory memory = program.memory();
                memory.write((int) pointer, name);
                int out =
                    (int) program.function("libworld.so", "greet").apply(pointer, name.length)[0];
                return memory.readString(memory.readInt(out), memory.readInt(out + 4));
              });
      assertEquals("Grace: 25", answer);
    }
  }
}
