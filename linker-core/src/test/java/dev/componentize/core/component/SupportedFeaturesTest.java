package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.bindings.WorldBindings;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.StreamType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitException;
import dev.componentize.core.wit.WitLoader;
import dev.componentize.core.wit.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportedFeaturesTest {

  private static final String NEWER =
      "package a:b;\n"
          + "interface io {\n"
          + "  resource r;\n"
          + "  pump: async func(input: stream<u8>) -> future<result<u32, error-context>>;\n"
          + "  lookup: func(m: map<string, u32>, key: list<u8, 4>) -> option<stream>;\n"
          + "  type unused = future;\n"
          + "}\n"
          + "interface plain { hello: func(name: string) -> string; }\n"
          + "world newer {\n"
          + "  import io;\n"
          + "  export run: async func();\n"
          + "  import inline: interface { record point { x: u32 } at: func() -> point; }\n"
          + "}\n"
          + "world older { import plain; export plain; }\n";

  private static void check(Resolve r, String world) {
    SupportedFeatures.check(r, r.selectWorld(world));
  }

  @Test
  void everyUnsupportedUseOfTheWorldIsReportedAtOnceWithItsLocation() {
    Resolve r = WitLoader.loadText(NEWER, Set.of());
    WitException e = assertThrows(WitException.class, () -> check(r, "newer"));
    assertEquals(
        "world a:b/newer uses 4 WIT features that are not supported yet:\n"
            + "<input>:5:19: `map<string, u32>` (component-model map type) is not supported yet\n"
            + "<input>:5:42: `list<u8, 4>` (component-model fixed-size lists) is not supported"
            + " yet\n"
            + "<input>:12:10: inline interface ('name: interface { ... }') is not supported yet;"
            + " define a named interface and import or export that\n"
            + "<input>:12:37: type 'point' defined in an inline interface ('import name:"
            + " interface { ... }') is not supported yet; define it in a named interface and"
            + " import that",
        e.getMessage());
    assertEquals(5, e.line());
    assertEquals(19, e.column());
  }

  @Test
  void asyncFunctionsPassTheCheckAndBecomeAsyncFunctionTypes() {
    Resolve r =
        WitLoader.loadText(
            "package a:b;\n"
                + "interface clock { sleep: async func(ms: u32) -> u32; now: func() -> u64; }\n"
                + "world w {\n"
                + "  import clock;\n"
                + "  export run: async func() -> string;\n"
                + "}\n",
            Set.of());
    World w = r.selectWorld("w");
    assertDoesNotThrow(() -> SupportedFeatures.check(r, w));
    var world = WitWorlds.toWorldType(r, w);
    var run = (dev.componentize.core.component.types.ComponentFunction) world.exports().get(0);
    assertTrue(run.type().async());
  }

  @Test
  void theWasi030CommandWorldPassesWithItsStreamsAndFutures(@TempDir Path dir) throws Exception {
    Path corpus = Path.of(getClass().getResource("/wit/corpus/jco-1.35.0/wasi-0.3.0").toURI());
    Files.copy(corpus.resolve("wasi-cli/package.wit"), dir.resolve("cli.wit"));
    for (String dep : List.of("clocks", "filesystem", "random", "sockets")) {
      Path into = Files.createDirectories(dir.resolve("deps").resolve(dep));
      Files.copy(corpus.resolve("wasi-" + dep + "/package.wit"), into.resolve("package.wit"));
    }
    Resolve r = WitLoader.load(dir, Set.of());
    assertDoesNotThrow(() -> check(r, "command"));
    var world = WitWorlds.toWorldType(r, r.selectWorld("command"));
    InterfaceType stdin =
        world.imports().stream()
            .filter(i -> i instanceof InterfaceType t && t.name().equals("wasi:cli/stdin@0.3.0"))
            .map(InterfaceType.class::cast)
            .findFirst()
            .orElseThrow();
    // read-via-stream: func() -> tuple<stream<u8>, future<result<_, error-code>>>
    TupleType result = (TupleType) stdin.functions().get(0).type().result().orElseThrow();
    assertEquals(new StreamType(Optional.of(PrimitiveType.U8)), result.elements().get(0));
    assertTrue(result.elements().get(1) instanceof FutureType, result.toString());
  }

  @Test
  void anInterfaceUnderAPlainNameIsReportedAlsoThroughInclude() {
    Resolve r =
        WitLoader.loadText(
            "package a:b;\n"
                + "interface store { get: func(); }\n"
                + "world base { import primary: store; }\n"
                + "world w { include base; export backup: store; }",
            Set.of());
    WitException e = assertThrows(WitException.class, () -> check(r, "w"));
    assertEquals(
        "world a:b/w uses 2 WIT features that are not supported yet:\n"
            + "<input>:3:21: `import primary: store` (an interface under a plain name) is not"
            + " supported yet\n"
            + "<input>:4:32: `export backup: store` (an interface under a plain name) is not"
            + " supported yet",
        e.getMessage());
  }

  @Test
  void aWorldWithoutNewerFeaturesPassesAlthoughItsPackageHasThem() {
    Resolve r = WitLoader.loadText(NEWER, Set.of());
    assertDoesNotThrow(() -> check(r, "older"));
  }

  @Test
  void wasiCommandWorldsAndResourcesPass() {
    Resolve r =
        WitLoader.loadText(
            "package a:b;\n"
                + "interface store { resource bucket { constructor(name: string);"
                + " get: func(key: string) -> option<list<u8>>; } }\n"
                + "world app { include wasi:cli/imports@0.2.12; export store; }",
            Set.of());
    assertDoesNotThrow(() -> check(r, "app"));
  }

  @Test
  void whatTheCheckRefusesTheStagesCannotCarry() {
    // Without the check, the same worlds fail inside the stages, unlocated: the check only
    // moves the refusal up front and adds the locations.
    for (String world :
        new String[] {
          "world w { export f: func(m: map<string, u32>); }",
          "world w { export f: func(l: list<u8, 4>); }",
          "world w { import x: interface { record p { x: u32 } f: func() -> p; } }",
          "world w { import x: interface { f: func(); } }"
        }) {
      Resolve r = WitLoader.loadText("package a:b;\n" + world, Set.of());
      World w = r.selectWorld("w");
      assertThrows(WitException.class, () -> SupportedFeatures.check(r, w), world);
      assertThrows(
          RuntimeException.class,
          () -> {
            WitWorlds.toWorldType(r, w);
            WorldBindings.generate(r, w, "app", Optional.empty());
          },
          world);
    }
  }
}
