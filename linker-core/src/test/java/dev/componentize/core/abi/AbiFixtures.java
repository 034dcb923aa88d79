package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.dylink.DylinkSubsection;
import dev.componentize.core.dylink.TargetFeature;
import dev.componentize.core.dylink.TargetFeaturesSection.Prefix;
import dev.componentize.core.wasm.CodeBuilder;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.GlobalType;
import dev.componentize.core.wasm.MemoryType;
import dev.componentize.core.wasm.ModuleBuilder;
import dev.componentize.core.wasm.ValType;
import dev.componentize.core.wasm.WasmWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds the abi tests' libraries: C fixtures of src/test/c/abi compiled by Debian's clang-19 into
 * PIC wasm libraries (the way the runtime's own libraries are built), and hand-assembled modules
 * for what clang cannot produce (Emscripten side modules).
 */
final class AbiFixtures {
  static final Path SOURCES = Path.of("src/test/c/abi");

  /** The runtime's real sysroot headers: <wasi/toolchain-id.h> and <wasi/version.h.in>. */
  static final Path RUNTIME_INCLUDE = Path.of("../runtime/src/main/sysroot/include");

  /**
   * The features clang-19 records for a default wasm32-wasi object, which is what the runtime's
   * libpython3.13.so carries (wasm-objdump -x -j target_features).
   */
  static final List<TargetFeature> CLANG19_DEFAULT_FEATURES =
      List.of(
          new TargetFeature(Prefix.USED, "multivalue"),
          new TargetFeature(Prefix.USED, "mutable-globals"),
          new TargetFeature(Prefix.USED, "reference-types"),
          new TargetFeature(Prefix.USED, "sign-ext"));

  /** The runtime the tests compare with: what runtime/build-runtime.sh records. */
  static final RuntimeIdentity RUNTIME =
      new RuntimeIdentity(
          "componentize-wasi",
          "1",
          "9886d3d",
          "19.1.7",
          "3.13.5",
          "cpython-313-wasm32-wasi",
          ".cpython-313-wasm32-wasi.so",
          List.of("+multivalue", "+mutable-globals", "+reference-types", "+sign-ext"));

  private AbiFixtures() {}

  static void assumeClang() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/clang-19")),
        "clang-19 is not installed: run scripts/install-toolchain.sh");
  }

  /** A toolchain identity for {@link #library}: the values of the generated <wasi/version.h>. */
  record Identity(String toolchainVersion, String wasiLibc, String sysrootClang) {
    static final Identity RUNTIME = new Identity("1", "9886d3d", "19.1.7");
  }

  /**
   * Compiles {@code sources} (in src/test/c/abi) with {@code flags} into a PIC library {@code
   * out/name}; with an {@code identity}, identity.c is linked in, carrying the
   * componentize.toolchain section the runtime's header emits for those values.
   */
  static byte[] library(
      Path out, String name, Identity identity, List<String> flags, String... sources)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(out.resolve(name + ".build"));
    List<String> objects = new ArrayList<>();
    List<String> all = new ArrayList<>(List.of(sources));
    if (identity != null) {
      assumeTrue(
          Files.isRegularFile(RUNTIME_INCLUDE.resolve("wasi/toolchain-id.h")),
          "runtime/src/main/sysroot/include is not next to linker-core");
      writeVersionHeader(dir.resolve("include/wasi/version.h"), identity);
      all.add("identity.c");
    }
    for (String source : all) {
      Path object = dir.resolve(source + ".o");
      List<String> compile =
          new ArrayList<>(
              List.of("clang-19", "--target=wasm32-wasi", "-O2", "-fPIC", "-fvisibility=default"));
      compile.addAll(flags);
      if (identity != null) {
        compile.addAll(
            List.of(
                "-I",
                dir.resolve("include").toString(),
                "-I",
                RUNTIME_INCLUDE.toAbsolutePath().toString()));
      }
      compile.addAll(
          List.of(
              "-c", SOURCES.resolve(source).toAbsolutePath().toString(), "-o", object.toString()));
      run(dir, compile);
      objects.add(object.toString());
    }
    Path library = out.resolve(name);
    List<String> link =
        new ArrayList<>(
            List.of(
                "clang-19",
                "--target=wasm32-wasi",
                "-shared",
                "-nostdlib",
                "-Wl,--no-entry",
                "-Wl,--allow-undefined",
                "-o",
                library.toString()));
    link.addAll(objects);
    run(dir, link);
    return Files.readAllBytes(library);
  }

  /**
   * {@code source} compiled with {@code -fPIC} and linked {@code -shared} against {@code sysroot}
   * WITHOUT {@code -nostdlib}: the members of the sysroot's static libc.a it uses are linked in.
   */
  static byte[] libraryWithStaticLibc(Path out, String name, Path sysroot, String source)
      throws IOException, InterruptedException {
    Path library = out.resolve(name);
    run(
        out,
        List.of(
            "clang-19",
            "--target=wasm32-wasi",
            "--sysroot=" + sysroot.toAbsolutePath(),
            "-O2",
            "-fPIC",
            "-shared",
            "-Wl,--no-entry",
            "-Wl,--experimental-pic",
            "-Wl,--allow-undefined",
            "-o",
            library.toString(),
            SOURCES.resolve(source).toAbsolutePath().toString()));
    return Files.readAllBytes(library);
  }

  /** {@code source} linked as a static (non-PIC) module: no dylink.0. */
  static byte[] staticModule(Path out, String name, String source)
      throws IOException, InterruptedException {
    Path module = out.resolve(name);
    run(
        out,
        List.of(
            "clang-19",
            "--target=wasm32-wasi",
            "-O2",
            "-nostdlib",
            "-Wl,--no-entry",
            "-Wl,--export-all",
            "-Wl,--allow-undefined",
            "-o",
            module.toString(),
            SOURCES.resolve(source).toAbsolutePath().toString()));
    return Files.readAllBytes(module);
  }

  /** Like runtime/build-runtime.sh: version.h.in with its @...@ placeholders filled in. */
  private static void writeVersionHeader(Path header, Identity identity) throws IOException {
    String template =
        Files.readString(RUNTIME_INCLUDE.resolve("wasi/version.h.in"), StandardCharsets.UTF_8);
    String text =
        template
            .replace("@TOOLCHAIN_VERSION@", identity.toolchainVersion())
            .replace("@WASI_LIBC_REVISION@", identity.wasiLibc())
            .replace("@WASI_LIBC_SOURCE@", "test:wasi-libc/" + identity.wasiLibc())
            .replace("@CLANG_VERSION@", identity.sysrootClang());
    Files.createDirectories(header.getParent());
    Files.writeString(header, text, StandardCharsets.UTF_8);
  }

  /**
   * A side module shaped like Emscripten's (Pyodide's) output: memory, table and base globals from
   * env as DynamicLinking.md prescribes, a dylink.0 section, and the imports only Emscripten's
   * JavaScript runtime provides.
   */
  static byte[] emscriptenSideModule() {
    ModuleBuilder b = new ModuleBuilder();
    FuncType voidVoid = FuncType.of(List.of(), List.of());
    FuncType openat =
        FuncType.of(
            List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));
    FuncType vi = FuncType.of(List.of(ValType.I32, ValType.I32), List.of());
    b.importFunction(
        "env", "emscripten_notify_memory_growth", FuncType.of(List.of(ValType.I32), List.of()));
    b.importFunction("env", "__syscall_openat", openat);
    b.importFunction("env", "invoke_vi", vi);
    b.importFunction(
        "env",
        "__cxa_throw",
        FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of()));
    b.importMemory("env", "memory", MemoryType.of(1));
    b.importGlobal("env", "__memory_base", GlobalType.immutable(ValType.I32));
    b.importGlobal("env", "__table_base", GlobalType.immutable(ValType.I32));
    b.leadingCustomSection(
        new DylinkSection(List.of(new DylinkSubsection.MemInfo(16, 2, 0, 0))).toCustomSection());
    int call =
        b.function(
            voidVoid, new CodeBuilder().i32Const(0).i32Const(0).call(2).end().body(List.of()));
    b.export("__wasm_call_ctors", ExternalKind.FUNC, call);
    return WasmWriter.write(b.build());
  }

  /** A PIC library with nothing but dylink.0 and memory imports: no producers, no identity. */
  static byte[] bareLibrary(CustomSection... extra) {
    return libraryImporting(b -> {}, extra);
  }

  /**
   * A PIC library whose function imports {@code imports} adds, plus memory, {@code
   * env.__memory_base}, dylink.0 and {@code extra} custom sections.
   */
  static byte[] libraryImporting(Consumer<ModuleBuilder> imports, CustomSection... extra) {
    return module(
        imports,
        new DylinkSection(List.of(new DylinkSubsection.MemInfo(0, 0, 0, 0))).toCustomSection(),
        extra);
  }

  /**
   * A module shaped like a PIC library but with {@code leading} as its first custom section where
   * dylink.0 belongs (DynamicLinking.md: it must come first).
   */
  static byte[] module(
      Consumer<ModuleBuilder> imports, CustomSection leading, CustomSection... extra) {
    ModuleBuilder b = new ModuleBuilder();
    imports.accept(b);
    b.importMemory("env", "memory", MemoryType.of(1));
    b.importGlobal("env", "__memory_base", GlobalType.immutable(ValType.I32));
    b.leadingCustomSection(leading);
    for (CustomSection section : extra) {
      b.trailingCustomSection(section);
    }
    return WasmWriter.write(b.build());
  }

  /** Adds a function import {@code module.name} of type () -> (). */
  static void importVoid(ModuleBuilder b, String module, String name) {
    b.importFunction(module, name, FuncType.of(List.of(), List.of()));
  }

  private static void run(Path directory, List<String> command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
