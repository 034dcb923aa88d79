package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WitLexerTest {

  private static List<Token> lex(String text) {
    WitLexer lexer = new WitLexer(null, text);
    List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (t.kind() != TokenKind.EOF);
    return tokens;
  }

  private static List<TokenKind> kinds(String text) {
    return lex(text).stream().map(Token::kind).toList();
  }

  @Test
  void operatorsKeywordsIdentifiersAndIntegersAreDistinguished() {
    assertEquals(
        List.of(
            TokenKind.ID,
            TokenKind.COLON,
            TokenKind.KEYWORD,
            TokenKind.LEFT_PAREN,
            TokenKind.RIGHT_PAREN,
            TokenKind.ARROW,
            TokenKind.KEYWORD,
            TokenKind.LESS_THAN,
            TokenKind.KEYWORD,
            TokenKind.COMMA,
            TokenKind.INTEGER,
            TokenKind.GREATER_THAN,
            TokenKind.SEMICOLON,
            TokenKind.EOF),
        kinds("get: func() -> list<u8, 4>;"));
    assertEquals(
        List.of(
            TokenKind.LEFT_BRACE,
            TokenKind.RIGHT_BRACE,
            TokenKind.EQUALS,
            TokenKind.STAR,
            TokenKind.SLASH,
            TokenKind.PERIOD,
            TokenKind.AT,
            TokenKind.UNDERSCORE,
            TokenKind.EOF),
        kinds("{ } = * / . @ _"));
  }

  @Test
  void percentEscapesAKeywordIntoAnIdentifier() {
    Token t = lex("%record").get(0);
    assertEquals(TokenKind.ID, t.kind());
    assertEquals("record", t.text());
    assertTrue(t.escaped());
    assertEquals(TokenKind.KEYWORD, lex("record").get(0).kind());
    assertEquals(TokenKind.KEYWORD, lex("error-context").get(0).kind());
  }

  @Test
  void kebabCaseAllowsAllUpperOrAllLowerWordsWithDigits() {
    assertEquals("DNS-error-v2", lex("DNS-error-v2").get(0).text());
    assertNull(WitLexer.kebabProblem("ipv4-address"));
    assertNull(WitLexer.kebabProblem("a-1b"));
    assertEquals("an identifier must start with a letter", WitLexer.kebabProblem("1a"));
    assertEquals("words must be separated by single hyphens", WitLexer.kebabProblem("a-"));
    assertEquals("word 'Abc' mixes upper and lower case", WitLexer.kebabProblem("Abc"));
  }

  @Test
  void lineAndBlockDocCommentsAttachToTheNextToken() {
    List<Token> tokens =
        lex(
            "/// first\n///second\n// plain\nfoo\n/**\n * block\n * doc\n */\nbar\n//// not doc\nbaz");
    assertEquals("first\nsecond", tokens.get(0).docs());
    assertEquals("block\ndoc", tokens.get(1).docs());
    assertNull(tokens.get(2).docs());
  }

  @Test
  void blockCommentsNest() {
    assertEquals(List.of(TokenKind.ID, TokenKind.EOF), kinds("/* a /* b */ c */ x"));
  }

  @Test
  void positionsAreOneBasedLinesAndColumns() {
    List<Token> tokens = lex("a\n  bb\tc");
    assertEquals(new SourceSpan(null, 1, 1), tokens.get(0).span());
    assertEquals(new SourceSpan(null, 2, 3), tokens.get(1).span());
    assertEquals(new SourceSpan(null, 2, 6), tokens.get(2).span());
  }

  @Test
  void versionReadsPrereleaseAndBuildButNotATrailingPeriod() {
    WitLexer lexer = new WitLexer(null, "1.0.0-rc.1+build.5 0.2.12.{x}");
    assertEquals("1.0.0-rc.1+build.5", lexer.version());
    assertEquals("0.2.12", lexer.version());
    assertEquals(TokenKind.PERIOD, lexer.next().kind());
  }

  @Test
  void versionRejectsMissingParts() {
    WitException e = assertThrows(WitException.class, () -> new WitLexer(null, "1.2").version());
    assertEquals("expected a semantic version such as 1.2.3", e.detail());
    assertEquals(1, e.column());
  }

  @Test
  void controlAndBidiOverrideCharactersAreRejected() {
    Path file = Path.of("x.wit");
    // The first token lexes fine; the override is found while skipping to the second.
    WitLexer lexer = new WitLexer(file, "a \u202e b");
    lexer.next();
    WitException e = assertThrows(WitException.class, lexer::next);
    assertEquals("x.wit:1:3: character U+202E is not allowed in WIT text", e.getMessage());
    WitLexer control = new WitLexer(file, "// ok\n\u0007");
    e = assertThrows(WitException.class, control::next);
    assertEquals("x.wit:2:1: character U+0007 is not allowed in WIT text", e.getMessage());
  }

  @Test
  void unexpectedCharacterIsReportedWhereItIs() {
    WitException e = assertThrows(WitException.class, () -> lex("a\n  #"));
    assertEquals("<input>:2:3: unexpected character '#'", e.getMessage());
  }
}
