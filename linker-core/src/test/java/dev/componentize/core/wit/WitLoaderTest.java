package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading from disk, against {@code wit/features}: three files forming {@code test:features@1.2.0}
 * (one without a package declaration), a nested package, a {@code deps/} directory package and a
 * {@code deps/} single-file package that itself needs bundled WASI.
 */
class WitLoaderTest {

  private static Resolve features(Set<String> enabled) throws Exception {
    return WitLoader.load(WitPrinterTest.features(), enabled);
  }

  @Test
  void filesOfADirectoryFormOnePackage() throws Exception {
    Resolve r = features(Set.of());
    WitPackage main = r.pkg(r.mainPackage());
    assertEquals("test:features@1.2.0", main.name().toString());
    assertEquals("A package exercising every WIT feature the resolver supports.", main.docs());
    assertEquals(List.of("types", "handler"), List.copyOf(main.interfaces().keySet()));
    assertEquals(List.of("uses-nested", "app"), List.copyOf(main.worlds().keySet()));
  }

  @Test
  void depsDirectoriesSingleFilesNestedBlocksAndBundledWasiAreAllLoaded() throws Exception {
    Resolve r = features(Set.of());
    List<String> names = r.packages().stream().map(p -> p.name().toString()).toList();
    assertTrue(
        names.containsAll(
            List.of(
                "test:features@1.2.0",
                "test:nested@1.0.0",
                "test:greeting@0.1.0",
                "test:single",
                "wasi:cli@0.2.12",
                "wasi:io@0.2.12")),
        names.toString());
  }

  @Test
  void selectedWorldHasItsOwnIncludedAndElaboratedItems() throws Exception {
    World app = features(Set.of()).selectWorld("app");
    assertEquals(
        List.of(
            "test:greeting/greeter@0.1.0",
            "test:features/types@1.2.0",
            "test:features/handler@1.2.0",
            "log",
            "clock",
            "shape",
            "scale",
            "config",
            "base-tick"),
        List.copyOf(app.imports().keySet()));
    assertEquals(
        List.of("test:features/handler@1.2.0", "run", "status", "wasi:cli/run@0.2.12"),
        List.copyOf(app.exports().keySet()));
  }

  @Test
  void enablingAFeatureBringsBackTheGatedImport() throws Exception {
    World app = features(Set.of("experimental")).selectWorld("app");
    assertInstanceOf(
        WorldItem.InterfaceItem.class, app.imports().get("test:features/experimental@1.2.0"));
  }

  @Test
  void nestedPackageInterfacesResolveAgainstDeps() throws Exception {
    Resolve r = features(Set.of());
    World w = r.selectWorld("uses-nested");
    assertEquals(
        List.of("test:greeting/greeter@0.1.0", "test:nested/helper@1.0.0"),
        List.copyOf(w.imports().keySet()));
  }

  @Test
  void aSingleFileWithNestedPackagesLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("one.wit");
    Files.writeString(
        file,
        "package my:app;\nworld w { import my:lib/api; }\n"
            + "package my:lib { interface api { f: func(); } }\n");
    Resolve r = WitLoader.load(file, Set.of());
    assertEquals(List.of("my:lib/api"), List.copyOf(r.selectWorld(null).imports().keySet()));
  }

  @Test
  void aFileHoldingOnlyOneNestedPackageMakesThatPackageTheMainOne() {
    Resolve r = WitLoader.loadText("package my:only {\n  world w {}\n}\n", Set.of());
    assertEquals("my:only", r.pkg(r.mainPackage()).name().toString());
    assertEquals("w", r.selectWorld(null).name());
  }

  @Test
  void filesOfOneDirectoryMustAgreeOnThePackage(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.wit"), "package my:app;\n");
    Files.writeString(dir.resolve("b.wit"), "package my:other;\n");
    WitException e = assertThrows(WitException.class, () -> WitLoader.load(dir, Set.of()));
    assertEquals(
        dir.resolve("b.wit")
            + ":1:9: package my:other differs from package my:app declared at "
            + dir.resolve("a.wit")
            + ":1:9 (all files of a directory form one package)",
        e.getMessage());
  }

  @Test
  void aDirectoryWithoutPackageDeclarationIsRejected(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.wit"), "world w {}\n");
    WitException e = assertThrows(WitException.class, () -> WitLoader.load(dir, Set.of()));
    assertEquals(
        "no package declaration in "
            + dir
            + ": add 'package namespace:name;' to one of its .wit files",
        e.getMessage());
  }

  @Test
  void missingPathsAndEmptyDirectoriesAreReported(@TempDir Path dir) {
    Path missing = dir.resolve("nope");
    assertEquals(
        "WIT path " + missing + " does not exist",
        assertThrows(WitException.class, () -> WitLoader.load(missing, Set.of())).getMessage());
    assertEquals(
        "no .wit files in " + dir,
        assertThrows(WitException.class, () -> WitLoader.load(dir, Set.of())).getMessage());
  }

  @Test
  void aDependencyMissingFromDepsNamesTheLoadedPackages(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.wit"), "package my:app;\nworld w { import my:lib/api; }\n");
    WitException e = assertThrows(WitException.class, () -> WitLoader.load(dir, Set.of()));
    assertEquals(
        dir.resolve("a.wit")
            + ":2:18: package my:lib not found; add it to the deps/ folder next to your WIT"
            + " (loaded: my:app)",
        e.getMessage());
  }

  @Test
  void invalidUtf8IsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.wit");
    Files.write(file, new byte[] {'p', (byte) 0xc3, '('});
    WitException e = assertThrows(WitException.class, () -> WitLoader.load(file, Set.of()));
    assertEquals(file + ":1:1: file is not valid UTF-8", e.getMessage());
  }

  @Test
  void depsPackagesWinOverTheBundledWasi(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("a.wit"), "package my:app;\nworld w { import wasi:cli/environment@0.2.12; }\n");
    Files.createDirectories(dir.resolve("deps/cli"));
    Files.writeString(
        dir.resolve("deps/cli/cli.wit"),
        "package wasi:cli@0.2.12;\ninterface environment { only-mine: func(); }\n");
    Resolve r = WitLoader.load(dir, Set.of());
    WorldItem.InterfaceItem env =
        (WorldItem.InterfaceItem) r.selectWorld("w").imports().get("wasi:cli/environment@0.2.12");
    assertEquals(List.of("only-mine"), List.copyOf(r.iface(env.id()).functions().keySet()));
    assertFalse(r.packages().stream().anyMatch(p -> p.name().name().equals("io")));
  }
}
