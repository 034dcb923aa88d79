package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WitResolverTest {

  private static Resolve load(String text) {
    return WitLoader.loadText(text, Set.of());
  }

  private static Interface iface(Resolve r, String name) {
    return r.iface(r.pkg(r.mainPackage()).interfaces().get(name));
  }

  private static TypeDef type(Resolve r, Interface i, String name) {
    return r.type(i.types().get(name));
  }

  private static String error(String text) {
    return assertThrows(WitException.class, () -> load(text)).getMessage();
  }

  @Test
  void typesMayBeUsedBeforeTheyAreDefinedAndGetLowerIdsThanTheirUsers() {
    Resolve r = load("package a:b;\ninterface i { type x = y; record y { f: u32 } }");
    Interface i = iface(r, "i");
    TypeDef x = type(r, i, "x");
    TypeDef y = type(r, i, "y");
    assertEquals(new TypeDefKind.Alias(new Type.Named(y.id())), x.kind());
    assertTrue(y.id().index() < x.id().index());
    assertEquals(List.of("y", "x"), List.copyOf(i.types().keySet()));
  }

  @Test
  void typesAreListedInWitParserOrderWithEachRightAfterWhatItNeeds() {
    Resolve r =
        load(
            "package a:b;\ninterface other { type o = u8; }\n"
                + "interface i { type a = u8; type b = d; type c = u8; record d { x: e }"
                + " type e = u8; use other.{o}; }");
    assertEquals(
        List.of("o", "a", "c", "e", "d", "b"), List.copyOf(iface(r, "i").types().keySet()));
  }

  @Test
  void bareResourceNamesAreOwnedHandlesAndAliasesKeepTheResourceItself() {
    Resolve r =
        load(
            "package a:b;\ninterface i { resource r; type r2 = r;"
                + " f: func(a: r, b: borrow<r2>, c: own<r>); }");
    Interface i = iface(r, "i");
    TypeId res = i.types().get("r");
    TypeId alias = i.types().get("r2");
    assertEquals(new TypeDefKind.Alias(new Type.Named(res)), r.type(alias).kind());
    assertEquals(res, r.unalias(alias).id());
    List<Function.Param> params = i.functions().get("f").params();
    assertEquals(new Type.Handle(Type.HandleKind.OWN, res), params.get(0).type());
    assertEquals(new Type.Handle(Type.HandleKind.BORROW, alias), params.get(1).type());
    assertEquals(new Type.Handle(Type.HandleKind.OWN, res), params.get(2).type());
  }

  @Test
  void resourceFunctionsAreDesugaredWithKindsSelfAndExternNames() {
    Resolve r =
        load(
            "package a:b;\ninterface i { resource blob {\n"
                + "constructor(init: list<u8>);\n"
                + "write: func(bytes: list<u8>);\n"
                + "merge: static func(lhs: borrow<blob>, rhs: borrow<blob>) -> blob;\n"
                + "} resource blob2 { constructor() -> result<blob2, string>; } }");
    Interface i = iface(r, "i");
    TypeId blob = i.types().get("blob");
    assertEquals(
        List.of(
            "[constructor]blob", "[method]blob.write", "[static]blob.merge", "[constructor]blob2"),
        List.copyOf(i.functions().keySet()));
    Function ctor = i.functions().get("[constructor]blob");
    assertEquals(new FunctionKind.Constructor(blob), ctor.kind());
    assertEquals(new Type.Handle(Type.HandleKind.OWN, blob), ctor.result());
    Function write = i.functions().get("[method]blob.write");
    assertEquals("write", write.name());
    assertEquals(new FunctionKind.Method(blob), write.kind());
    assertEquals(
        new Function.Param("self", new Type.Handle(Type.HandleKind.BORROW, blob)),
        write.params().get(0));
    assertEquals(2, write.params().size());
    assertEquals(new FunctionKind.Static(blob), i.functions().get("[static]blob.merge").kind());
    assertInstanceOf(Type.ResultType.class, i.functions().get("[constructor]blob2").result());
  }

  @Test
  void useCreatesALocalAliasOwnedByTheUsingInterface() {
    Resolve r =
        load(
            "package a:b;\ninterface types { record p { x: u32 } }\n"
                + "interface user { use types.{p as point}; f: func(a: point); }");
    Interface user = iface(r, "user");
    TypeDef point = type(r, user, "point");
    assertEquals(new TypeOwner.OfInterface(user.id()), point.owner());
    assertEquals(type(r, iface(r, "types"), "p").id(), r.unalias(point.id()).id());
    assertEquals(new Type.Named(point.id()), user.functions().get("f").params().get(0).type());
    assertEquals(List.of(iface(r, "types").id()), r.interfaceDependencies(user.id()));
  }

  @Test
  void topLevelUseRenamesAnInterfaceForTheFile() {
    Resolve r =
        load(
            "package a:b;\nuse types as t;\ninterface types { type x = u8; }\n"
                + "world w { import t; use t.{x}; }");
    World w = r.selectWorld("w");
    assertTrue(w.imports().containsKey("a:b/types"));
    assertInstanceOf(WorldItem.TypeItem.class, w.imports().get("x"));
  }

  @Test
  void worldTypeUsesImportTheirInterfaceFirst() {
    Resolve r = load("package a:b;\ninterface types { type x = u8; }\nworld w { use types.{x}; }");
    assertEquals(List.of("a:b/types", "x"), List.copyOf(r.selectWorld("w").imports().keySet()));
  }

  @Test
  void exportedInterfacesImportTheInterfacesTheyUseUnlessThoseAreExported() {
    Resolve r =
        load(
            "package a:b;\ninterface base { type t = u8; }\n"
                + "interface mid { use base.{t}; }\n"
                + "interface top { use mid.{t}; }\n"
                + "world w { export top; }\n"
                + "world v { export top; export mid; }");
    World w = r.selectWorld("w");
    assertEquals(List.of("a:b/base", "a:b/mid"), List.copyOf(w.imports().keySet()));
    assertEquals(List.of("a:b/top"), List.copyOf(w.exports().keySet()));
    World v = r.selectWorld("v");
    assertEquals(List.of("a:b/base"), List.copyOf(v.imports().keySet()));
    assertEquals(List.of("a:b/mid", "a:b/top"), List.copyOf(v.exports().keySet()));
  }

  @Test
  void includeMergesImportsAndExportsAndRenamesPlainNames() {
    Resolve r =
        load(
            "package a:b;\ninterface i { f: func(); }\n"
                + "world base { import i; import go: func(); export run: func(); }\n"
                + "world w { import go: func(x: u32); include base with { go as base-go } }");
    World w = r.selectWorld("w");
    assertEquals(List.of("go", "a:b/i", "base-go"), List.copyOf(w.imports().keySet()));
    assertEquals(List.of("run"), List.copyOf(w.exports().keySet()));
  }

  @Test
  void inlineInterfacesHaveNoNameAndBelongToTheWorldsPackage() {
    Resolve r = load("package a:b;\nworld w { export api: interface { f: func() -> string; } }");
    WorldItem.InterfaceItem api = (WorldItem.InterfaceItem) r.selectWorld("w").exports().get("api");
    Interface inline = r.iface(api.id());
    assertNull(inline.name());
    assertNull(r.interfaceName(api.id()));
    assertEquals(r.mainPackage(), inline.pkg());
    assertEquals(Type.Primitive.STRING, inline.functions().get("f").result());
  }

  @Test
  void worldLevelTypesAreOwnedByTheWorld() {
    Resolve r =
        load(
            "package a:b;\nworld w { record cfg { n: u32 }"
                + " import set: func(c: cfg); export get: func() -> cfg; }");
    World w = r.selectWorld("w");
    TypeId cfg = ((WorldItem.TypeItem) w.imports().get("cfg")).id();
    assertEquals(new TypeOwner.OfWorld(w.id()), r.type(cfg).owner());
    Function get = ((WorldItem.FunctionItem) w.exports().get("get")).function();
    assertEquals(new Type.Named(cfg), get.result());
  }

  @Test
  void unstableItemsAreDroppedUnlessTheirFeatureIsEnabled() {
    String text =
        "package a:b@1.0.0;\ninterface i {\n"
            + "@unstable(feature = fancy) f: func();\n"
            + "@since(version = 1.0.0) g: func();\n"
            + "@unstable(feature = fancy) record r { x: u8 }\n}\n"
            + "@unstable(feature = fancy) interface j {}\n";
    Resolve off = WitLoader.loadText(text, Set.of());
    assertEquals(List.of("g"), List.copyOf(iface(off, "i").functions().keySet()));
    assertTrue(iface(off, "i").types().isEmpty());
    assertFalse(off.pkg(off.mainPackage()).interfaces().containsKey("j"));
    Resolve on = WitLoader.loadText(text, Set.of("fancy"));
    assertEquals(List.of("f", "g"), List.copyOf(iface(on, "i").functions().keySet()));
    assertEquals("fancy", iface(on, "i").functions().get("f").stability().unstableFeature());
    assertEquals("1.0.0", iface(on, "i").functions().get("g").stability().since());
    assertTrue(on.pkg(on.mainPackage()).interfaces().containsKey("j"));
  }

  @Test
  void referringToAnItemOfADisabledFeatureIsAnUnknownName() {
    WitException e =
        assertThrows(
            WitException.class,
            () ->
                WitLoader.loadText(
                    "package a:b;\ninterface i { @unstable(feature = x) type t = u8;"
                        + " f: func(a: t); }",
                    Set.of()));
    assertEquals("<input>:2:62: unknown type 't'", e.getMessage());
  }

  @Test
  void docCommentsAreKeptOnEveryKindOfItem() {
    Resolve r =
        load(
            "/// pkg\npackage a:b;\n/// iface\ninterface i {\n/// rec\nrecord r {\n/// field\nx: u8 }\n"
                + "/// fn\nf: func();\n}\n/** world */\nworld w {}");
    Interface i = iface(r, "i");
    assertEquals("pkg", r.pkg(r.mainPackage()).docs());
    assertEquals("iface", i.docs());
    assertEquals("rec", type(r, i, "r").docs());
    assertEquals("field", ((TypeDefKind.Record) type(r, i, "r").kind()).fields().get(0).docs());
    assertEquals("fn", i.functions().get("f").docs());
    assertEquals("world", r.selectWorld("w").docs());
  }

  @Test
  void resolutionErrorsAreLocated() {
    assertEquals(
        "<input>:2:29: unknown type 'nope'",
        error("package a:b;\nworld w { import f: func(x: nope); }"));
    assertEquals(
        "<input>:2:18: interface or world 'nope' not found in package a:b (defined there: w)",
        error("package a:b;\nworld w { import nope; }"));
    assertEquals(
        "<input>:2:36: 'i' is already exported by world 'w'",
        error("package a:b;\nworld w { export i: func(); export i: interface {} }"));
  }
}
