package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WitPrinterTest {

  /**
   * The feature-gate package, from the sources: loaded as a directory, so a file deleted from the
   * sources but left in {@code target/test-classes} would still be part of it.
   */
  static Path features() {
    return Path.of("src/test/resources/wit/features");
  }

  /** Prints the world, parses the text, prints again: the two texts must be identical. */
  private static String assertStable(Resolve resolve, String world, Set<String> features) {
    String printed = WitPrinter.printWorld(resolve, resolve.selectWorld(world).id());
    Resolve again = WitLoader.loadText(printed, features);
    assertEquals(printed, WitPrinter.printWorld(again, again.selectWorld(world).id()));
    return printed;
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "uses-nested"})
  void featureWorldsPrintParseAndPrintToTheSameText(String world) throws Exception {
    Set<String> all = Set.of("experimental");
    assertStable(WitLoader.load(features(), all), world, all);
  }

  @Test
  void wasiCommandWorldPrintsStably() {
    Resolve r =
        WitLoader.loadText("package my:app;\nworld app { include wasi:cli/command; }", Set.of());
    String printed = assertStable(r, "app", Set.of());
    // Every interface the world reaches is printed inside its package's block.
    assertEquals(true, printed.contains("package wasi:io@0.2.12 {\n  interface error {\n"));
    assertEquals(true, printed.contains("  export wasi:cli/run@0.2.12;\n"));
  }

  static Path golden(String name) throws URISyntaxException {
    return Path.of(WitPrinterTest.class.getResource("/wit/golden").toURI()).resolve(name);
  }

  /**
   * {@code everything.wit} has every kind of type and function; {@code worlds.wit} has worlds whose
   * exports pull in imports, inline interfaces that use others, world types and includes with
   * renames: the elaborated worlds must come out as wasm-tools prints them.
   */
  @ParameterizedTest
  @ValueSource(strings = {"everything", "worlds"})
  void printPackageMatchesWasmTools(String name) throws Exception {
    Resolve r = WitLoader.load(golden(name + ".wit"), Set.of());
    assertEquals(
        Files.readString(golden(name + ".expected")), WitPrinter.printPackage(r, r.mainPackage()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cli", "clocks", "filesystem", "http", "io", "random", "sockets"})
  void printPackageMatchesWasmToolsForBundledWasi(String name) throws Exception {
    Resolve r = WitLoader.loadText(BuiltinWit.find(new PackageName("wasi", name, null)), Set.of());
    assertEquals(
        Files.readString(golden("wasi-" + name + ".expected")),
        WitPrinter.printPackage(r, r.mainPackage()));
  }

  @Test
  void printWorldMatchesWasmToolsForAWorldWithADependency() throws Exception {
    Resolve r = WitLoader.load(golden("app"), Set.of());
    assertEquals(
        Files.readString(golden("app.expected")),
        WitPrinter.printWorld(r, r.selectWorld("app").id()));
  }

  @Test
  void printPackageReproducesEveryInterfaceAndWorld() {
    String text = "package a:b;\n\ninterface i {\n  f: func();\n}\n\nworld w {\n  import i;\n}\n";
    Resolve r = WitLoader.loadText(text, Set.of());
    assertEquals(text, WitPrinter.printPackage(r, r.mainPackage()));
  }
}
