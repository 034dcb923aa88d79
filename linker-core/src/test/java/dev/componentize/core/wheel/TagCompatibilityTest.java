package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wheel.TagCompatibility.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagCompatibilityTest {
  private static final TargetRuntime CP313 = TargetRuntime.CPYTHON_3_13;
  private static final String BUILD =
      "rebuild its extension modules with the runtime bundle's SDK (its compiler driver"
          + " <bundle>/sdk/bin/wasm32-wasi-clang, linked with -shared) and tag the wheel"
          + " cp313-cp313-wasi_0_0_0_wasm32, or use a pure-Python (py3-none-any) wheel of the same"
          + " project if it has one";

  private static WheelTag tag(String text) {
    String[] p = text.split("-");
    return new WheelTag(p[0], p[1], p[2]);
  }

  private static String refusal(String... tags) {
    List<WheelTag> list = java.util.Arrays.stream(tags).map(TagCompatibilityTest::tag).toList();
    return assertThrows(WheelException.class, () -> TagCompatibility.check("x.whl", list, CP313))
        .getMessage();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cp313-cp313-wasi_0_0_0_wasm32",
        "cp313-cp313-wasm32_wasi",
        "cp313-cp313-wasm32_wasip1",
        "cp313-abi3-wasi_0_0_0_wasm32",
        "cp38-abi3-wasi_0_0_0_wasm32",
        "cp32-abi3-any",
        "cp313-none-any",
        "py3-none-any",
        "py313-none-any",
        "py36-none-any",
        "py3-none-wasi_0_0_0_wasm32"
      })
  void acceptsTagsCpython313OnWasiCanLoad(String tag) {
    assertTrue(TagCompatibility.isCompatible(tag(tag), CP313), tag);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cp312-cp312-wasi_0_0_0_wasm32",
        "cp314-abi3-wasi_0_0_0_wasm32",
        "cp312-none-any",
        "py314-none-any",
        "py2-none-any",
        "pp310-pypy310_pp73-any",
        "cp313-cp313t-wasi_0_0_0_wasm32",
        "py3-abi3-any",
        "cp313-cp313-emscripten_3_1_58_wasm32",
        "cp313-cp313-manylinux_2_17_x86_64"
      })
  void refusesTagsCpython313OnWasiCannotLoad(String tag) {
    assertFalse(TagCompatibility.isCompatible(tag(tag), CP313), tag);
  }

  @Test
  void returnsTheFirstFittingTagOfSeveral() throws Exception {
    WheelTag fit =
        TagCompatibility.check(
            "x.whl",
            List.of(tag("py2-none-any"), tag("cp312-cp312-any"), tag("py3-none-any")),
            CP313);

    assertEquals(tag("py3-none-any"), fit);
  }

  @ParameterizedTest
  @CsvSource({
    "any, ANY",
    "wasi_0_0_0_wasm32, WASI",
    "wasi_0_2_wasm32, WASI",
    "wasm32_wasi, WASI",
    "emscripten_3_1_58_wasm32, EMSCRIPTEN",
    "pyodide_2025_0_wasm32, EMSCRIPTEN",
    "pyemscripten_2026_0_wasm32, EMSCRIPTEN",
    "wasm32_emscripten, EMSCRIPTEN",
    "wasix_wasm32, WASIX",
    "manylinux2014_x86_64, HOST",
    "musllinux_1_2_aarch64, HOST",
    "linux_x86_64, HOST",
    "macosx_11_0_arm64, HOST",
    "win_amd64, HOST",
    "win32, HOST",
    "ios_13_0_arm64_iphoneos, HOST",
    "android_21_arm64_v8a, HOST",
    "manylinux1_i686, HOST",
    "plan9_386, UNKNOWN"
  })
  void classifiesPlatformTags(String tag, Platform expected) {
    assertEquals(expected, TagCompatibility.platform(tag));
  }

  @Test
  void explainsWhyPyodideWheelsCannotRunInAComponent() {
    assertEquals(
        "x.whl: built for Emscripten (Pyodide) (platform pyodide_2025_0_wasm32): Emscripten side"
            + " modules use Emscripten's own C ABI and libc and import their system calls from"
            + " JavaScript glue code (env.__syscall_*, env.emscripten_*, env.invoke_*), none of"
            + " which exists in a WASI component. To use it: "
            + BUILD,
        refusal("cp313-cp313-pyodide_2025_0_wasm32"));
  }

  @Test
  void explainsWhyWasixWheelsCannotRunInAComponent() {
    assertEquals(
        "x.whl: built for WASIX (platform wasix_wasm32): WASIX extends WASI with Wasmer-specific"
            + " imports and its own libc, which a component host does not provide. To use it: "
            + BUILD,
        refusal("cp313-cp313-wasix_wasm32"));
  }

  @Test
  void explainsHostPlatformWheels() {
    assertEquals(
        "x.whl: built for a native operating system (platform macosx_11_0_arm64): it contains"
            + " machine code for that system and processor, which cannot run inside WebAssembly."
            + " To use it: "
            + BUILD,
        refusal("cp313-cp313-macosx_11_0_arm64"));
  }

  @Test
  void explainsUnknownPlatforms() {
    assertEquals(
        "x.whl: has platform plan9_386, which is neither 'any' nor a WASI platform"
            + " (wasi_0_0_0_wasm32). To use it: "
            + BUILD,
        refusal("cp313-cp313-plan9_386"));
  }

  @Test
  void explainsInterpreterAndAbiMismatches() {
    assertEquals(
        "x.whl: tag cp313-cp313t-wasi_0_0_0_wasm32 is built for the free-threaded CPython build;"
            + " the runtime is the default CPython 3.13 build: use a wheel tagged cp313-cp313 or"
            + " cp313-abi3",
        refusal("cp313-cp313t-wasi_0_0_0_wasm32"));
    assertEquals(
        "x.whl: tag pp310-pypy310_pp73-any is built for another Python implementation ('pp', e.g."
            + " pp = PyPy); the runtime is CPython 3.13: use a wheel tagged cp313 or py3",
        refusal("pp310-pypy310_pp73-any"));
    assertEquals(
        "x.whl: tag py314-none-any requires Python 3.14 or later; the runtime is CPython 3.13:"
            + " use an older release of the project",
        refusal("py314-none-any"));
    assertEquals(
        "x.whl: tag py2-none-any is built for Python 2; the runtime is CPython 3.13",
        refusal("py2-none-any"));
    assertEquals(
        "x.whl: tag cp311-none-any is for CPython 3.11 only (ABI 'none'); the runtime is CPython"
            + " 3.13: use a wheel tagged cp313-none or py3-none",
        refusal("cp311-none-any"));
    assertEquals(
        "x.whl: tag py3-abi3-any pairs ABI abi3 with 'py3'; abi3 wheels must name cp3x (x >= 2)",
        refusal("py3-abi3-any"));
  }

  @Test
  void prefersThePlatformReasonWhenNoTagHasAnAcceptedPlatform() {
    assertTrue(
        refusal("cp312-cp312-emscripten_3_1_58_wasm32", "cp312-cp312-manylinux1_x86_64")
            .startsWith(
                "x.whl: built for Emscripten (Pyodide) (platform emscripten_3_1_58_wasm32,"
                    + " manylinux1_x86_64)"));
  }

  @Test
  void refusesWheelWithoutTags() {
    assertEquals(
        "x.whl: declares no compatibility tags: rebuild it (python -m build --wheel)", refusal());
  }
}
