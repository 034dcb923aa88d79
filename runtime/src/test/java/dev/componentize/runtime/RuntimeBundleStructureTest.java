package dev.componentize.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wasm.Export;
import dev.componentize.core.wasm.WasmReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the bundle without running it: the manifest against the files, each library's {@code
 * dylink.0} and {@code componentize.toolchain} sections (read here with our own section walker,
 * independently of the build's Python tool), and the SDK headers; and what complete-bundle.sh adds
 * to the core: the glue library, the pinned preview1 reactor adapter with its licence, and the
 * NOTICE with the third-party licence texts.
 */
class RuntimeBundleStructureTest {

  private static Path bundle;
  private static Map<String, Object> manifest;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readManifest() throws IOException {
    bundle = RuntimeBundle.dir();
    manifest =
        (Map<String, Object>)
            Json.parse(Files.readString(bundle.resolve("manifest.json"), StandardCharsets.UTF_8));
  }

  @Test
  void manifestListsEveryPackagedFileWithItsSha256() throws Exception {
    Set<String> listed = new TreeSet<>();
    for (Map<String, Object> entry : list(manifest.get("files"))) {
      String path = (String) entry.get("path");
      listed.add(path);
      Path file = bundle.resolve(path);
      assertTrue(Files.isRegularFile(file), () -> "manifest lists missing file " + path);
      assertEquals(entry.get("sha256"), sha256(file), () -> "sha256 of " + path);
      assertEquals(((Number) entry.get("size")).longValue(), Files.size(file), path);
    }
    Set<String> present;
    try (Stream<Path> walk = Files.walk(bundle.toRealPath())) {
      Path root = bundle.toRealPath();
      present =
          walk.filter(Files::isRegularFile)
              .map(p -> root.relativize(p).toString().replace('\\', '/'))
              .filter(p -> !p.startsWith("bin/"))
              .filter(p -> !p.equals("manifest.json") && !p.equals(".complete"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(present, listed);
  }

  @Test
  void libpythonNeedsLibcLibdlAndTheEmulatedLibraries() throws IOException {
    List<String> needed = neededOf(bundle.resolve("lib/libpython3.13.so"));
    assertTrue(needed.contains("libc.so"), needed::toString);
    assertTrue(needed.contains("libdl.so"), needed::toString);
    assertTrue(needed.contains("libwasi-emulated-getpid.so"), needed::toString);
    assertTrue(needed.contains("libwasi-emulated-process-clocks.so"), needed::toString);
  }

  @Test
  void manifestNeededListsMatchTheLibraries() throws IOException {
    List<Map<String, Object>> libraries = list(manifest.get("libraries"));
    List<String> soFiles = new ArrayList<>();
    try (Stream<Path> files = Files.list(bundle.resolve("lib"))) {
      files.map(p -> "lib/" + p.getFileName()).filter(n -> n.endsWith(".so")).forEach(soFiles::add);
    }
    assertEquals(
        new TreeSet<>(soFiles),
        libraries.stream().map(l -> (String) l.get("path")).collect(Collectors.toSet()));
    for (Map<String, Object> library : libraries) {
      Path file = bundle.resolve((String) library.get("path"));
      assertEquals(library.get("needed"), neededOf(file), () -> "needed list of " + file);
    }
  }

  @Test
  void everyLibraryCarriesOneToolchainIdentitySectionMatchingTheManifest() throws IOException {
    Map<String, Object> toolchain = map(manifest.get("toolchain"));
    try (Stream<Path> files = Files.list(bundle.resolve("lib"))) {
      for (Path so : files.filter(p -> p.toString().endsWith(".so")).toList()) {
        List<WasmSections.Custom> ids =
            WasmSections.customSections(so).stream()
                .filter(c -> c.name().equals("componentize.toolchain"))
                .toList();
        assertEquals(1, ids.size(), () -> so + " componentize.toolchain sections");
        Map<String, String> id =
            keyValues(new String(ids.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals("1", id.get("format"), so::toString);
        assertEquals(toolchain.get("name") + " " + toolchain.get("version"), id.get("toolchain"));
        assertEquals(toolchain.get("wasiLibcRevision"), id.get("wasi-libc"));
        assertEquals(toolchain.get("clang"), id.get("sysroot-clang"));
        assertTrue(id.get("compiler").startsWith((String) toolchain.get("clang")), id::toString);
        assertEquals("wasm32-wasi", id.get("target"));
      }
    }
  }

  @Test
  void theGlueIsALibraryOfTheBundleNeedingLibpythonAndLibc() throws IOException {
    Path glue = bundle.resolve("lib/libcomponentize.so");
    assertTrue(Files.isRegularFile(glue), "the complete bundle ships the glue");
    assertEquals(List.of("libpython3.13.so", "libc.so"), neededOf(glue));
    assertEquals("lib/libcomponentize.so", map(manifest.get("glue")).get("library"));
    Set<String> exports = exportNames(glue);
    for (String entry : List.of("componentize_init", "componentize_call_export", "cabi_realloc")) {
      assertTrue(exports.contains(entry), () -> "glue exports " + entry + ": " + exports);
    }
  }

  @Test
  void theReactorAdapterIsTheVerifiedJcoFileWithItsLicence() throws Exception {
    Map<String, Object> adapter = map(manifest.get("adapter"));
    Path file = bundle.resolve((String) adapter.get("path"));
    assertEquals(bundle.resolve("adapter/wasi_snapshot_preview1.reactor.wasm"), file);
    // The pin of complete-bundle.sh: the reactor adapter of @bytecodealliance/jco 1.35.0.
    assertEquals("b857310c4753c8fafaa0f890e9ccf978dc3d9dbe8804b1125291a627485041d0", sha256(file));
    assertEquals(adapter.get("sha256"), sha256(file));
    assertEquals("Apache-2.0 WITH LLVM-exception", adapter.get("license"));
    String licence = Files.readString(bundle.resolve((String) adapter.get("licenseFile")));
    assertTrue(licence.contains("Apache License"), "licence text");
    assertTrue(licence.contains("LLVM Exceptions to the Apache 2.0 License"), "LLVM exception");
    // A reactor adapter exports the preview1 functions and imports WASI 0.2.
    Set<String> exports = exportNames(file);
    assertTrue(exports.contains("fd_write"), exports::toString);
    assertTrue(
        WasmReader.read(file).imports().stream().anyMatch(i -> i.module().startsWith("wasi:cli/")),
        "the adapter imports wasi:cli interfaces");
  }

  @Test
  void theNoticeNamesEveryThirdPartyComponentAndItsLicenceTextsExist() throws IOException {
    Map<String, Object> notice = map(manifest.get("notice"));
    assertEquals("NOTICE", notice.get("file"));
    String text = Files.readString(bundle.resolve("NOTICE"));
    for (String component :
        List.of(
            "CPython 3.13.15",
            "Expat",
            "libmpdec",
            "HACL*",
            "zlib",
            "SQLite",
            "wasi-libc",
            "compiler-rt",
            "preview1 reactor adapter")) {
      assertTrue(text.contains(component), () -> "NOTICE names " + component);
    }
    // Every text the NOTICE points at is in the bundle, and every text in licenses/ is named.
    Set<String> named = new TreeSet<>();
    Matcher m = Pattern.compile("licenses/[A-Za-z0-9._/-]+[A-Za-z0-9]").matcher(text);
    while (m.find()) {
      named.add(m.group());
    }
    Set<String> present;
    try (Stream<Path> walk = Files.walk(bundle.resolve("licenses"))) {
      present =
          walk.filter(Files::isRegularFile)
              .map(p -> bundle.relativize(p).toString().replace('\\', '/'))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(present, named);
    assertTrue(
        Files.readString(bundle.resolve("licenses/cpython/LICENSE"))
            .contains("PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2"));
    assertTrue(Files.readString(bundle.resolve("licenses/zlib/LICENSE")).contains("Jean-loup"));
  }

  @Test
  void theCompleteBundleRecordsTheCoreItWasMadeFrom() throws IOException {
    String core = (String) manifest.get("coreBundleKey");
    assertTrue(core != null && core.matches("[0-9a-f]{16}"), () -> "coreBundleKey " + core);
    assertFalse(core.equals(manifest.get("bundleKey")), "the complete bundle has its own key");
    Path coreDir = bundle.toRealPath().getParent().getParent().resolve("runtime").resolve(core);
    if (Files.isDirectory(coreDir)) {
      // Layering never writes into the core: its manifest still describes only the core.
      String coreManifest = Files.readString(coreDir.resolve("manifest.json"));
      assertFalse(coreManifest.contains("libcomponentize.so"), "core manifest untouched");
      assertFalse(Files.exists(coreDir.resolve("adapter")), "no adapter in the core");
    }
  }

  @Test
  void manifestRecordsTheWasiPythonAbi() {
    Map<String, Object> python = map(manifest.get("python"));
    assertEquals("3.13.15", python.get("version"));
    assertEquals("cpython-313-wasm32-wasi", python.get("soabi"));
    assertEquals(".cpython-313-wasm32-wasi.so", python.get("extSuffix"));
    assertTrue(Files.isDirectory(bundle.resolve((String) python.get("stdlib")).resolve("json")));
  }

  @Test
  void sdkShipsTheIdentityHeadersDlfcnAndPythonHeaders() throws IOException {
    Path include = bundle.resolve("sdk/sysroot/include");
    String version = Files.readString(include.resolve("wasi/version.h"));
    assertTrue(version.contains("#define __wasi_toolchain_name__ \"componentize-wasi\""));
    assertFalse(
        version.contains("#define __wasi_sdk_"), "we are not wasi-sdk: no sdk version macros");
    // The complete bundle's header puts the record into a COMDAT (complete-bundle.sh), so that
    // the driver can stamp every object of a library.
    assertTrue(
        Files.readString(include.resolve("wasi/toolchain-id.h"))
            .contains(
                ".custom_section.componentize.toolchain,\\\"G\\\",@,componentize.toolchain,comdat"));
    assertTrue(Files.readString(include.resolve("dlfcn.h")).contains("dlopen"));
    assertTrue(Files.isRegularFile(bundle.resolve("sdk/include/python3.13/Python.h")));
  }

  @Test
  void sdkShipsTheCompilerDriversTheManifestNames() throws IOException {
    Map<String, Object> sdk = map(manifest.get("sdk"));
    assertEquals("sdk/bin/wasm32-wasi-clang", sdk.get("cc"));
    assertEquals("sdk/bin/wasm32-wasi-clang++", sdk.get("cxx"));
    for (Object driver : sdk.values()) {
      Path file = bundle.resolve((String) driver);
      assertTrue(Files.isExecutable(file), () -> file + " is an executable script");
      assertTrue(Files.readString(file).startsWith("#!/usr/bin/env bash\n"), file::toString);
    }
  }

  private static List<String> neededOf(Path so) throws IOException {
    byte[] dylink =
        WasmSections.customSections(so).stream()
            .filter(c -> c.name().equals("dylink.0"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(so + " has no dylink.0 section"))
            .payload();
    return WasmSections.dylinkNeeded(so, dylink);
  }

  private static Set<String> exportNames(Path file) throws IOException {
    return WasmReader.read(file).exports().stream()
        .map(Export::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, String> keyValues(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      values.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return values;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
