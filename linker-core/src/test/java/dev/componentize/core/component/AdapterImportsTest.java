package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A world that does not mention WASI still makes a working component with the preview1 reactor
 * adapter: {@link AdapterImports} adds exactly the WASI 0.2.12 interfaces the adapter imports (and
 * those they use). A world that already includes them is unchanged; one that imports another
 * version of one of them is refused with a message saying what to do.
 */
class AdapterImportsTest {
  /** The WASI interfaces jco 1.35.0's reactor adapter imports, as the component imports them. */
  /**
   * The WASI interfaces jco 1.35.0's reactor adapter imports, as the component imports them: in the
   * adapter's import order, each after the interfaces it uses (no sockets, no insecure random).
   */
  private static final List<String> ADAPTER_INTERFACES =
      List.of(
          "wasi:io/error@0.2.12",
          "wasi:io/poll@0.2.12",
          "wasi:io/streams@0.2.12",
          "wasi:clocks/wall-clock@0.2.12",
          "wasi:filesystem/types@0.2.12",
          "wasi:cli/environment@0.2.12",
          "wasi:clocks/monotonic-clock@0.2.12",
          "wasi:filesystem/preopens@0.2.12",
          "wasi:random/random@0.2.12",
          "wasi:cli/stderr@0.2.12",
          "wasi:cli/stdin@0.2.12",
          "wasi:cli/stdout@0.2.12",
          "wasi:cli/terminal-input@0.2.12",
          "wasi:cli/terminal-stdin@0.2.12",
          "wasi:cli/terminal-output@0.2.12",
          "wasi:cli/terminal-stdout@0.2.12",
          "wasi:cli/terminal-stderr@0.2.12",
          "wasi:cli/exit@0.2.12");

  @TempDir static Path work;
  private static byte[] adapter;

  @BeforeAll
  static void readAdapter() throws Exception {
    Path file =
        TestTools.jcoHome()
            .resolve("node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.reactor.wasm");
    assumeTrue(Files.isRegularFile(file), "no preview1 reactor adapter at " + file);
    adapter = Files.readAllBytes(file);
  }

  private static WorldType world(String text) {
    Resolve resolve = WitLoader.loadText(text, Set.of());
    return WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
  }

  @Test
  void theAdapterNeedsTheseInterfacesAndPreopensAt0dot2dot6IsServedBy0dot2dot12() throws Exception {
    List<String> needed = AdapterImports.interfaces(adapter);
    assertEquals(
        Set.copyOf(ADAPTER_INTERFACES).stream()
            .filter(n -> !n.startsWith("wasi:io/"))
            .sorted()
            .toList(),
        needed.stream().filter(n -> !n.startsWith("wasi:io/")).sorted().toList());
    assertEquals(
        List.of("wasi:io/error@0.2.12", "wasi:io/poll@0.2.12", "wasi:io/streams@0.2.12"),
        needed.stream().filter(n -> n.startsWith("wasi:io/")).sorted().toList());
  }

  @Test
  void aWorldWithoutWasiGetsTheAdaptersInterfacesAfterItsOwnImports() throws Exception {
    WorldType plain =
        world(
            "package test:plain;\n"
                + "world plain {\n"
                + "  import log: func(line: string);\n"
                + "  export greet: func(name: string) -> string;\n"
                + "}\n");
    WorldType component = AdapterImports.addTo(plain, adapter);
    List<String> imports = component.imports().stream().map(ComponentWorldItem::name).toList();
    assertEquals("log", imports.get(0));
    assertEquals(ADAPTER_INTERFACES, imports.subList(1, imports.size()));
    assertEquals(plain.exports(), component.exports());
  }

  @Test
  void aWorldThatIncludesTheWasiImportsIsLeftAsItIs() throws Exception {
    WorldType included =
        world(
            "package test:included;\n"
                + "world included {\n"
                + "  include wasi:cli/imports@0.2.12;\n"
                + "  export greet: func(name: string) -> string;\n"
                + "}\n");
    WorldType component = AdapterImports.addTo(included, adapter);
    assertEquals(included.imports(), component.imports());
  }

  @Test
  void aWorldImportingSomeOfThemKeepsItsOwnAndGetsTheRest() throws Exception {
    WorldType some =
        world(
            "package test:some;\n"
                + "world some {\n"
                + "  import wasi:clocks/wall-clock@0.2.12;\n"
                + "  export greet: func(name: string) -> string;\n"
                + "}\n");
    WorldType component = AdapterImports.addTo(some, adapter);
    List<String> imports = component.imports().stream().map(ComponentWorldItem::name).toList();
    assertEquals("wasi:clocks/wall-clock@0.2.12", imports.get(0));
    assertSame(some.imports().get(0), component.imports().get(0));
    assertEquals(
        ADAPTER_INTERFACES.stream()
            .filter(n -> !n.equals("wasi:clocks/wall-clock@0.2.12"))
            .toList(),
        imports.subList(1, imports.size()));
  }

  @Test
  void wasi030InterfacesAreSeparateImportsBesideTheAdapters() throws Exception {
    WorldType async =
        world(
            "package test:p3;\n"
                + "world p3 {\n"
                + "  import wasi:clocks/monotonic-clock@0.3.0;\n"
                + "  export run: async func();\n"
                + "}\n");
    WorldType component = AdapterImports.addTo(async, adapter);
    List<String> imports = component.imports().stream().map(ComponentWorldItem::name).toList();
    assertEquals(
        List.of("wasi:clocks/types@0.3.0", "wasi:clocks/monotonic-clock@0.3.0"),
        imports.subList(0, 2));
    assertEquals(ADAPTER_INTERFACES, imports.subList(2, imports.size()));
  }

  @Test
  void aWorldImportingAnotherVersionOfAWasiInterfaceIsRefused() {
    WorldType old =
        world(
            "package test:old;\n"
                + "world old {\n"
                + "  import wasi:clocks/wall-clock@0.2.0;\n"
                + "  export greet: func(name: string) -> string;\n"
                + "}\n"
                + "package wasi:clocks@0.2.0 {\n"
                + "  interface wall-clock {\n"
                + "    record datetime { seconds: u64, nanoseconds: u32 }\n"
                + "    now: func() -> datetime;\n"
                + "  }\n"
                + "}\n");
    ComponentEncodingException e =
        assertThrows(ComponentEncodingException.class, () -> AdapterImports.addTo(old, adapter));
    assertEquals(
        "the world imports 'wasi:clocks/wall-clock@0.2.0', but the WASI preview1 adapter (through"
            + " which CPython reaches the system) needs 'wasi:clocks/wall-clock@0.2.12'; import"
            + " version 0.2.12 of the WASI interfaces, or leave them out of the world: the"
            + " component gets the ones the adapter needs automatically",
        e.getMessage());
  }

  /** The proof with the real tools: validates, imports exactly those, and runs under jco. */
  @Test
  void theReactorInAWorldWithoutWasiValidatesImportsOnlyTheAdaptersInterfacesAndRuns()
      throws Exception {
    WorldType plain =
        world(
            "package test:reactor@0.1.0;\n"
                + "world reactor {\n"
                + "  export greet: func(name: string) -> string;\n"
                + "}\n");
    Path component = work.resolve("plain-reactor.wasm");
    Files.write(
        component,
        WorldEncoder.encodeWithAdapter(
            AdapterImports.addTo(plain, adapter),
            ComponentChecks.resource("reactor.wasm"),
            adapter));
    ComponentChecks.assertValid(component);
    List<String> items =
        new java.util.ArrayList<>(
            ADAPTER_INTERFACES.stream().map(n -> "import " + n + ";").toList());
    items.add("export greet: func(name: string) -> string;");
    ComponentChecks.assertWitRoundTrip(
        component, Path.of("src/test/c/component/reactor.wit"), List.of(), items);
    ComponentChecks.assertJcoScriptPasses(component, "reactor", "reactor-check.mjs", false);
  }
}
