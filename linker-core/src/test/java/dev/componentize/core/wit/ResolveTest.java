package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResolveTest {

  private static Resolve load(String text) {
    return WitLoader.loadText(text, Set.of());
  }

  @Test
  void selectWorldWithoutNamePicksTheOnlyWorld() {
    assertEquals("w", load("package a:b;\nworld w {}").selectWorld(null).name());
  }

  @Test
  void selectWorldWithoutNameListsTheWorldsWhenThereAreSeveral() {
    WitException e =
        assertThrows(
            WitException.class,
            () -> load("package a:b;\nworld cli {}\nworld proxy {}").selectWorld(null));
    assertEquals(
        "package a:b defines several worlds (cli, proxy); name the one to use", e.getMessage());
  }

  @Test
  void selectWorldByUnknownNameListsTheWorldsThere() {
    WitException e =
        assertThrows(
            WitException.class,
            () -> load("package a:b;\nworld cli {}\nworld proxy {}").selectWorld("hello"));
    assertEquals(
        "world 'hello' not found in package a:b (worlds there: cli, proxy)", e.getMessage());
  }

  @Test
  void selectWorldAcceptsAQualifiedNameFromAnyPackage() {
    Resolve r = load("package a:b;\nworld w { include wasi:cli/imports@0.2.12; }");
    assertEquals("imports", r.selectWorld("wasi:cli/imports@0.2.12").name());
    assertEquals("imports", r.selectWorld("wasi:cli/imports").name());
    WitException e = assertThrows(WitException.class, () -> r.selectWorld("wasi:cli/nope"));
    assertTrue(e.getMessage().startsWith("world 'wasi:cli/nope' not found (worlds: "));
  }

  @Test
  void typeClosureFollowsUsesFieldsAndHandlesDependenciesFirst() {
    Resolve r =
        load(
            "package a:b;\n"
                + "interface base { resource file; record stat { size: u64 } }\n"
                + "interface api { use base.{file, stat}; record info { s: stat, f: borrow<file> }"
                + " get: func(i: info); }\n"
                + "world w { import api; }");
    List<String> names =
        r.typeClosure(r.selectWorld("w").id()).stream()
            .map(id -> r.type(id).name() + "@" + r.interfaceName(owner(r, id)))
            .toList();
    assertEquals(
        List.of("file@a:b/base", "stat@a:b/base", "file@a:b/api", "stat@a:b/api", "info@a:b/api"),
        names);
  }

  private static InterfaceId owner(Resolve r, TypeId id) {
    return ((TypeOwner.OfInterface) r.type(id).owner()).id();
  }

  @Test
  void interfaceNamesAreQualifiedWithPackageAndVersion() {
    Resolve r = load("package a:b@1.0.0;\ninterface i {}");
    assertEquals("a:b/i@1.0.0", r.interfaceName(r.pkg(r.mainPackage()).interfaces().get("i")));
  }
}
