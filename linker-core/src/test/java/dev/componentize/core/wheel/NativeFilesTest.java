package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeFilesTest {
  private static final TargetRuntime CP313 = TargetRuntime.CPYTHON_3_13;
  private static final String HOST =
      ": native machine code for a host operating system, which cannot run inside WebAssembly."
          + " Use a pure-Python wheel of the project, or cross-compile the extension for"
          + " wasm32-wasi (clang --target=wasm32-wasi -fPIC -shared against the runtime bundle's"
          + " sysroot) so that it is named <module>.cpython-313-wasm32-wasi.so";

  private static Optional<String> module(String path) throws WheelException {
    return NativeFiles.moduleName("x.whl", path, path, CP313);
  }

  private static String refusal(String path) {
    return assertThrows(WheelException.class, () -> module(path)).getMessage();
  }

  private static String headerRefusal(int... bytes) {
    byte[] head = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      head[i] = (byte) bytes[i];
    }
    return assertThrows(
            WheelException.class, () -> NativeFiles.checkHeader("x.whl", "m.so", head, CP313))
        .getMessage();
  }

  @ParameterizedTest
  @CsvSource({
    "pkg/_core.cpython-313-wasm32-wasi.so, pkg._core",
    "pkg/sub/_fast.abi3.so, pkg.sub._fast",
    "_plain.so, _plain"
  })
  void namesExtensionModulesCpythonImports(String path, String module) throws Exception {
    assertEquals(Optional.of(module), module(path));
  }

  @ParameterizedTest
  @CsvSource({"pkg/__init__.py", "pkg/lib.wasm", "pkg/data.so.txt"})
  void leavesOtherFilesAlone(String path) throws Exception {
    assertEquals(Optional.empty(), module(path));
  }

  @Test
  void refusesExtensionModulesForOtherPlatformsAndPythons() {
    assertEquals(
        "x.whl: a/m.cpython-313-x86_64-linux-gnu.so: is built for x86_64-linux-gnu" + HOST,
        refusal("a/m.cpython-313-x86_64-linux-gnu.so"));
    assertEquals(
        "x.whl: a/m.cpython-313-darwin.so: is built for darwin" + HOST,
        refusal("a/m.cpython-313-darwin.so"));
    assertEquals("x.whl: a/m.pyd: is a Windows DLL" + HOST, refusal("a/m.pyd"));
    assertEquals("x.whl: a/m.dylib: is a macOS dynamic library" + HOST, refusal("a/m.dylib"));
    assertEquals(
        "x.whl: a/m.cpython-312-wasm32-wasi.so: is built for CPython 3.12; the runtime is CPython"
            + " 3.13 and extension modules only load into the version they were compiled for:"
            + " rebuild it against CPython 3.13 (or for the stable ABI, named <module>.abi3.so)",
        refusal("a/m.cpython-312-wasm32-wasi.so"));
    assertEquals(
        "x.whl: a/m.cpython-313t-wasm32-wasi.so: is built for CPython 3.13t (ABI flags 't', e.g."
            + " t = free-threaded); the runtime is the default CPython 3.13 build, which imports"
            + " <module>.cpython-313-wasm32-wasi.so",
        refusal("a/m.cpython-313t-wasm32-wasi.so"));
    assertEquals(
        "x.whl: a/m.cpython-313-wasm32-emscripten.so: is an Emscripten (Pyodide) extension module"
            + " (wasm32-emscripten): Emscripten side modules use Emscripten's C ABI and"
            + " JavaScript-provided imports and cannot run in a WASI component; rebuild it for"
            + " wasm32-wasi (clang --target=wasm32-wasi -fPIC -shared against the runtime bundle's"
            + " sysroot), named <module>.cpython-313-wasm32-wasi.so",
        refusal("a/m.cpython-313-wasm32-emscripten.so"));
    assertEquals(
        "x.whl: a/m.cpython-313-wasm32-wasip2.so: is named for platform wasm32-wasip2; CPython"
            + " 3.13 on WASI imports <module>.cpython-313-wasm32-wasi.so",
        refusal("a/m.cpython-313-wasm32-wasip2.so"));
    assertEquals(
        "x.whl: a/m.cp313.so: is a shared library whose suffix CPython 3.13 on WASI does not"
            + " import: extension modules are named <module>.cpython-313-wasm32-wasi.so,"
            + " <module>.abi3.so or <module>.so",
        refusal("a/m.cp313.so"));
  }

  @Test
  void acceptsCoreModuleHeader() {
    assertDoesNotThrow(
        () -> NativeFiles.checkHeader("x.whl", "m.so", TestWheel.WASM_MODULE, CP313));
  }

  @Test
  void refusesContentThatIsNotACoreModule() {
    assertEquals(
        "x.whl: m.so: is a WebAssembly component, not a core module; an extension module must be"
            + " a position-independent core module built with clang -shared (wasm-ld --shared)",
        headerRefusal(0, 'a', 's', 'm', 0x0d, 0, 1, 0));
    assertEquals(
        "x.whl: m.so: has an unsupported WebAssembly binary version; expected version 1",
        headerRefusal(0, 'a', 's', 'm', 2, 0, 0, 0));
    assertEquals(
        "x.whl: m.so: is an ELF (Linux/Unix) binary" + HOST,
        headerRefusal(0x7f, 'E', 'L', 'F', 2, 1, 1, 0));
    assertEquals(
        "x.whl: m.so: is a Mach-O (macOS) binary" + HOST,
        headerRefusal(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1));
    assertEquals("x.whl: m.so: is a Windows PE binary" + HOST, headerRefusal('M', 'Z', 0x90, 0));
    assertEquals(
        "x.whl: m.so: is named like an extension module but is not a WebAssembly module (it does"
            + " not start with \\0asm); rebuild it for wasm32-wasi",
        headerRefusal(0, 'a', 's'));
  }
}
