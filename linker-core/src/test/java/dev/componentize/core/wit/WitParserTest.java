package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WitParserTest {
  private static final Path FILE = Path.of("src/main/wit/world.wit");

  private static Ast.File parse(String text) {
    return WitParser.parse(FILE, text);
  }

  private static String error(String text) {
    return assertThrows(WitException.class, () -> parse(text)).getMessage();
  }

  @Test
  void packageDeclarationKeepsNamespaceNameVersionAndDocs() {
    Ast.File file = parse("/// The docs.\npackage wasi:cli@0.2.12-rc.1;");
    assertEquals(new PackageName("wasi", "cli", "0.2.12-rc.1"), file.pkg().name().toName());
    assertEquals("The docs.", file.pkg().docs());
  }

  @Test
  void nestedPackagesFollowTheTopLevelItems() {
    Ast.File file =
        parse("package a:b;\ninterface i {}\npackage c:d@1.0.0 { interface j {} world w {} }");
    assertEquals(1, file.items().interfaces().size());
    assertEquals(1, file.nested().size());
    Ast.NestedPackage nested = file.nested().get(0);
    assertEquals("c:d@1.0.0", nested.decl().name().toName().toString());
    assertEquals("j", nested.items().interfaces().get(0).name().text());
    assertEquals("w", nested.items().worlds().get(0).name().text());
  }

  @Test
  void useListsAcceptRenamesAndATrailingComma() {
    Ast.File file = parse("package a:b;\ninterface i { use x:y/z@1.0.0.{a, b as c,}; }");
    Ast.UseDecl use = (Ast.UseDecl) file.items().interfaces().get(0).members().get(0);
    assertEquals("x:y/z@1.0.0", use.path().toString());
    assertEquals(2, use.names().size());
    assertEquals("c", use.names().get(1).localName().text());
  }

  @Test
  void resultFormsParseToTheirOptionalSides() {
    Ast.File file =
        parse(
            "package a:b;\ninterface i {\n"
                + "type a = result; type b = result<u32>; type c = result<_, string>;"
                + " type d = result<u8, s8>; }");
    List<Ast.InterfaceMember> members = file.items().interfaces().get(0).members();
    Ast.ResultExpr a = (Ast.ResultExpr) ((Ast.AliasBody) body(members.get(0))).target();
    Ast.ResultExpr b = (Ast.ResultExpr) ((Ast.AliasBody) body(members.get(1))).target();
    Ast.ResultExpr c = (Ast.ResultExpr) ((Ast.AliasBody) body(members.get(2))).target();
    Ast.ResultExpr d = (Ast.ResultExpr) ((Ast.AliasBody) body(members.get(3))).target();
    assertNull(a.ok());
    assertNull(a.err());
    assertInstanceOf(Ast.PrimitiveExpr.class, b.ok());
    assertNull(b.err());
    assertNull(c.ok());
    assertInstanceOf(Ast.PrimitiveExpr.class, c.err());
    assertInstanceOf(Ast.PrimitiveExpr.class, d.ok());
    assertInstanceOf(Ast.PrimitiveExpr.class, d.err());
  }

  private static Ast.TypeBody body(Ast.InterfaceMember m) {
    return ((Ast.TypeDecl) m).body();
  }

  @Test
  void resourceMembersAreConstructorMethodAndStatic() {
    Ast.File file =
        parse(
            "package a:b;\ninterface i { resource r {\n"
                + "constructor(x: u32) -> result<r, string>;\n"
                + "m: async func();\n"
                + "s: static func() -> r;\n} }");
    Ast.ResourceBody r = (Ast.ResourceBody) body(file.items().interfaces().get(0).members().get(0));
    assertEquals(
        List.of(
            Ast.ResourceFuncKind.CONSTRUCTOR,
            Ast.ResourceFuncKind.METHOD,
            Ast.ResourceFuncKind.STATIC),
        r.functions().stream().map(Ast.ResourceFunc::kind).toList());
    assertTrue(r.functions().get(1).type().async());
  }

  @Test
  void worldItemsCoverEveryForm() {
    Ast.File file =
        parse(
            "package a:b;\nworld w {\n"
                + "import i;\n"
                + "export x:y/z@1.0.0;\n"
                + "import f: func(a: string);\n"
                + "export g: interface { h: func(); }\n"
                + "use i.{t};\n"
                + "type u = u32;\n"
                + "include other with { f as f2 }\n"
                + "}");
    List<Ast.WorldMember> m = file.items().worlds().get(0).members();
    assertInstanceOf(Ast.ExternPath.class, m.get(0));
    assertTrue(((Ast.ExternPath) m.get(1)).export());
    assertInstanceOf(Ast.ExternFunc.class, m.get(2));
    assertInstanceOf(Ast.ExternInline.class, m.get(3));
    assertInstanceOf(Ast.UseDecl.class, m.get(4));
    assertInstanceOf(Ast.TypeDecl.class, m.get(5));
    Ast.IncludeDecl include = (Ast.IncludeDecl) m.get(6);
    assertEquals("f2", include.renames().get(0).as().text());
  }

  @Test
  void gatesAreCollectedAndDocsComeFromBeforeThem() {
    Ast.File file =
        parse(
            "package a:b@1.0.0;\n/// Documented.\n@since(version = 1.0.0)\n"
                + "@deprecated(version = 1.1.0)\ninterface i {"
                + " @unstable(feature = fancy) f: func(); }");
    Ast.InterfaceDecl i = file.items().interfaces().get(0);
    assertEquals(new Stability("1.0.0", null, "1.1.0"), i.gate());
    assertEquals("Documented.", i.docs());
    assertEquals("fancy", ((Ast.FuncDecl) i.members().get(0)).gate().unstableFeature());
  }

  @Test
  void asyncFutureStreamAndErrorContextParse() {
    Ast.File file =
        parse(
            "package a:b;\ninterface i { f: async func(s: stream<u8>, t: stream)"
                + " -> tuple<future<string>, future, error-context>; }");
    Ast.FuncDecl f = (Ast.FuncDecl) file.items().interfaces().get(0).members().get(0);
    assertTrue(f.type().async());
    assertInstanceOf(Ast.StreamExpr.class, f.type().params().get(0).type());
    assertNull(((Ast.StreamExpr) f.type().params().get(1).type()).payload());
  }

  @Test
  void syntaxErrorsNameFileLineColumnExpectationAndFoundToken() {
    assertEquals(
        "src/main/wit/world.wit:3:19: expected ',' or '}' after record field, found 'u32x'",
        error("package a:b;\ninterface i {\nrecord r { a: u32 u32x }\n}"));
    assertEquals(
        "src/main/wit/world.wit:1:13: expected ';' or '{' after package name, found end of file",
        error("package a:b "));
    assertEquals(
        "src/main/wit/world.wit:2:17: expected ':' after function name, found 'func'",
        error("package a:b;\ninterface i { f func(); }"));
    assertEquals(
        "src/main/wit/world.wit:2:30: expected ',' or ')' after parameter, found 'b'",
        error("package a:b;\ninterface i { f: func(a: u32 b: u32); }"));
    assertEquals(
        "src/main/wit/world.wit:2:29: expected 'import', 'export', 'use', 'include', a type"
            + " definition or '}', found 'f'",
        error("package a:b;\nworld w { import f: func(); f }"));
    assertEquals(
        "src/main/wit/world.wit:2:31: expected '>' to close list, found ';'",
        error("package a:b;\ninterface i { type t = list<u8; }"));
    assertEquals(
        "src/main/wit/world.wit:2:33: fixed-size list length must be between 1 and 2^31-1",
        error("package a:b;\ninterface i { type t = list<u8, 0>; }"));
    assertEquals(
        "src/main/wit/world.wit:1:12: nested namespaces ('a:b:c') are not supported, found ':'",
        error("package a:b:c;"));
    assertEquals(
        "src/main/wit/world.wit:2:1: @external-id is not supported",
        error("package a:b;\n@external-id(\"x\") interface i {}"));
    assertEquals(
        "src/main/wit/world.wit:2:48: an item cannot be both @since and @unstable, found"
            + " 'interface'",
        error("package a:b@1.0.0;\n@since(version = 1.0.0) @unstable(feature = f) interface i {}"));
  }
}
