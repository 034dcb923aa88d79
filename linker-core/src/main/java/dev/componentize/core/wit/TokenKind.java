package dev.componentize.core.wit;

/** Lexical token classes of WIT (component-model {@code WIT.md}, "Lexical structure"). */
enum TokenKind {
  /** An identifier; {@link Token#text()} has any leading {@code %} removed. */
  ID,
  /** A keyword such as {@code record} or {@code u32}; its text is the keyword. */
  KEYWORD,
  /** A run of decimal digits (fixed-size list lengths). */
  INTEGER,
  /** A double-quoted string literal (only in attributes we reject, kept for good messages). */
  STRING,
  EQUALS,
  COMMA,
  COLON,
  SEMICOLON,
  LEFT_PAREN,
  RIGHT_PAREN,
  LEFT_BRACE,
  RIGHT_BRACE,
  LESS_THAN,
  GREATER_THAN,
  STAR,
  ARROW,
  SLASH,
  PERIOD,
  AT,
  /** {@code _}, the absent {@code ok} type in {@code result<_, E>}. */
  UNDERSCORE,
  EOF;
}
