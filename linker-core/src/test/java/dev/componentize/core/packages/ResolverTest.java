package dev.componentize.core.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wheel.TargetRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResolverTest {
  static final Map<String, String> ENV =
      TargetEnvironment.of(TargetRuntime.CPYTHON_3_13, "3.13.15");

  @TempDir Path dir;
  TestIndex index;
  PackageCache cache;

  @BeforeEach
  void start() throws IOException {
    index = new TestIndex();
    cache = new PackageCache(dir.resolve("cache"));
  }

  @AfterEach
  void stop() {
    index.close();
  }

  private PyLock lock(boolean pre, String... requirements) throws Exception {
    return PythonPackages.lock(
        roots(requirements),
        List.of(index.url()),
        pre,
        online(),
        cache,
        TargetRuntime.CPYTHON_3_13,
        ENV,
        null);
  }

  private static List<Resolver.Root> roots(String... requirements) {
    return Arrays.stream(requirements)
        .map(r -> new Resolver.Root(Requirement.parse(r), "<packages>"))
        .toList();
  }

  private static IndexHttp online() {
    return new IndexHttp(null, false, Duration.ofSeconds(10));
  }

  private static String versions(PyLock lock) {
    return lock.packages().stream()
        .map(p -> p.name() + " " + p.version())
        .collect(Collectors.joining(", "));
  }

  private PackageException fails(String... requirements) {
    return assertThrows(PackageException.class, () -> lock(false, requirements));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void resolvesTransitiveDependenciesFromJsonAndHtmlPages(boolean json) throws Exception {
    index.json = json;
    index.wheel("python-dateutil", "2.9.0.post0", "six>=1.5");
    index.wheel("six", "1.16.0");
    index.wheel("six", "1.17.0");
    index.wheel("attrs", "24.2.0");
    PyLock lock = lock(false, "python-dateutil>=2.9", "attrs==24.2.0");
    assertEquals("attrs 24.2.0, python-dateutil 2.9.0.post0, six 1.17.0", versions(lock));
    assertEquals(
        List.of("six"),
        lock.packages().stream()
            .filter(p -> p.name().equals("python-dateutil"))
            .findFirst()
            .orElseThrow()
            .dependencies());
  }

  @Test
  void readsPep658MetadataWithoutDownloadingTheWheel() throws Exception {
    index.coreMetadata = true;
    index.wheel("a", "1.0", "b");
    index.wheel("b", "2.0");
    assertEquals("a 1.0, b 2.0", versions(lock(false, "a")));
    assertFalse(Files.exists(cache.root().resolve("sha256")), "no wheel was downloaded");
  }

  @Test
  void evaluatesMarkersForTheWasiRuntime() throws Exception {
    index.wheel(
        "app",
        "1.0",
        "wasi-only; sys_platform == 'wasi' and platform_machine == 'wasm32'",
        "win-only; sys_platform == 'win32'",
        "old-python; python_version < '3.8'",
        "cpython-only; implementation_name == \"cpython\" and python_full_version >= '3.13.0'");
    index.wheel("wasi-only", "1.0");
    index.wheel("cpython-only", "1.0");
    assertEquals("app 1.0, cpython-only 1.0, wasi-only 1.0", versions(lock(false, "app")));
  }

  @Test
  void installsTheDependenciesOfRequestedExtrasOnly() throws Exception {
    index.wheel("web", "1.0", "core", "socks-lib>=2; extra == 'socks'", "never; extra == 'other'");
    index.wheel("core", "1.0");
    index.wheel("socks-lib", "2.1");
    assertEquals("core 1.0, web 1.0", versions(lock(false, "web")));
    assertEquals("core 1.0, socks-lib 2.1, web 1.0", versions(lock(false, "web[socks]")));
  }

  @Test
  void skipsYankedReleasesUnlessPinned() throws Exception {
    index.wheel("lib", "1.0");
    index.wheel("lib", "1.1").yanked = true;
    assertEquals("lib 1.0", versions(lock(false, "lib")));
    assertEquals("lib 1.1", versions(lock(false, "lib==1.1")));
    assertTrue(fails("lib>1.0").getMessage().contains("only yanked releases match (1.1)"));
  }

  @Test
  void excludesPreReleasesUnlessAskedOrNamed() throws Exception {
    index.wheel("lib", "1.0");
    index.wheel("lib", "2.0b1");
    assertEquals("lib 1.0", versions(lock(false, "lib")));
    assertEquals("lib 2.0b1", versions(lock(true, "lib")));
    assertEquals("lib 2.0b1", versions(lock(false, "lib>=2.0b1")));
    assertEquals(
        "package 'lib' ("
            + index.url()
            + "): only pre-releases match (2.0b1); name one (e.g. lib==2.0b1) or allow them with"
            + " <allowPrereleases>true</allowPrereleases>. Required by: lib>=1.5 (required by"
            + " <packages>)",
        fails("lib>=1.5").getMessage());
  }

  @Test
  void skipsReleasesWhoseRequiresPythonExcludesTheRuntime() throws Exception {
    index.wheel("lib", "1.0");
    index.wheel("lib", "2.0").requiresPython = ">=3.14";
    assertEquals("lib 1.0", versions(lock(false, "lib")));
  }

  @Test
  void prefersAWasiWheelOverAPureOne() throws Exception {
    index.wheel("fast", "1.0");
    index.tagged("fast", "1.0", "cp313-cp313-wasi_0_0_0_wasm32");
    index.tagged("fast", "1.0", "cp313-cp313-manylinux_2_17_x86_64");
    PyLock lock = lock(false, "fast");
    assertEquals(
        "fast-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl",
        lock.packages().get(0).wheels().get(0).name());
  }

  @Test
  void backtracksWhenALaterRequirementRulesOutTheChosenRelease() throws Exception {
    index.wheel("a", "1.0", "c");
    index.wheel("b", "1.0", "c<2");
    index.wheel("c", "1.0");
    index.wheel("c", "2.0");
    assertEquals("a 1.0, b 1.0, c 1.0", versions(lock(false, "a", "b")));
  }

  @Test
  void aConflictNamesBothRequirers() throws Exception {
    index.wheel("python-dateutil", "2.9.0", "six>=1.16");
    index.wheel("six", "1.9.0");
    index.wheel("six", "1.16.0");
    assertEquals(
        "package 'six' ("
            + index.url()
            + "): no release satisfies every requirement: six<1.10 (required by <packages>),"
            + " six>=1.16 (required by python-dateutil 2.9.0); releases on the index: 1.16.0,"
            + " 1.9.0",
        fails("six<1.10", "python-dateutil").getMessage());
  }

  @Test
  void anSdistOnlyPackageSaysHowToProvideAWasiWheel() throws Exception {
    index.other("markupsafe", "markupsafe-3.0.2.tar.gz", "not really a tarball".getBytes());
    assertEquals(
        "package 'markupsafe' ("
            + index.url()
            + "): release 3.0.2 has no wheel for the runtime (CPython 3.13 on wasm32-wasi:"
            + " py3-none-any, cp313/abi3 with a WASI platform); the index has only a source"
            + " distribution: markupsafe-3.0.2.tar.gz (building wheels from source distributions is"
            + " not enabled here). Build a wasm32-wasi wheel of it (see examples/native-extension:"
            + " compile against the runtime bundle's SDK and tag it"
            + " cp313-cp313-wasi_0_0_0_wasm32, or py3-none-any if it is pure Python) and add it"
            + " with <wheels> or a <type>whl</type> dependency instead of <packages>. Required by:"
            + " markupsafe (required by <packages>)",
        fails("markupsafe").getMessage());
  }

  @Test
  void aPlatformOnlyPackageNamesTheFilesThatExist() throws Exception {
    index.tagged("native", "1.0", "cp313-cp313-manylinux_2_17_x86_64");
    index.tagged("native", "1.0", "cp313-cp313-win_amd64");
    String message = fails("native").getMessage();
    assertTrue(
        message.contains(
            "the index has only wheels for other platforms:"
                + " native-1.0-cp313-cp313-manylinux_2_17_x86_64.whl,"
                + " native-1.0-cp313-cp313-win_amd64.whl (they hold machine code, not wasm)."),
        message);
  }

  @Test
  void anSdistWithPlatformWheelsNamesBoth() throws Exception {
    index.other("markupsafe", "markupsafe-3.0.2.tar.gz", "not really a tarball".getBytes());
    index.tagged("markupsafe", "3.0.2", "cp313-cp313-manylinux_2_17_x86_64");
    String message = fails("markupsafe").getMessage();
    assertTrue(
        message.contains(
            "; the index has a source distribution (markupsafe-3.0.2.tar.gz), which is not built"
                + " here (building wheels from source distributions is not enabled here), and wheels for other"
                + " platforms only: markupsafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.whl (they"
                + " hold machine code, not wasm). Build a wasm32-wasi wheel of it"),
        message);
  }

  @Test
  void anUnknownPackageIsNotFound() {
    assertEquals(
        "package 'nope' ("
            + index.url()
            + "nope/): not found on the index (HTTP 404): check the name in <packages> and the"
            + " index URL",
        fails("nope").getMessage());
  }

  @Test
  void theLockRoundTripsAndInstallsOfflineFromTheCache() throws Exception {
    index.wheel("python-dateutil", "2.9.0.post0", "six>=1.5");
    index.wheel("six", "1.17.0");
    PyLock lock = lock(false, "python-dateutil>=2.9");
    assertEquals(index.url().toString(), lock.packages().get(0).index().orElseThrow());
    Path file = dir.resolve(PyLock.FILE_NAME);
    lock.write(file);
    PyLock read = PyLock.read(file);
    assertEquals(lock, read);
    Path again = dir.resolve("again.toml");
    read.write(again);
    assertEquals(Files.readString(file), Files.readString(again));
    assertTrue(PythonPackages.mismatch(read, roots("python-dateutil>=2.9"), ENV).isEmpty());
    assertEquals(
        "added attrs; removed python-dateutil>=2.9",
        PythonPackages.mismatch(read, roots("attrs"), ENV).orElseThrow());

    var first =
        PythonPackages.install(read, cache, online(), TargetRuntime.CPYTHON_3_13, ENV, null);
    assertEquals(2, first.wheels().size());
    index.close();
    int before = index.requests.get();
    var offline =
        PythonPackages.install(
            read,
            cache,
            new IndexHttp(null, true, Duration.ofSeconds(1)),
            TargetRuntime.CPYTHON_3_13,
            ENV,
            null);
    assertEquals(first.wheels(), offline.wheels());
    assertEquals(2, offline.fromCache());
    assertEquals(before, index.requests.get());
  }

  @Test
  void aTamperedCacheEntryIsFetchedAgainNeverUsed() throws Exception {
    index.wheel("six", "1.17.0");
    PyLock lock = lock(false, "six");
    Path wheel =
        PythonPackages.install(lock, cache, online(), TargetRuntime.CPYTHON_3_13, ENV, null)
            .wheels()
            .get(0);
    byte[] good = Files.readAllBytes(wheel);
    Files.write(wheel, "tampered".getBytes(StandardCharsets.UTF_8));
    var again =
        PythonPackages.install(lock, cache, online(), TargetRuntime.CPYTHON_3_13, ENV, null);
    assertEquals(1, again.downloaded());
    assertTrue(Arrays.equals(good, Files.readAllBytes(again.wheels().get(0))));
    Files.write(wheel, "tampered".getBytes(StandardCharsets.UTF_8));
    PackageException offline =
        assertThrows(
            PackageException.class,
            () ->
                PythonPackages.install(
                    lock,
                    cache,
                    new IndexHttp(null, true, Duration.ofSeconds(1)),
                    TargetRuntime.CPYTHON_3_13,
                    ENV,
                    null));
    assertTrue(
        offline.getMessage().contains("not in the download cache, and the build is offline"));
    assertFalse(Files.exists(wheel), "the damaged entry was removed");
  }

  @Test
  void aHashMismatchIsRefusedAndNothingIsCached() throws Exception {
    index.wheel("six", "1.17.0").listedSha = "0".repeat(64);
    PackageException e = fails("six");
    assertTrue(
        e.getMessage().contains("does not match the expected " + "0".repeat(64)), e.getMessage());
    assertTrue(
        e.getMessage()
            .startsWith("package 'six' (" + index.base() + "/files/six-1.17.0-py3-none-any.whl)"));
    assertCacheHoldsNoEntry();
  }

  @Test
  void aRedirectToAnotherHostIsRefused() {
    index.override(
        "/simple/evil/",
        x -> {
          x.getResponseHeaders().set("Location", "http://localhost:1/simple/evil/");
          TestIndex.send(x, 302, "text/plain", new byte[0]);
        });
    assertEquals(
        "package 'evil' ("
            + index.url()
            + "evil/): the index redirects to another host (http://localhost:1/simple/evil/);"
            + " redirects are followed only within the same scheme, host and port: use the URL it"
            + " redirects to as the index URL if you trust it",
        fails("evil").getMessage());
  }

  @Test
  void aRedirectLoopIsBounded() {
    index.override(
        "/simple/loop/",
        x -> {
          x.getResponseHeaders().set("Location", "/simple/loop/");
          TestIndex.send(x, 301, "text/plain", new byte[0]);
        });
    assertTrue(fails("loop").getMessage().contains("more than 5 redirects"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../evil-1.0-py3-none-any.whl",
        "sub/evil-1.0-py3-none-any.whl",
        "..\\\\evil-1.0-py3-none-any.whl"
      })
  void aFileNameWithAPathIsRefused(String name) throws Exception {
    index.wheel("evil", "1.0").listedName = name;
    PackageException e = fails("evil");
    assertTrue(e.getMessage().contains("which is not a plain file name"), e.getMessage());
    assertCacheHoldsNoEntry();
    try (Stream<Path> all = Files.walk(dir)) {
      assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith("evil")));
    }
  }

  @Test
  void aTruncatedOrStalledDownloadIsRefused() throws Exception {
    TestIndex.File f = index.wheel("six", "1.17.0");
    index.override(
        "/files/" + f.name,
        x -> {
          try {
            x.getResponseHeaders().set("Content-Type", "application/octet-stream");
            x.sendResponseHeaders(200, f.bytes.length);
            try (OutputStream out = x.getResponseBody()) {
              out.write(f.bytes, 0, f.bytes.length / 2);
            }
          } catch (IOException e) {
            // the client notices the short body
          }
        });
    PackageException e = fails("six");
    assertTrue(
        e.getMessage().startsWith("package 'six' (" + index.base() + "/files/"), e.getMessage());
    assertCacheHoldsNoEntry();
  }

  @Test
  void aHugePageIsRefused() {
    byte[] huge = new byte[(int) Resolver.MAX_PAGE_BYTES + 10];
    Arrays.fill(huge, (byte) ' ');
    index.override("/simple/huge/", x -> TestIndex.send(x, 200, "text/html", huge));
    assertTrue(fails("huge").getMessage().contains("the answer is larger than 33554432 bytes"));
  }

  @Test
  void aLargerFileThanTheIndexSaysIsRefused() throws Exception {
    TestIndex.File f = index.wheel("six", "1.17.0");
    byte[] listed = f.bytes;
    index.override(
        "/files/" + f.name,
        x -> {
          byte[] more = Arrays.copyOf(listed, listed.length + 1000);
          TestIndex.send(x, 200, "application/octet-stream", more);
        });
    assertTrue(fails("six").getMessage().contains("is larger than " + listed.length + " bytes"));
  }

  @Test
  void dependencyCyclesResolveAndEndlessChainsAreBounded() throws Exception {
    index.wheel("a", "1.0", "b");
    index.wheel("b", "1.0", "a");
    assertEquals("a 1.0, b 1.0", versions(lock(false, "a")));
    for (int i = 0; i <= 21; i++) {
      index.wheel("chain" + i, "1.0", "chain" + (i + 1));
    }
    index.coreMetadata = true;
    Resolver resolver =
        new Resolver(List.of(index.url()), online(), cache, TargetRuntime.CPYTHON_3_13, ENV, false)
            .maxPackages(20);
    PackageException e =
        assertThrows(PackageException.class, () -> resolver.resolve(roots("chain0")));
    assertEquals(
        "package 'chain20': more than 20 distributions are needed (required by chain19 1.0); the"
            + " index's metadata keeps naming new ones",
        e.getMessage());
  }

  @Test
  void metadataThatContradictsTheFileIsRefused() throws Exception {
    TestIndex.File f = index.wheel("six", "1.17.0");
    f.metadata = "Name: other\nVersion: 9\n".getBytes(StandardCharsets.UTF_8);
    index.coreMetadata = true;
    assertTrue(fails("six").getMessage().contains("the metadata describes other 9"));
  }

  private void assertCacheHoldsNoEntry() throws IOException {
    Path entries = cache.root().resolve("sha256");
    if (Files.exists(entries)) {
      try (Stream<Path> all = Files.walk(entries)) {
        assertTrue(all.noneMatch(Files::isRegularFile));
      }
    }
    Path tmp = cache.root().resolve("tmp");
    if (Files.exists(tmp)) {
      try (Stream<Path> all = Files.list(tmp)) {
        assertEquals(0, all.count(), "no partial download left");
      }
    }
  }

  @Test
  void indexUrlsAreJoinedAsPep503Says() {
    assertEquals(
        URI.create("http://h/simple/python-dateutil/"),
        Resolver.projectUri(URI.create("http://h/simple"), "python-dateutil"));
  }
}
