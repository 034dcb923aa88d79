package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real WIT from a published package: the WASI 0.2.12 files bundled in main resources, and the WASI
 * 0.3.0, jco node and wasi-tls files of {@code @bytecodealliance/jco} 1.35.0 kept as test data.
 */
class WitCorpusTest {

  static Path corpus(String relative) throws URISyntaxException {
    return Path.of(WitCorpusTest.class.getResource("/wit/corpus/jco-1.35.0").toURI())
        .resolve(relative);
  }

  static Stream<String> bundledWasiPackages() {
    return BuiltinWit.PACKAGES.stream();
  }

  @ParameterizedTest
  @MethodSource("bundledWasiPackages")
  void bundledWasiPackageResolvesAndPrintsStably(String name) {
    String text = BuiltinWit.find(new PackageName("wasi", name, null));
    Resolve resolve = WitLoader.loadText(text, Set.of());
    WitPackage pkg = resolve.pkg(resolve.mainPackage());
    assertEquals("wasi:" + name + "@0.2.12", pkg.name().toString());
    assertFalse(pkg.interfaces().isEmpty());

    String printed = WitPrinter.printPackage(resolve, resolve.mainPackage());
    Resolve again = WitLoader.loadText(printed, Set.of());
    assertEquals(printed, WitPrinter.printPackage(again, again.mainPackage()));
  }

  @Test
  void wasiHttpProxyImportsWhatItsInterfacesUse() {
    Resolve resolve =
        WitLoader.loadText(BuiltinWit.find(new PackageName("wasi", "http", null)), Set.of());
    World proxy = resolve.selectWorld("proxy");
    List<String> imports = List.copyOf(proxy.imports().keySet());
    // types uses io/error, io/poll, io/streams and clocks/monotonic-clock: all imported before it.
    int types = imports.indexOf("wasi:http/types@0.2.12");
    for (String dep :
        List.of(
            "wasi:io/error@0.2.12",
            "wasi:io/poll@0.2.12",
            "wasi:io/streams@0.2.12",
            "wasi:clocks/monotonic-clock@0.2.12")) {
      assertTrue(imports.indexOf(dep) >= 0 && imports.indexOf(dep) < types, dep);
    }
    assertEquals(
        List.of("wasi:http/incoming-handler@0.2.12"), List.copyOf(proxy.exports().keySet()));
  }

  @Test
  void wasi030WithAsyncStreamsAndFuturesResolvesFromADepsFolder(@TempDir Path dir)
      throws Exception {
    Path main = dir.resolve("wit");
    copyTree(corpus("wasi-0.3.0/wasi-cli"), main);
    for (String dep : List.of("clocks", "filesystem", "random", "sockets", "http")) {
      copyTree(corpus("wasi-0.3.0/wasi-" + dep), main.resolve("deps/" + dep));
    }
    Resolve resolve = WitLoader.load(main, Set.of());
    World command = resolve.selectWorld("command");
    WorldItem.InterfaceItem run =
        (WorldItem.InterfaceItem) command.exports().get("wasi:cli/run@0.3.0");
    assertTrue(resolve.iface(run.id()).functions().get("run").async());

    InterfaceId stdout =
        ((WorldItem.InterfaceItem) command.imports().get("wasi:cli/stdout@0.3.0")).id();
    Function write = resolve.iface(stdout).functions().get("write-via-stream");
    assertEquals(new Type.StreamType(Type.Primitive.U8), write.params().get(0).type());
    assertInstanceOf(Type.FutureType.class, write.result());
  }

  @Test
  void jcoNodePackageOfTwentyFilesResolvesWithWasiTlsInDeps(@TempDir Path dir) throws Exception {
    Path main = dir.resolve("wit");
    copyTree(corpus("jco-node-0.1.0"), main);
    copyTree(corpus("wasi-tls-0.2.0-draft"), main.resolve("deps/tls"));
    Resolve resolve = WitLoader.load(main, Set.of());
    WitPackage pkg = resolve.pkg(resolve.mainPackage());
    assertEquals("jco:node@0.1.0", pkg.name().toString());
    assertTrue(pkg.interfaces().size() >= 20, pkg.interfaces().keySet().toString());
  }

  @Test
  void wasiTlsDraftResolvesWithItsOwnDepsFolder() throws Exception {
    Resolve resolve = WitLoader.load(corpus("wasi-tls-0.2.0-draft"), Set.of());
    assertEquals("wasi:tls@0.2.0-draft", resolve.pkg(resolve.mainPackage()).name().toString());
    World imports = resolve.selectWorld("imports");
    assertTrue(imports.imports().containsKey("wasi:tls/types@0.2.0-draft"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cli", "clocks", "filesystem", "http", "random", "sockets"})
  void wasi030PackagePrintsExactlyAsWasmToolsDoes(String name, @TempDir Path dir) throws Exception {
    List<String> all = List.of("cli", "clocks", "filesystem", "http", "random", "sockets");
    Path main = dir.resolve(name);
    copyTree(corpus("wasi-0.3.0/wasi-" + name), main);
    for (String dep : all) {
      if (!dep.equals(name)) {
        copyTree(corpus("wasi-0.3.0/wasi-" + dep), main.resolve("deps/" + dep));
      }
    }
    Resolve resolve = WitLoader.load(main, Set.of());
    assertEquals(
        Files.readString(WitPrinterTest.golden("wasi-0.3.0-" + name + ".expected")),
        WitPrinter.printPackage(resolve, resolve.mainPackage()));
  }

  @Test
  void jcoNodePackagePrintsExactlyAsWasmToolsDoes(@TempDir Path dir) throws Exception {
    Path main = dir.resolve("wit");
    copyTree(corpus("jco-node-0.1.0"), main);
    copyTree(corpus("wasi-tls-0.2.0-draft"), main.resolve("deps/tls"));
    Resolve resolve = WitLoader.load(main, Set.of());
    assertEquals(
        Files.readString(WitPrinterTest.golden("jco-node.expected")),
        WitPrinter.printPackage(resolve, resolve.mainPackage()));
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    }
  }
}
