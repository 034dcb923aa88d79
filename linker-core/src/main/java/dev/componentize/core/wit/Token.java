package dev.componentize.core.wit;

/**
 * One lexed token.
 *
 * @param kind the token class
 * @param text the identifier (without its {@code %} escape), keyword, digits or operator text
 * @param span where the token starts
 * @param offset the char offset in the source where the token starts
 * @param docs the doc comments ({@code ///} or {@code /** *}{@code /}) directly preceding the
 *     token, with comment markers removed and lines joined by {@code \n}; {@code null} if none
 * @param escaped whether an identifier was written with a leading {@code %}
 */
record Token(
    TokenKind kind, String text, SourceSpan span, int offset, String docs, boolean escaped) {

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case EOF -> "end of file";
      case ID -> "'" + (escaped ? "%" : "") + text + "'";
      case STRING -> "string literal";
      default -> "'" + text + "'";
    };
  }
}
