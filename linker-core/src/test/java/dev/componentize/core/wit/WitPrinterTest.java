package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WitPrinterTest {

  static Path features() throws URISyntaxException {
    return Path.of(WitPrinterTest.class.getResource("/wit/features").toURI());
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

  @Test
  void printsTheShapeWasmToolsUses() {
    Resolve r =
        WitLoader.loadText(
            "package my:app@1.0.0;\n"
                + "interface types {\n"
                + "  /// A point.\n"
                + "  record point { x: s32, %type: u8 }\n"
                + "  resource r { constructor(); get: func() -> option<point>;"
                + " make: static func() -> r; }\n"
                + "}\n"
                + "world app {\n"
                + "  import types;\n"
                + "  use types.{point as p};\n"
                + "  export run: async func(a: list<p, 2>, b: result<_, string>) -> tuple<u8, s64>;\n"
                + "}\n",
            Set.of());
    assertEquals(
        "package my:app@1.0.0;\n"
            + "\n"
            + "world app {\n"
            + "  import types;\n"
            + "  use types.{point as p};\n"
            + "  export run: async func(a: list<p, 2>, b: result<_, string>) -> tuple<u8, s64>;\n"
            + "}\n"
            + "\n"
            + "interface types {\n"
            + "  /// A point.\n"
            + "  record point {\n"
            + "    x: s32,\n"
            + "    %type: u8,\n"
            + "  }\n"
            + "  resource r {\n"
            + "    constructor();\n"
            + "    get: func() -> option<point>;\n"
            + "    make: static func() -> r;\n"
            + "  }\n"
            + "}\n",
        WitPrinter.printWorld(r, r.selectWorld("app").id()));
  }

  @Test
  void printPackageReproducesEveryInterfaceAndWorld() {
    String text = "package a:b;\n\ninterface i {\n  f: func();\n}\n\nworld w {\n  import i;\n}\n";
    Resolve r = WitLoader.loadText(text, Set.of());
    assertEquals(text, WitPrinter.printPackage(r, r.mainPackage()));
  }
}
