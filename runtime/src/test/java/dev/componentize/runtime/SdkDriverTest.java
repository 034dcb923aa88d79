package dev.componentize.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.abi.CandidateLibrary;
import dev.componentize.core.abi.CheckReport;
import dev.componentize.core.abi.Evidence;
import dev.componentize.core.abi.Policy;
import dev.componentize.core.abi.RuntimeIdentity;
import dev.componentize.core.abi.Severity;
import dev.componentize.core.abi.ToolchainCheck;
import dev.componentize.core.wasm.Export;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.WasmReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's compiler driver, {@code sdk/bin/wasm32-wasi-clang} (complete-bundle.sh adds it): what
 * it builds from C and C++ sources is an extension module the toolchain check accepts under STRICT,
 * with one identity record however many objects, linked against the runtime's own libraries; and
 * what it refuses.
 */
class SdkDriverTest {
  static final Path SOURCES = Path.of("src/test/c/sdk");

  @TempDir static Path work;
  static Path bundle;
  static Path driver;

  @BeforeAll
  static void findDriver() {
    bundle = RuntimeBundle.dir();
    driver = bundle.resolve("sdk/bin/wasm32-wasi-clang");
  }

  @Test
  void twoObjectsGiveALibraryWithOneIdentityRecordThatPassesStrict() throws Exception {
    Path so = build("twice.cpython-313-wasm32-wasi.so", "twice.c", "helper.c");

    List<WasmSections.Custom> ids =
        WasmSections.customSections(so).stream()
            .filter(c -> c.name().equals("componentize.toolchain"))
            .toList();
    assertEquals(1, ids.size(), "one record for two stamped objects (COMDAT)");
    String record = new String(ids.get(0).payload(), StandardCharsets.UTF_8);
    assertTrue(record.startsWith("format=1\ntoolchain=componentize-wasi 1\n"), record);
    byte[] dylink =
        WasmSections.customSections(so).stream()
            .filter(c -> c.name().equals("dylink.0"))
            .findFirst()
            .orElseThrow()
            .payload();
    assertEquals(List.of("libpython3.13.so", "libc.so"), WasmSections.dylinkNeeded(so, dylink));
    assertTrue(
        WasmReader.read(so).exports().stream().map(Export::name).anyMatch("PyInit_twice"::equals));
    assertFalse(
        WasmReader.read(so).imports().stream()
            .map(Import::module)
            .anyMatch("wasi_snapshot_preview1"::equals),
        "libc calls WASI, the extension calls libc");

    CheckReport report =
        new ToolchainCheck(RuntimeIdentity.fromBundle(bundle))
            .check(
                List.of(CandidateLibrary.extension(so.getFileName().toString(), bytes(so))),
                Policy.STRICT);
    assertEquals(1, report.findings().size(), report.findings().toString());
    assertEquals(Severity.INFO, report.findings().get(0).severity());
    assertEquals(Evidence.TOOLCHAIN_SECTION, report.findings().get(0).evidence());
  }

  @Test
  void theCxxDriverBuildsAnExtensionModuleToo() throws Exception {
    Path so =
        build(
            bundle.resolve("sdk/bin/wasm32-wasi-clang++"),
            "cplusplus.cpython-313-wasm32-wasi.so",
            "cplusplus.cpp");

    assertTrue(
        WasmReader.read(so).exports().stream()
            .map(Export::name)
            .anyMatch("PyInit_cplusplus"::equals));
    assertEquals(
        1,
        WasmSections.customSections(so).stream()
            .filter(c -> c.name().equals("componentize.toolchain"))
            .count());
  }

  @Test
  void anUnresolvedSymbolIsALinkErrorNotARunTimeSurprise() throws Exception {
    Result compiled =
        run(driver, "-c", SOURCES.resolve("unresolved.c").toAbsolutePath().toString());
    assertEquals(0, compiled.exit(), compiled.output());

    Result linked = run(driver, "-shared", "-o", "unresolved.so", "unresolved.o");

    assertNotEquals(0, linked.exit());
    assertTrue(linked.output().contains("undefined symbol: no_such_function"), linked.output());
  }

  @Test
  void positionDependentCodeIsRefusedWithTheReason() throws Exception {
    Result result =
        run(driver, "-fno-PIC", "-c", SOURCES.resolve("helper.c").toAbsolutePath().toString());

    assertEquals(2, result.exit());
    assertEquals(
        "wasm32-wasi-clang: -fno-PIC: extension modules are position-independent libraries placed"
            + " into the program's memory at load time; drop -fno-PIC\n",
        result.output());
  }

  private static Path build(String name, String... sources) throws Exception {
    return build(driver, name, sources);
  }

  private static Path build(Path compiler, String name, String... sources) throws Exception {
    List<String> objects = new ArrayList<>();
    for (String source : sources) {
      String object = source + ".o";
      Result compiled =
          run(
              compiler,
              "-O2",
              "-c",
              SOURCES.resolve(source).toAbsolutePath().toString(),
              "-o",
              object);
      assertEquals(0, compiled.exit(), compiled.output());
      objects.add(object);
    }
    List<String> link = new ArrayList<>(List.of("-shared", "-Wl,--strip-debug", "-o", name));
    link.addAll(objects);
    Result linked = run(compiler, link.toArray(String[]::new));
    assertEquals(0, linked.exit(), linked.output());
    assertTrue(linked.output().isEmpty(), "no warnings: " + linked.output());
    return work.resolve(name);
  }

  private static byte[] bytes(Path file) throws Exception {
    return Files.readAllBytes(file);
  }

  record Result(int exit, String output) {}

  private static Result run(Path compiler, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", compiler.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
    return new Result(process.exitValue(), output);
  }
}
