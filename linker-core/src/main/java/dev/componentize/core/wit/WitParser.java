package dev.componentize.core.wit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser from WIT text to an {@link Ast.File}, following the grammar in
 * component-model {@code WIT.md} ("Top-level items" onwards). It checks syntax only; names are
 * resolved by {@link WitResolver}.
 *
 * <p>Not supported, each rejected with a located error: {@code @external-id}, nested namespaces
 * ({@code a:b:c}).
 */
final class WitParser {
  private final WitLexer lexer;
  private Token lookahead;
  private int typeDepth;

  private WitParser(WitLexer lexer) {
    this.lexer = lexer;
  }

  /** Parses one file's text; {@code file} is only used in locations (may be {@code null}). */
  static Ast.File parse(Path file, String text) {
    return new WitParser(new WitLexer(file, text)).file();
  }

  private Ast.File file() {
    Ast.PackageDecl pkg = null;
    List<Ast.NestedPackage> nested = new ArrayList<>();
    ItemsBuilder top = new ItemsBuilder();
    if (peekKeyword("package")) {
      String docs = peek().docs();
      next();
      Ast.PackageRef name = packageRef();
      if (peek().kind() == TokenKind.LEFT_BRACE) {
        nested.add(nestedPackage(new Ast.PackageDecl(name, docs)));
      } else {
        expect(TokenKind.SEMICOLON, "';' or '{' after package name");
        pkg = new Ast.PackageDecl(name, docs);
      }
    }
    while (peek().kind() != TokenKind.EOF) {
      if (peekKeyword("package")) {
        String docs = peek().docs();
        next();
        Ast.PackageRef name = packageRef();
        if (peek().kind() != TokenKind.LEFT_BRACE) {
          throw error(
              "expected '{' after nested package name (a 'package ...;' declaration must come"
                  + " first in the file)");
        }
        nested.add(nestedPackage(new Ast.PackageDecl(name, docs)));
      } else {
        packageItem(top);
      }
    }
    return new Ast.File(lexer.file(), pkg, top.build(lexer.file()), nested);
  }

  private Ast.NestedPackage nestedPackage(Ast.PackageDecl decl) {
    expect(TokenKind.LEFT_BRACE, "'{'");
    ItemsBuilder items = new ItemsBuilder();
    while (peek().kind() != TokenKind.RIGHT_BRACE) {
      if (peek().kind() == TokenKind.EOF) {
        throw error("expected '}' to close package " + decl.name().toName());
      }
      if (peekKeyword("package")) {
        throw error("packages cannot be nested inside nested packages");
      }
      packageItem(items);
    }
    next();
    return new Ast.NestedPackage(decl, items.build(lexer.file()));
  }

  /** {@code toplevel-use-item | interface-item | world-item}. */
  private void packageItem(ItemsBuilder items) {
    String docs = peek().docs();
    if (peekKeyword("use")) {
      next();
      Ast.UsePath path = usePath();
      Ast.Name alias = null;
      if (peekKeyword("as")) {
        next();
        alias = id("a name after 'as'");
      }
      expect(TokenKind.SEMICOLON, "';' after top-level use");
      items.uses.add(new Ast.TopUse(path, alias));
      return;
    }
    Stability gate = gates();
    docs = docs != null ? docs : peek().docs();
    if (peekKeyword("interface")) {
      next();
      Ast.Name name = id("an interface name");
      expect(TokenKind.LEFT_BRACE, "'{' after interface name");
      items.interfaces.add(new Ast.InterfaceDecl(name, interfaceMembers(), docs, gate));
    } else if (peekKeyword("world")) {
      next();
      Ast.Name name = id("a world name");
      expect(TokenKind.LEFT_BRACE, "'{' after world name");
      items.worlds.add(new Ast.WorldDecl(name, worldMembers(), docs, gate));
    } else {
      throw error("expected 'interface', 'world', 'use' or 'package'");
    }
  }

  /** Members up to and including the closing brace. */
  private List<Ast.InterfaceMember> interfaceMembers() {
    List<Ast.InterfaceMember> members = new ArrayList<>();
    while (peek().kind() != TokenKind.RIGHT_BRACE) {
      String docs = peek().docs();
      Stability gate = gates();
      docs = docs != null ? docs : peek().docs();
      Token t = peek();
      if (isKeyword(t, "use")) {
        members.add(use(docs, gate));
      } else if (isTypedefKeyword(t)) {
        members.add(typeDecl(docs, gate));
      } else if (t.kind() == TokenKind.ID) {
        Ast.Name name = id("a function name");
        expect(TokenKind.COLON, "':' after function name");
        Ast.FuncType type = funcType();
        expect(TokenKind.SEMICOLON, "';' after function type");
        members.add(new Ast.FuncDecl(name, type, docs, gate));
      } else {
        throw error("expected a type, function or 'use' in interface, or '}'");
      }
    }
    next();
    return members;
  }

  private List<Ast.WorldMember> worldMembers() {
    List<Ast.WorldMember> members = new ArrayList<>();
    while (peek().kind() != TokenKind.RIGHT_BRACE) {
      String docs = peek().docs();
      Stability gate = gates();
      docs = docs != null ? docs : peek().docs();
      Token t = peek();
      if (isKeyword(t, "import") || isKeyword(t, "export")) {
        next();
        members.add(extern(isKeyword(t, "export"), docs, gate));
      } else if (isKeyword(t, "use")) {
        members.add(use(docs, gate));
      } else if (isKeyword(t, "include")) {
        members.add(include(gate));
      } else if (isTypedefKeyword(t)) {
        members.add(typeDecl(docs, gate));
      } else {
        throw error("expected 'import', 'export', 'use', 'include', a type definition or '}'");
      }
    }
    next();
    return members;
  }

  /** After {@code import}/{@code export}: {@code id ':' extern-type} or {@code use-path ';'}. */
  private Ast.WorldMember extern(boolean export, String docs, Stability gate) {
    String keyword = export ? "export" : "import";
    Ast.Name first = id("an interface path or a name after '" + keyword + "'");
    Ast.UsePath path;
    if (peek().kind() == TokenKind.COLON) {
      next();
      Token t = peek();
      if (isKeyword(t, "func") || isKeyword(t, "async")) {
        Ast.FuncType type = funcType();
        expect(TokenKind.SEMICOLON, "';' after function type");
        return new Ast.ExternFunc(export, first, type, docs, gate);
      }
      if (isKeyword(t, "interface")) {
        next();
        expect(TokenKind.LEFT_BRACE, "'{' after 'interface'");
        return new Ast.ExternInline(export, first, interfaceMembers(), docs, gate);
      }
      Ast.Name second = id("an interface path or 'func' or 'interface' after ':'");
      Ast.Name plainName = null;
      if (peek().kind() == TokenKind.SLASH) {
        path = foreignPathAfterPackage(first, second);
      } else {
        // `import name: iface;` or `import name: ns:pkg/iface;`: an interface under a plain name.
        plainName = first;
        path =
            eat(TokenKind.COLON)
                ? foreignPathAfterNamespace(second)
                : new Ast.UsePath(null, second);
      }
      expect(TokenKind.SEMICOLON, "';' after " + keyword + " path");
      return new Ast.ExternPath(export, plainName, path, docs, gate);
    } else {
      path = new Ast.UsePath(null, first);
    }
    expect(TokenKind.SEMICOLON, "';' after " + keyword + " path");
    return new Ast.ExternPath(export, null, path, docs, gate);
  }

  private Ast.IncludeDecl include(Stability gate) {
    next();
    Ast.UsePath path = usePath();
    List<Ast.IncludeName> renames = new ArrayList<>();
    if (peekKeyword("with")) {
      next();
      expect(TokenKind.LEFT_BRACE, "'{' after 'with'");
      do {
        if (peek().kind() == TokenKind.RIGHT_BRACE) {
          break;
        }
        Ast.Name name = id("a name to rename");
        expectKeyword("as", "'as' in include rename");
        renames.add(new Ast.IncludeName(name, id("a new name after 'as'")));
      } while (eat(TokenKind.COMMA));
      expect(TokenKind.RIGHT_BRACE, "',' or '}' after include rename");
      // WIT.md "Item: include": the with-block form has no terminating ';'.
      return new Ast.IncludeDecl(path, renames, gate);
    }
    expect(TokenKind.SEMICOLON, "';' after include");
    return new Ast.IncludeDecl(path, renames, gate);
  }

  private Ast.UseDecl use(String docs, Stability gate) {
    next();
    Ast.UsePath path = usePath();
    expect(TokenKind.PERIOD, "'.' after use path (as in 'use iface.{name}')");
    expect(TokenKind.LEFT_BRACE, "'{' after 'use path.'");
    List<Ast.UseName> names = new ArrayList<>();
    // WIT.md "Item: use": the list may be empty (`use a.{};` names the interface, brings nothing).
    do {
      if (peek().kind() == TokenKind.RIGHT_BRACE) {
        break;
      }
      Ast.Name name = id("a type name in use list");
      Ast.Name alias = null;
      if (peekKeyword("as")) {
        next();
        alias = id("a name after 'as'");
      }
      names.add(new Ast.UseName(name, alias));
    } while (eat(TokenKind.COMMA));
    expect(TokenKind.RIGHT_BRACE, "',' or '}' in use list");
    expect(TokenKind.SEMICOLON, "';' after use");
    return new Ast.UseDecl(path, names, docs, gate);
  }

  /** {@code id} or {@code ns:pkg/id(@version)?}. */
  private Ast.UsePath usePath() {
    Ast.Name first = id("an interface or world name");
    if (peek().kind() != TokenKind.COLON) {
      return new Ast.UsePath(null, first);
    }
    next();
    return foreignPathAfterNamespace(first);
  }

  /** The rest of {@code ns:pkg/name@version} once {@code ns:} has been read. */
  private Ast.UsePath foreignPathAfterNamespace(Ast.Name namespace) {
    return foreignPathAfterPackage(
        namespace, id("a package name after '" + namespace.text() + ":'"));
  }

  /** The rest of {@code ns:pkg/name@version} once {@code ns:pkg} has been read. */
  private Ast.UsePath foreignPathAfterPackage(Ast.Name namespace, Ast.Name pkg) {
    if (peek().kind() == TokenKind.COLON) {
      throw error("nested namespaces ('a:b:c') are not supported");
    }
    expect(
        TokenKind.SLASH,
        "'/' and an interface or world name after package '"
            + namespace.text()
            + ":"
            + pkg.text()
            + "'");
    Ast.Name name = id("an interface or world name after '/'");
    if (peek().kind() == TokenKind.SLASH) {
      throw error("nested package paths ('a:b/c/d') are not supported");
    }
    String version = null;
    if (peek().kind() == TokenKind.AT) {
      next();
      version = lexer.version();
    }
    return new Ast.UsePath(
        new Ast.PackageRef(namespace.text(), pkg.text(), version, namespace.span()), name);
  }

  private Ast.PackageRef packageRef() {
    Ast.Name namespace = id("a package namespace after 'package'");
    expect(TokenKind.COLON, "':' between package namespace and name");
    Ast.Name name = id("a package name after ':'");
    if (peek().kind() == TokenKind.COLON) {
      throw error("nested namespaces ('a:b:c') are not supported");
    }
    if (peek().kind() == TokenKind.SLASH) {
      throw error("package paths ('a:b/c') are not supported in a package declaration");
    }
    String version = null;
    if (peek().kind() == TokenKind.AT) {
      next();
      version = lexer.version();
    }
    return new Ast.PackageRef(namespace.text(), name.text(), version, namespace.span());
  }

  /**
   * Zero or more {@code @since}, {@code @unstable}, {@code @deprecated} (WIT.md "Feature Gates").
   */
  private Stability gates() {
    String since = null;
    String feature = null;
    String deprecated = null;
    SourceSpan deprecatedAt = null;
    while (peek().kind() == TokenKind.AT) {
      Token at = next();
      if (peek().kind() != TokenKind.ID) {
        throw error("expected 'since', 'unstable' or 'deprecated' after '@'");
      }
      Token gate = next();
      switch (gate.text()) {
        case "since" -> {
          checkSingle(since, gate);
          since = gateVersion();
        }
        case "deprecated" -> {
          checkSingle(deprecated, gate);
          deprecatedAt = gate.span();
          deprecated = gateVersion();
        }
        case "unstable" -> {
          checkSingle(feature, gate);
          expect(TokenKind.LEFT_PAREN, "'(' after '@unstable'");
          expectField("feature");
          feature = id("a feature name").text();
          expect(TokenKind.RIGHT_PAREN, "')' after feature name");
        }
        case "external-id" -> throw new WitException(at.span(), "@external-id is not supported");
        default ->
            throw new WitException(
                gate.span(),
                "unknown attribute '@"
                    + gate.text()
                    + "' (expected since, unstable or deprecated)");
      }
    }
    if (since != null && feature != null) {
      throw error("an item cannot be both @since and @unstable");
    }
    if (deprecatedAt != null && since == null && feature == null) {
      // WIT.md "Feature Gates": @deprecated is always paired with @since or @unstable.
      throw new WitException(
          deprecatedAt, "@deprecated needs @since or @unstable on the same item");
    }
    return since == null && feature == null && deprecated == null
        ? Stability.UNKNOWN
        : new Stability(since, feature, deprecated);
  }

  private void checkSingle(String previous, Token gate) {
    if (previous != null) {
      throw new WitException(gate.span(), "duplicate '@" + gate.text() + "'");
    }
  }

  private String gateVersion() {
    expect(TokenKind.LEFT_PAREN, "'('");
    expectField("version");
    String version = lexer.version();
    if (peek().kind() == TokenKind.COMMA) {
      throw error("expected ')' after version (only 'version = ...' is allowed here)");
    }
    expect(TokenKind.RIGHT_PAREN, "')' after version");
    return version;
  }

  private void expectField(String field) {
    Token t = peek();
    if (t.kind() != TokenKind.ID || !t.text().equals(field)) {
      throw error("expected '" + field + " ='");
    }
    next();
    expect(TokenKind.EQUALS, "'=' after '" + field + "'");
  }

  private Ast.TypeDecl typeDecl(String docs, Stability gate) {
    Token keyword = next();
    Ast.Name name = id("a name after '" + keyword.text() + "'");
    Ast.TypeBody body =
        switch (keyword.text()) {
          case "type" -> {
            expect(TokenKind.EQUALS, "'=' after type name");
            Ast.TypeExpr target = type();
            expect(TokenKind.SEMICOLON, "';' after type alias");
            yield new Ast.AliasBody(target);
          }
          case "record" -> new Ast.RecordBody(recordFields(name));
          case "variant" -> new Ast.VariantBody(variantCases(name));
          case "enum" -> new Ast.EnumBody(labels("enum", name));
          case "flags" -> new Ast.FlagsBody(labels("flags", name));
          case "resource" -> new Ast.ResourceBody(resourceFunctions());
          default -> throw new IllegalStateException(keyword.text());
        };
    return new Ast.TypeDecl(name, body, docs, gate);
  }

  private List<Ast.Field> recordFields(Ast.Name record) {
    expect(TokenKind.LEFT_BRACE, "'{' after record name");
    List<Ast.Field> fields = new ArrayList<>();
    while (peek().kind() != TokenKind.RIGHT_BRACE) {
      String docs = peek().docs();
      Ast.Name name = id("a field name");
      expect(TokenKind.COLON, "':' after field name");
      fields.add(new Ast.Field(name, type(), docs));
      if (!eat(TokenKind.COMMA) && peek().kind() != TokenKind.RIGHT_BRACE) {
        throw error("expected ',' or '}' after record field");
      }
    }
    next();
    requireNonEmpty(fields, "record", record);
    return fields;
  }

  private List<Ast.Case> variantCases(Ast.Name variant) {
    expect(TokenKind.LEFT_BRACE, "'{' after variant name");
    List<Ast.Case> cases = new ArrayList<>();
    while (peek().kind() != TokenKind.RIGHT_BRACE) {
      String docs = peek().docs();
      Ast.Name name = id("a case name");
      Ast.TypeExpr payload = null;
      if (eat(TokenKind.LEFT_PAREN)) {
        payload = type();
        expect(TokenKind.RIGHT_PAREN, "')' after case type");
      }
      cases.add(new Ast.Case(name, payload, docs));
      if (!eat(TokenKind.COMMA) && peek().kind() != TokenKind.RIGHT_BRACE) {
        throw error("expected ',' or '}' after variant case");
      }
    }
    next();
    requireNonEmpty(cases, "variant", variant);
    return cases;
  }

  private List<Ast.Label> labels(String what, Ast.Name owner) {
    expect(TokenKind.LEFT_BRACE, "'{' after " + what + " name");
    List<Ast.Label> labels = new ArrayList<>();
    while (peek().kind() != TokenKind.RIGHT_BRACE) {
      String docs = peek().docs();
      labels.add(new Ast.Label(id("a " + what + " case name"), docs));
      if (!eat(TokenKind.COMMA) && peek().kind() != TokenKind.RIGHT_BRACE) {
        throw error("expected ',' or '}' after " + what + " case");
      }
    }
    next();
    requireNonEmpty(labels, what, owner);
    return labels;
  }

  private void requireNonEmpty(List<?> items, String what, Ast.Name owner) {
    if (items.isEmpty()) {
      throw new WitException(
          owner.span(), what + " '" + owner.text() + "' must have at least one case or field");
    }
  }

  private List<Ast.ResourceFunc> resourceFunctions() {
    List<Ast.ResourceFunc> functions = new ArrayList<>();
    if (eat(TokenKind.SEMICOLON)) {
      return functions;
    }
    expect(TokenKind.LEFT_BRACE, "';' or '{' after resource name");
    while (peek().kind() != TokenKind.RIGHT_BRACE) {
      String docs = peek().docs();
      Stability gate = gates();
      docs = docs != null ? docs : peek().docs();
      if (peekKeyword("constructor")) {
        Token keyword = next();
        SourceSpan span = keyword.span();
        List<Ast.Param> params = params();
        Ast.TypeExpr result = null;
        if (eat(TokenKind.ARROW)) {
          result = type();
        }
        expect(TokenKind.SEMICOLON, "';' after constructor");
        Ast.Name name = new Ast.Name("constructor", span);
        Ast.FuncType type = new Ast.FuncType(false, params, result, span);
        functions.add(
            new Ast.ResourceFunc(Ast.ResourceFuncKind.CONSTRUCTOR, name, type, docs, gate));
        continue;
      }
      Ast.Name name = id("a method name, 'constructor' or '}'");
      expect(TokenKind.COLON, "':' after method name");
      Ast.ResourceFuncKind kind = Ast.ResourceFuncKind.METHOD;
      if (peekKeyword("static")) {
        next();
        kind = Ast.ResourceFuncKind.STATIC;
      }
      Ast.FuncType type = funcType();
      expect(TokenKind.SEMICOLON, "';' after function type");
      functions.add(new Ast.ResourceFunc(kind, name, type, docs, gate));
    }
    next();
    return functions;
  }

  /** {@code 'async'? 'func' '(' params ')' ('->' ty)?}. */
  private Ast.FuncType funcType() {
    SourceSpan span = peek().span();
    boolean async = false;
    if (peekKeyword("async")) {
      next();
      async = true;
    }
    expectKeyword("func", "'func'");
    List<Ast.Param> params = params();
    Ast.TypeExpr result = null;
    if (eat(TokenKind.ARROW)) {
      if (peek().kind() == TokenKind.LEFT_PAREN) {
        throw error("named or multiple results are not supported; return a tuple or a record");
      }
      result = type();
    }
    return new Ast.FuncType(async, params, result, span);
  }

  private List<Ast.Param> params() {
    expect(TokenKind.LEFT_PAREN, "'('");
    List<Ast.Param> params = new ArrayList<>();
    while (peek().kind() != TokenKind.RIGHT_PAREN) {
      Ast.Name name = id("a parameter name");
      expect(TokenKind.COLON, "':' after parameter name");
      params.add(new Ast.Param(name, type()));
      if (!eat(TokenKind.COMMA) && peek().kind() != TokenKind.RIGHT_PAREN) {
        throw error("expected ',' or ')' after parameter");
      }
    }
    next();
    return params;
  }

  /**
   * Parses a type expression, counting how deeply anonymous types nest ({@code list<option<...>>}).
   * The parser and every later walk over a type (resolution, printing, ABI flattening, bindings)
   * recurse once per level, so without a bound a few kilobytes of hostile text overflow the stack;
   * real WIT nests a handful of levels.
   */
  private Ast.TypeExpr type() {
    if (typeDepth == TypeDepth.MAX) {
      throw new WitException(
          peek().span(),
          "types nest more than " + TypeDepth.MAX + " levels deep; flatten the type");
    }
    typeDepth++;
    try {
      return typeExpression();
    } finally {
      typeDepth--;
    }
  }

  private Ast.TypeExpr typeExpression() {
    Token t = peek();
    SourceSpan span = t.span();
    if (t.kind() == TokenKind.ID) {
      return new Ast.NameExpr(id("a type"));
    }
    if (t.kind() != TokenKind.KEYWORD) {
      throw error("expected a type");
    }
    for (Type.Primitive p : Type.Primitive.values()) {
      if (p.wit().equals(t.text())) {
        next();
        return new Ast.PrimitiveExpr(p, span);
      }
    }
    next();
    switch (t.text()) {
      case "list" -> {
        expect(TokenKind.LESS_THAN, "'<' after 'list'");
        Ast.TypeExpr element = type();
        Integer size = null;
        if (eat(TokenKind.COMMA)) {
          size = listSize();
        }
        expect(TokenKind.GREATER_THAN, "'>' to close list");
        return new Ast.ListExpr(element, size, span);
      }
      case "option" -> {
        expect(TokenKind.LESS_THAN, "'<' after 'option'");
        Ast.TypeExpr some = type();
        expect(TokenKind.GREATER_THAN, "'>' to close option");
        return new Ast.OptionExpr(some, span);
      }
      case "result" -> {
        if (!eat(TokenKind.LESS_THAN)) {
          return new Ast.ResultExpr(null, null, span);
        }
        Ast.TypeExpr ok = eat(TokenKind.UNDERSCORE) ? null : type();
        Ast.TypeExpr err = null;
        if (eat(TokenKind.COMMA)) {
          err = type();
        } else if (ok == null) {
          throw error("expected ',' and an error type after 'result<_'");
        }
        expect(TokenKind.GREATER_THAN, "'>' to close result");
        return new Ast.ResultExpr(ok, err, span);
      }
      case "tuple" -> {
        expect(TokenKind.LESS_THAN, "'<' after 'tuple'");
        List<Ast.TypeExpr> elements = new ArrayList<>();
        do {
          if (peek().kind() == TokenKind.GREATER_THAN && !elements.isEmpty()) {
            break;
          }
          elements.add(type());
        } while (eat(TokenKind.COMMA));
        expect(TokenKind.GREATER_THAN, "',' or '>' in tuple");
        return new Ast.TupleExpr(elements, span);
      }
      case "borrow", "own" -> {
        expect(TokenKind.LESS_THAN, "'<' after '" + t.text() + "'");
        Ast.Name resource = id("a resource name");
        expect(TokenKind.GREATER_THAN, "'>' after resource name");
        Type.HandleKind kind =
            t.text().equals("own") ? Type.HandleKind.OWN : Type.HandleKind.BORROW;
        return new Ast.HandleExpr(kind, resource, span);
      }
      case "future", "stream" -> {
        Ast.TypeExpr payload = null;
        if (eat(TokenKind.LESS_THAN)) {
          payload = type();
          expect(TokenKind.GREATER_THAN, "'>' to close " + t.text());
        }
        return t.text().equals("future")
            ? new Ast.FutureExpr(payload, span)
            : new Ast.StreamExpr(payload, span);
      }
      case "map" -> {
        expect(TokenKind.LESS_THAN, "'<' after 'map'");
        Ast.TypeExpr key = type();
        expect(TokenKind.COMMA, "',' and a value type after the map's key type");
        Ast.TypeExpr value = type();
        expect(TokenKind.GREATER_THAN, "'>' to close map");
        return new Ast.MapExpr(key, value, span);
      }
      default -> throw new WitException(span, "expected a type, found " + t.describe());
    }
  }

  private int listSize() {
    Token t = peek();
    if (t.kind() != TokenKind.INTEGER) {
      throw error("expected a list length");
    }
    next();
    try {
      int size = Integer.parseInt(t.text());
      if (size > 0) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new WitException(t.span(), "fixed-size list length must be between 1 and 2^31-1");
  }

  private boolean isTypedefKeyword(Token t) {
    return t.kind() == TokenKind.KEYWORD
        && switch (t.text()) {
          case "type", "record", "variant", "enum", "flags", "resource" -> true;
          default -> false;
        };
  }

  private Ast.Name id(String what) {
    Token t = peek();
    if (t.kind() != TokenKind.ID) {
      String hint =
          t.kind() == TokenKind.KEYWORD ? " (keywords must be written as '%" + t.text() + "')" : "";
      throw new WitException(t.span(), "expected " + what + ", found " + t.describe() + hint);
    }
    next();
    return new Ast.Name(t.text(), t.span());
  }

  private Token peek() {
    if (lookahead == null) {
      lookahead = lexer.next();
    }
    return lookahead;
  }

  private Token next() {
    Token t = peek();
    lookahead = null;
    return t;
  }

  private boolean eat(TokenKind kind) {
    if (peek().kind() == kind) {
      next();
      return true;
    }
    return false;
  }

  private boolean peekKeyword(String keyword) {
    return isKeyword(peek(), keyword);
  }

  private static boolean isKeyword(Token t, String keyword) {
    return t.kind() == TokenKind.KEYWORD && t.text().equals(keyword);
  }

  private void expect(TokenKind kind, String what) {
    if (!eat(kind)) {
      throw error("expected " + what);
    }
  }

  private void expectKeyword(String keyword, String what) {
    if (!peekKeyword(keyword)) {
      throw error("expected " + what);
    }
    next();
  }

  /** An error at the next token, naming it: "expected X, found 'y'". */
  private WitException error(String expected) {
    Token t = peek();
    return new WitException(t.span(), expected + ", found " + t.describe());
  }

  /** Collects one scope's items in source order. */
  private static final class ItemsBuilder {
    final List<Ast.TopUse> uses = new ArrayList<>();
    final List<Ast.InterfaceDecl> interfaces = new ArrayList<>();
    final List<Ast.WorldDecl> worlds = new ArrayList<>();

    Ast.Items build(Path file) {
      return new Ast.Items(file, uses, interfaces, worlds);
    }
  }
}
