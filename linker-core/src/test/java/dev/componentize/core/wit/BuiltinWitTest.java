package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinWitTest {

  private static Resolve command() {
    return WitLoader.loadText(
        "package my:app;\nworld app { include wasi:cli/command@0.2.12; }\n", Set.of());
  }

  @Test
  void commandWorldImportsTheWasiInterfacesInDependencyOrder() {
    World world = command().selectWorld("wasi:cli/command@0.2.12");
    List<String> expected =
        List.of(
            "wasi:cli/environment@0.2.12",
            "wasi:cli/exit@0.2.12",
            "wasi:io/error@0.2.12",
            "wasi:io/poll@0.2.12",
            "wasi:io/streams@0.2.12",
            "wasi:cli/stdin@0.2.12",
            "wasi:cli/stdout@0.2.12",
            "wasi:cli/stderr@0.2.12",
            "wasi:cli/terminal-input@0.2.12",
            "wasi:cli/terminal-output@0.2.12",
            "wasi:cli/terminal-stdin@0.2.12",
            "wasi:cli/terminal-stdout@0.2.12",
            "wasi:cli/terminal-stderr@0.2.12",
            "wasi:clocks/monotonic-clock@0.2.12",
            "wasi:clocks/wall-clock@0.2.12",
            "wasi:filesystem/types@0.2.12",
            "wasi:filesystem/preopens@0.2.12",
            "wasi:sockets/network@0.2.12",
            "wasi:sockets/instance-network@0.2.12",
            "wasi:sockets/udp@0.2.12",
            "wasi:sockets/udp-create-socket@0.2.12",
            "wasi:sockets/tcp@0.2.12",
            "wasi:sockets/tcp-create-socket@0.2.12",
            "wasi:sockets/ip-name-lookup@0.2.12",
            "wasi:random/random@0.2.12",
            "wasi:random/insecure@0.2.12",
            "wasi:random/insecure-seed@0.2.12");
    assertEquals(expected, List.copyOf(world.imports().keySet()));
    assertEquals(List.of("wasi:cli/run@0.2.12"), List.copyOf(world.exports().keySet()));
  }

  @Test
  void includingTheCommandWorldGivesTheSameImportsAndExports() {
    Resolve resolve = command();
    World app = resolve.selectWorld(null);
    World command = resolve.selectWorld("wasi:cli/command@0.2.12");
    assertEquals(command.imports().keySet(), app.imports().keySet());
    assertEquals(command.exports().keySet(), app.exports().keySet());
  }

  @Test
  void versionlessReferenceFindsTheBundledVersion() {
    Resolve resolve =
        WitLoader.loadText("package my:app;\nworld app { include wasi:cli/imports; }\n", Set.of());
    assertTrue(resolve.selectWorld("app").imports().containsKey("wasi:cli/stdout@0.2.12"));
  }

  @Test
  void unstableTimezoneIsDroppedUnlessItsFeatureIsEnabled() {
    String text = "package my:app;\nworld app { include wasi:clocks/imports@0.2.12; }\n";
    World without = WitLoader.loadText(text, Set.of()).selectWorld("app");
    World with = WitLoader.loadText(text, Set.of("clocks-timezone")).selectWorld("app");
    assertNull(without.imports().get("wasi:clocks/timezone@0.2.12"));
    assertEquals(
        List.of(
            "wasi:io/poll@0.2.12",
            "wasi:clocks/monotonic-clock@0.2.12",
            "wasi:clocks/wall-clock@0.2.12",
            "wasi:clocks/timezone@0.2.12"),
        List.copyOf(with.imports().keySet()));
  }

  @Test
  void bundledPackagesAreOnlyOfferedForTheirVersion() {
    assertNull(BuiltinWit.find(new PackageName("wasi", "cli", "0.2.0")));
    assertNull(BuiltinWit.find(new PackageName("wasi", "nn", null)));
    assertTrue(
        BuiltinWit.find(new PackageName("wasi", "io", null)).contains("package wasi:io@0.2.12;"));
  }

  @Test
  void wasi030IsBundledBesideTheDefaultVersion() {
    Resolve resolve =
        WitLoader.loadText(
            "package my:app;\nworld app { include wasi:cli/command@0.3.0; }\n", Set.of());
    World app = resolve.selectWorld("app");
    assertEquals(List.of("wasi:cli/run@0.3.0"), List.copyOf(app.exports().keySet()));
    assertTrue(app.imports().containsKey("wasi:cli/stdout@0.3.0"));
    assertTrue(app.imports().containsKey("wasi:clocks/monotonic-clock@0.3.0"));
    assertTrue(app.imports().keySet().stream().noneMatch(name -> name.startsWith("wasi:io/")));
    Interface run =
        resolve.iface(((WorldItem.InterfaceItem) app.exports().get("wasi:cli/run@0.3.0")).id());
    assertTrue(run.functions().get("run").async());
    assertNull(BuiltinWit.find(new PackageName("wasi", "io", "0.3.0")));
    assertTrue(
        BuiltinWit.find(new PackageName("wasi", "clocks", "0.3.0"))
            .contains("wait-for: async func(how-long: duration);"));
  }
}
