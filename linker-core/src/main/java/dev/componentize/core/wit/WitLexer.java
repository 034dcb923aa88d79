package dev.componentize.core.wit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns WIT text into tokens on demand (component-model {@code WIT.md}, "Lexical structure").
 *
 * <p>Tokens are pulled one at a time because semantic versions do not fit the token grammar ({@code
 * 1.0.0-rc.1} would otherwise lex as integers, periods and identifiers): after an {@code @} or
 * {@code version =} the parser asks for {@link #version()} instead of {@link #next()}.
 *
 * <p>Comments are skipped, except that doc comments ({@code ///} lines and {@code /** *}{@code /}
 * blocks) are attached to the token that follows them.
 */
final class WitLexer {
  /** Reserved words; an identifier spelled like one must be written with a leading {@code %}. */
  static final Set<String> KEYWORDS =
      Set.of(
          "as",
          "async",
          "bool",
          "borrow",
          "char",
          "constructor",
          "enum",
          "export",
          "f32",
          "f64",
          "flags",
          "from",
          "func",
          "future",
          "import",
          "include",
          "interface",
          "list",
          "map",
          "option",
          "own",
          "package",
          "record",
          "resource",
          "result",
          "s16",
          "s32",
          "s64",
          "s8",
          "static",
          "stream",
          "string",
          "tuple",
          "type",
          "u16",
          "u32",
          "u64",
          "u8",
          "use",
          "variant",
          "with",
          "world",
          "error-context");

  private final Path file;
  private final String text;
  private int pos;
  private int line = 1;
  private int column = 1;
  private final List<String> pendingDocs = new ArrayList<>();

  WitLexer(Path file, String text) {
    this.file = file;
    this.text = text;
  }

  Path file() {
    return file;
  }

  /** The span of the next character not yet consumed (after whitespace is skipped). */
  SourceSpan here() {
    return new SourceSpan(file, line, column);
  }

  /** Lexes the next token, or {@link TokenKind#EOF} at the end of the text. */
  Token next() {
    skipTrivia();
    SourceSpan span = here();
    int start = pos;
    String docs = pendingDocs.isEmpty() ? null : String.join("\n", pendingDocs);
    pendingDocs.clear();
    if (pos >= text.length()) {
      return new Token(TokenKind.EOF, "", span, start, docs, false);
    }
    char c = text.charAt(pos);
    TokenKind single =
        switch (c) {
          case '=' -> TokenKind.EQUALS;
          case ',' -> TokenKind.COMMA;
          case ':' -> TokenKind.COLON;
          case ';' -> TokenKind.SEMICOLON;
          case '(' -> TokenKind.LEFT_PAREN;
          case ')' -> TokenKind.RIGHT_PAREN;
          case '{' -> TokenKind.LEFT_BRACE;
          case '}' -> TokenKind.RIGHT_BRACE;
          case '<' -> TokenKind.LESS_THAN;
          case '>' -> TokenKind.GREATER_THAN;
          case '*' -> TokenKind.STAR;
          case '/' -> TokenKind.SLASH;
          case '.' -> TokenKind.PERIOD;
          case '@' -> TokenKind.AT;
          default -> null;
        };
    if (single != null) {
      advance();
      return new Token(single, String.valueOf(c), span, start, docs, false);
    }
    if (c == '-' && peekChar(1) == '>') {
      advance();
      advance();
      return new Token(TokenKind.ARROW, "->", span, start, docs, false);
    }
    if (c == '"') {
      return stringLiteral(span, start, docs);
    }
    if (c >= '0' && c <= '9') {
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        advance();
      }
      return new Token(TokenKind.INTEGER, text.substring(start, pos), span, start, docs, false);
    }
    boolean escaped = c == '%';
    if (escaped) {
      advance();
    }
    int idStart = pos;
    while (pos < text.length() && isIdChar(text.charAt(pos))) {
      advance();
    }
    String word = text.substring(idStart, pos);
    if (word.isEmpty()) {
      if (escaped) {
        throw new WitException(span, "expected an identifier after '%'");
      }
      throw new WitException(span, "unexpected character '" + printable(c) + "'");
    }
    if (!escaped && word.equals("_")) {
      return new Token(TokenKind.UNDERSCORE, "_", span, start, docs, false);
    }
    if (!escaped && KEYWORDS.contains(word)) {
      return new Token(TokenKind.KEYWORD, word, span, start, docs, false);
    }
    String problem = kebabProblem(word);
    if (problem != null) {
      throw new WitException(span, "invalid identifier '" + word + "': " + problem);
    }
    return new Token(TokenKind.ID, word, span, start, docs, escaped);
  }

  /**
   * Lexes a semantic version (semver.org 2.0) starting at the next character: {@code
   * major.minor.patch}, optional {@code -prerelease}, optional {@code +build}. A trailing period is
   * left alone so that {@code @0.2.12.{x}} in a {@code use} reads correctly.
   */
  String version() {
    skipTrivia();
    SourceSpan span = here();
    int start = pos;
    for (int part = 0; part < 3; part++) {
      if (part > 0) {
        if (peekChar(0) != '.') {
          throw new WitException(span, "expected a semantic version such as 1.2.3");
        }
        advance();
      }
      int numberStart = pos;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        advance();
      }
      if (pos == numberStart) {
        throw new WitException(span, "expected a semantic version such as 1.2.3");
      }
      if (pos - numberStart > 1 && text.charAt(numberStart) == '0') {
        throw new WitException(span, "version numbers must not have leading zeros");
      }
    }
    for (char marker : new char[] {'-', '+'}) {
      if (peekChar(0) == marker && isSemverIdentChar(peekChar(1))) {
        advance();
        do {
          if (peekChar(0) == '.') {
            advance();
          }
          while (isSemverIdentChar(peekChar(0))) {
            advance();
          }
        } while (peekChar(0) == '.' && isSemverIdentChar(peekChar(1)));
      }
    }
    return text.substring(start, pos);
  }

  private Token stringLiteral(SourceSpan span, int start, String docs) {
    advance();
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw new WitException(span, "unterminated string literal");
      }
      char c = text.charAt(pos);
      advance();
      if (c == '"') {
        return new Token(TokenKind.STRING, value.toString(), span, start, docs, false);
      }
      value.append(c);
    }
  }

  private void skipTrivia() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == '/' && peekChar(1) == '/') {
        lineComment();
      } else if (c == '/' && peekChar(1) == '*') {
        blockComment();
      } else {
        checkAllowed(c);
        return;
      }
    }
  }

  private void lineComment() {
    boolean doc = peekChar(2) == '/' && peekChar(3) != '/';
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != '\n') {
      checkAllowed(text.charAt(pos));
      advance();
    }
    if (doc) {
      String body = text.substring(start + 3, pos);
      // Every trailing '\r', not only a CRLF's: a doc line ending in '\r' cannot be printed back
      // (the printer's '\r\n' would lose one more on the next read), so the text would change
      // with every print-parse round (found by WitLoaderFuzzTest).
      while (body.endsWith("\r")) {
        body = body.substring(0, body.length() - 1);
      }
      pendingDocs.add(body.startsWith(" ") ? body.substring(1) : body);
    }
  }

  /** Block comments nest (WIT.md, "Comments"); {@code /**} starts a doc comment. */
  private void blockComment() {
    SourceSpan span = here();
    boolean doc = peekChar(2) == '*' && peekChar(3) != '*' && peekChar(3) != '/';
    int start = pos;
    int depth = 0;
    do {
      if (pos >= text.length()) {
        throw new WitException(span, "unterminated block comment");
      }
      if (text.startsWith("/*", pos)) {
        depth++;
        advance();
        advance();
      } else if (text.startsWith("*/", pos)) {
        depth--;
        advance();
        advance();
      } else {
        checkAllowed(text.charAt(pos));
        advance();
      }
    } while (depth > 0);
    if (doc) {
      for (String raw : text.substring(start + 3, pos - 2).split("\n", -1)) {
        String trimmed = raw.strip();
        if (trimmed.startsWith("*")) {
          trimmed = trimmed.substring(1).stripLeading();
        }
        pendingDocs.add(trimmed);
      }
      while (!pendingDocs.isEmpty() && pendingDocs.get(0).isEmpty()) {
        pendingDocs.remove(0);
      }
      while (!pendingDocs.isEmpty() && pendingDocs.get(pendingDocs.size() - 1).isEmpty()) {
        pendingDocs.remove(pendingDocs.size() - 1);
      }
    }
  }

  /**
   * WIT.md forbids control codes other than newline, carriage return and tab, and bidirectional
   * override characters (they can make source read differently from how it parses).
   */
  private void checkAllowed(char c) {
    boolean control = (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f;
    boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    if (control || bidi) {
      throw new WitException(here(), "character U+" + hex(c) + " is not allowed in WIT text");
    }
  }

  /**
   * Why {@code word} is not a kebab-case label, or {@code null} if it is. A label is words joined
   * by single hyphens, each all lowercase or all uppercase (Explainer.md, "Import and Export
   * Definitions": {@code label}). Like wasm-tools 1.262, only the first word must start with a
   * letter ({@code ipv4-0-addr} is accepted).
   */
  static String kebabProblem(String word) {
    if (word.startsWith("-") || word.endsWith("-") || word.contains("--")) {
      return "words must be separated by single hyphens";
    }
    if (!isAsciiLetter(word.charAt(0))) {
      return "an identifier must start with a letter";
    }
    for (String part : word.split("-")) {
      boolean lower = false;
      boolean upper = false;
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (!isAsciiLetter(c) && !isDigit(c)) {
          return "'" + c + "' is not allowed (identifiers are kebab-case: letters, digits, '-')";
        }
        lower |= c >= 'a' && c <= 'z';
        upper |= c >= 'A' && c <= 'Z';
      }
      if (lower && upper) {
        return "word '" + part + "' mixes upper and lower case";
      }
    }
    return null;
  }

  private static boolean isIdChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '-' || c == '_';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSemverIdentChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '-';
  }

  private char peekChar(int ahead) {
    int at = pos + ahead;
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void advance() {
    char c = text.charAt(pos++);
    if (c == '\n') {
      line++;
      column = 1;
    } else if (!Character.isLowSurrogate(c)) {
      column++;
    }
  }

  private static String printable(char c) {
    return Character.isISOControl(c) ? "U+" + hex(c) : String.valueOf(c);
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
