package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The accepting side of each validity rule of WIT (the refusing side is a file of {@code
 * wit/malformed/}, see {@link MalformedWitTest}), and the rules that need several files on disk.
 * The behaviour follows component-model {@code WIT.md} and {@code wasm-tools component wit} 1.262;
 * {@code package-info.java} names where they differ and which one we follow.
 */
class WitValidityRulesTest {

  private static Resolve load(String text) {
    return WitLoader.loadText(text, Set.of());
  }

  private static String printed(Resolve r) {
    return WitPrinter.printPackage(r, r.mainPackage());
  }

  // ---------------------------------------------------------------- borrow only in parameters

  @Test
  void borrowedHandlesAreAcceptedAnywhereInParameters() {
    Resolve r =
        load(
            "package a:b;\n"
                + "interface i {\n"
                + "  resource r { constructor(peer: borrow<r>); merge: func(other: borrow<r>); }\n"
                + "  record holder { r: borrow<r> }\n"
                + "  take: func(all: list<borrow<r>>, h: holder, o: option<tuple<u8, borrow<r>>>)"
                + " -> r;\n"
                + "}\n"
                + "world w { resource s; export use-it: func(s: borrow<s>) -> result<s>; }");
    Interface i = r.iface(r.pkg(r.mainPackage()).interfaces().get("i"));
    assertEquals(
        List.of("[constructor]r", "[method]r.merge", "take"), List.copyOf(i.functions().keySet()));
  }

  // ---------------------------------------------------------------- imports and exports

  @Test
  void aWorldMayImportAndExportTheSameInterfaceDirectlyOrThroughInclude() {
    // WIT.md's own example imports and exports one interface (a component that wraps it).
    Resolve r =
        load(
            "package a:b;\n"
                + "interface handler { handle: func(); }\n"
                + "world middleware { import handler; export handler; }\n"
                + "world base { import handler; }\n"
                + "world wrapped { include base; export handler; }");
    for (String name : List.of("middleware", "wrapped")) {
      World w = r.selectWorld(name);
      assertEquals(List.of("a:b/handler"), List.copyOf(w.imports().keySet()), name);
      assertEquals(List.of("a:b/handler"), List.copyOf(w.exports().keySet()), name);
    }
  }

  @Test
  void anExportMayUseAnotherExportOrAnImportThatUsesOnlyImports() {
    Resolve r =
        load(
            "package a:b;\n"
                + "interface t { type x = u8; }\n"
                + "interface i { use t.{x}; }\n"
                + "interface k { use i.{x}; }\n"
                + "world both-exported { export t; export i; }\n"
                + "world through-imports { import i; export k; }");
    assertEquals(
        List.of("a:b/t", "a:b/i"), List.copyOf(r.selectWorld("both-exported").exports().keySet()));
    World w = r.selectWorld("through-imports");
    assertEquals(List.of("a:b/t", "a:b/i"), List.copyOf(w.imports().keySet()));
    assertEquals(List.of("a:b/k"), List.copyOf(w.exports().keySet()));
  }

  // ---------------------------------------------------------------- feature gates

  @Test
  void versionGatesAreAcceptedOnEveryPlacementOfAVersionedPackage() {
    Resolve r =
        load(
            "package a:b@1.2.0;\n"
                + "@since(version = 1.0.0) interface i {\n"
                + "  @since(version = 1.0.0) type t = u8;\n"
                + "  @since(version = 1.2.0) @deprecated(version = 1.2.0) f: func();\n"
                + "  @since(version = 1.1.0) resource r {\n"
                + "    @since(version = 1.1.0) constructor();\n"
                + "    @since(version = 1.1.0) m: func();\n"
                + "  }\n"
                + "}\n"
                + "interface j { @since(version = 1.0.0) use i.{t}; }\n"
                + "world base {}\n"
                + "@since(version = 1.0.0) world w {\n"
                + "  @since(version = 1.0.0) import i;\n"
                + "  @since(version = 1.0.0) include base;\n"
                + "  @since(version = 1.0.0) export run: func();\n"
                + "  @unstable(feature = next) @deprecated(version = 1.1.0) export later: func();\n"
                + "}");
    assertEquals(
        "1.2.0",
        r.iface(r.pkg(r.mainPackage()).interfaces().get("i"))
            .functions()
            .get("f")
            .stability()
            .since());
  }

  @Test
  void unstableAndDeprecatedNeedNoPackageVersion() {
    Resolve r =
        WitLoader.loadText(
            "package a:b;\n"
                + "interface i { @unstable(feature = next) @deprecated(version = 0.1.0) f: func(); }",
            Set.of("next"));
    assertEquals(
        "0.1.0",
        r.iface(r.pkg(r.mainPackage()).interfaces().get("i"))
            .functions()
            .get("f")
            .stability()
            .deprecated());
  }

  @Test
  void sinceComparesVersionsBySemverPrecedence() {
    assertTrue(VersionGates.compare("0.2.0-rc-2023-11-10", "0.2.0") < 0);
    assertTrue(VersionGates.compare("1.10.0", "1.9.0") > 0);
    assertTrue(VersionGates.compare("1.0.0-alpha.2", "1.0.0-alpha.10") < 0);
    assertTrue(VersionGates.compare("1.0.0-alpha", "1.0.0-alpha.1") < 0);
    assertTrue(VersionGates.compare("1.0.0-1", "1.0.0-alpha") < 0);
    assertEquals(0, VersionGates.compare("1.0.0+build.5", "1.0.0"));
    load("package a:b@0.2.0-rc.2;\ninterface i { @since(version = 0.2.0-rc.1) f: func(); }");
  }

  // ---------------------------------------------------------------- names

  @Test
  void namesDifferingOnlyInCaseAreAcceptedInDifferentScopes() {
    Resolve r =
        load(
            "package a:b;\n"
                + "interface i { type t = u8; record r { id: u32 } run: func(); }\n"
                + "interface j { type T = u8; record r { ID: u32 } RUN: func(); }\n"
                + "interface k { type t = u8; use i.{t as u}; }\n"
                + "world w { type t = u8; import run: func(); export RUN: func(); }");
    assertEquals(3, r.pkg(r.mainPackage()).interfaces().size());
  }

  @Test
  void resourceFunctionsMayShareNamesWithOtherItemsButNotWithTheirResource() {
    Resolve r =
        load(
            "package a:b;\n"
                + "interface i { resource r { get: func(); r-get: static func(); } get: func(); }");
    assertEquals(
        List.of("[method]r.get", "[static]r.r-get", "get"),
        List.copyOf(r.iface(r.pkg(r.mainPackage()).interfaces().get("i")).functions().keySet()));
  }

  @Test
  void anEmptyUseListIsAcceptedAndBringsNoName() {
    Resolve r = load("package a:b;\ninterface i { type t = u8; }\ninterface j { use i.{}; }");
    Interface j = r.iface(r.pkg(r.mainPackage()).interfaces().get("j"));
    assertTrue(j.types().isEmpty());
    assertTrue(r.interfaceDependencies(j.id()).isEmpty());
  }

  // ---------------------------------------------------------------- map<K, V>

  @Test
  void mapTypesParseResolveAndPrintBack() {
    String text =
        "package a:b;\n\n"
            + "interface i {\n"
            + "  type headers = map<string, list<string>>;\n\n"
            + "  lookup: func(m: map<u32, headers>) -> option<map<string, string>>;\n"
            + "}\n\n";
    Resolve r = load(text);
    TypeDef headers =
        r.type(r.iface(r.pkg(r.mainPackage()).interfaces().get("i")).types().get("headers"));
    Type.MapType map =
        assertInstanceOf(Type.MapType.class, ((TypeDefKind.Alias) headers.kind()).target());
    assertEquals(Type.Primitive.STRING, map.key());
    assertEquals(new Type.ListType(Type.Primitive.STRING), map.value());
    assertEquals(text, printed(r));
  }

  @Test
  void aMapNeedsAKeyAndAValueType() {
    WitException e =
        assertThrows(
            WitException.class, () -> load("package a:b;\ninterface i { type m = map<u8>; }"));
    assertEquals(
        "<input>:2:30: expected ',' and a value type after the map's key type, found '>'",
        e.getMessage());
  }

  // ---------------------------------------------------------------- interfaces under plain names

  @Test
  void interfacesImportedAndExportedUnderPlainNamesResolveAndPrintBack() {
    String text =
        "package a:b;\n\n"
            + "interface store {\n"
            + "  get: func();\n"
            + "}\n\n"
            + "world base {\n"
            + "  import primary: store;\n"
            + "}\n"
            + "world w {\n"
            + "  import store;\n"
            + "  import main: store;\n\n"
            + "  export backup: store;\n"
            + "  export store;\n"
            + "}\n";
    Resolve r =
        load(
            "package a:b;\n"
                + "interface store { get: func(); }\n"
                + "world base { import primary: store; }\n"
                + "world w { include base with { primary as main } import store;"
                + " export backup: a:b/store; export store; }");
    World w = r.selectWorld("w");
    assertEquals(List.of("a:b/store", "main"), List.copyOf(w.imports().keySet()));
    assertEquals(List.of("backup", "a:b/store"), List.copyOf(w.exports().keySet()));
    assertEquals(text, printed(r));
  }

  // ---------------------------------------------------------------- packages over several files

  @Test
  void thePackageDocCommentMayBeInAnyOneFileOfTheDirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.wit"), "package a:b;\ninterface i {}\n");
    Files.writeString(dir.resolve("b.wit"), "/// The b package.\npackage a:b;\nworld w {}\n");
    Resolve r = WitLoader.load(dir, Set.of());
    assertEquals("The b package.", r.pkg(r.mainPackage()).docs());
  }

  @Test
  void packageDocCommentsInTwoFilesConflict(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.wit"), "/// One.\npackage a:b;\ninterface i {}\n");
    Files.writeString(dir.resolve("b.wit"), "/// Two.\npackage a:b;\nworld w {}\n");
    WitException e = assertThrows(WitException.class, () -> WitLoader.load(dir, Set.of()));
    assertEquals(
        dir.resolve("b.wit")
            + ":2:9: package a:b has a doc comment here and at "
            + dir.resolve("a.wit")
            + ":2:9; document the package in one file only",
        e.getMessage());
  }

  @Test
  void aNestedPackageBlockCollidingWithTheDirectoryPackageIsRefused(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("a.wit"), "package a:b;\ninterface i {}\n");
    Files.writeString(dir.resolve("b.wit"), "package a:b;\npackage a:b { interface j {} }\n");
    WitException e = assertThrows(WitException.class, () -> WitLoader.load(dir, Set.of()));
    assertTrue(
        e.getMessage()
            .startsWith(dir.resolve("b.wit") + ":2:9: package a:b is defined here and at "),
        e.getMessage());
  }

  // ---------------------------------------------------------------- deps/ forms

  @Test
  void everyFormOfDependencyLoads(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("app.wit"),
        "package a:app;\n"
            + "world w { import d:dir/i; import d:file/i; import d:one/i; import d:two/i; }\n");
    Path deps = Files.createDirectories(dir.resolve("deps"));
    Files.createDirectories(deps.resolve("dir"));
    Files.writeString(deps.resolve("dir").resolve("x.wit"), "package d:dir;\ninterface i {}\n");
    Files.writeString(deps.resolve("file.wit"), "package d:file;\ninterface i {}\n");
    Files.writeString(
        deps.resolve("several.wit"),
        "package d:one { interface i {} }\npackage d:two { interface i {} }\n");
    World w = WitLoader.load(dir, Set.of()).selectWorld("w");
    assertEquals(
        List.of("d:dir/i", "d:file/i", "d:one/i", "d:two/i"), List.copyOf(w.imports().keySet()));
  }

  @Test
  void twoDependenciesDefiningOnePackageConflict(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("app.wit"), "package a:app;\nworld w { import d:dup/i; }\n");
    Path deps = Files.createDirectories(dir.resolve("deps"));
    Files.writeString(deps.resolve("dup.wit"), "package d:dup;\ninterface i {}\n");
    Files.createDirectories(deps.resolve("more"));
    Files.writeString(deps.resolve("more").resolve("d.wit"), "package d:dup;\ninterface j {}\n");
    WitException e = assertThrows(WitException.class, () -> WitLoader.load(dir, Set.of()));
    assertEquals(
        deps.resolve("more").resolve("d.wit")
            + ":1:9: package d:dup is defined here and at "
            + deps.resolve("dup.wit")
            + ":1:9; a package is defined once: one directory, one file or one nested"
            + " 'package d:dup { ... }' block",
        e.getMessage());
  }
}
