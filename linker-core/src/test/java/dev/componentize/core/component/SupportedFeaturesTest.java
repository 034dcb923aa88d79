package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.bindings.WorldBindings;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitException;
import dev.componentize.core.wit.WitLoader;
import dev.componentize.core.wit.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
        "world a:b/newer uses 8 WIT features that are not supported yet:\n"
            + "<input>:4:27: `stream<u8>` (component-model async) is not supported yet\n"
            + "<input>:4:42: `future<result<u32, error-context>>` (component-model async) is not"
            + " supported yet\n"
            + "<input>:5:19: `map<string, u32>` (component-model map type) is not supported yet\n"
            + "<input>:5:42: `list<u8, 4>` (component-model fixed-size lists) is not supported"
            + " yet\n"
            + "<input>:5:65: `stream` (component-model async) is not supported yet\n"
            + "<input>:6:17: `future` (component-model async) is not supported yet\n"
            + "<input>:12:10: inline interface ('name: interface { ... }') is not supported yet;"
            + " define a named interface and import or export that\n"
            + "<input>:12:37: type 'point' defined in an inline interface ('import name:"
            + " interface { ... }') is not supported yet; define it in a named interface and"
            + " import that",
        e.getMessage());
    assertEquals(4, e.line());
    assertEquals(27, e.column());
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
  void theWasi030CommandWorldIsReadAndEveryAsyncUseReported(@TempDir Path dir) throws Exception {
    Path corpus = Path.of(getClass().getResource("/wit/corpus/jco-1.35.0/wasi-0.3.0").toURI());
    Files.copy(corpus.resolve("wasi-cli/package.wit"), dir.resolve("cli.wit"));
    for (String dep : List.of("clocks", "filesystem", "random", "sockets")) {
      Path into = Files.createDirectories(dir.resolve("deps").resolve(dep));
      Files.copy(corpus.resolve("wasi-" + dep + "/package.wit"), into.resolve("package.wit"));
    }
    Resolve r = WitLoader.load(dir, Set.of());
    WitException e = assertThrows(WitException.class, () -> check(r, "command"));
    List<String> lines = e.getMessage().lines().toList();
    assertEquals(
        "world wasi:cli/command@0.3.0 uses "
            + (lines.size() - 1)
            + " WIT features that are not supported yet:",
        lines.get(0));
    assertEquals(
        dir.resolve("cli.wit")
            + ":43:36: `stream<u8>` (component-model async) is not supported yet",
        lines.get(1));
    Pattern located =
        Pattern.compile(
            Pattern.quote(dir.toString())
                + "/[a-z/.]+:\\d+:\\d+: `(stream<[^`]+>|future<[^`]+>)` \\(component-model"
                + " async\\) is not supported yet");
    for (String line : lines.subList(1, lines.size())) {
      assertTrue(located.matcher(line).matches(), line);
    }
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
          "world w { export f: func(s: stream<u8>); }",
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
