package dev.componentize.core.abi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader for the JSON of the runtime bundle's {@code manifest.json} (RFC 8259): objects
 * become {@link Map}s in file order, arrays {@link List}s, strings {@link String}s, numbers {@link
 * Double}s or {@link Long}s, {@code true}/{@code false} {@link Boolean}s and {@code null} {@link
 * #NULL}. linker-core has no JSON library and needs only this. Errors carry line and column.
 */
public final class Json {

  /** The JSON {@code null}, so that maps and lists hold no Java nulls. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private static final int MAX_DEPTH = 64;

  private final String file;
  private final String text;
  private int pos;

  private Json(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Parses one JSON value that fills {@code text} (surrounding whitespace allowed). */
  public static Object parse(String file, String text) throws RuntimeBundleException {
    Json json = new Json(file, text);
    json.skipWhitespace();
    Object value = json.value(0);
    json.skipWhitespace();
    if (json.pos != text.length()) {
      throw json.error("unexpected '" + text.charAt(json.pos) + "' after the JSON value");
    }
    return value;
  }

  private Object value(int depth) throws RuntimeBundleException {
    if (depth > MAX_DEPTH) {
      throw error("nested more than " + MAX_DEPTH + " levels deep");
    }
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected '" + c + "'");
      }
    };
  }

  private Map<String, Object> object(int depth) throws RuntimeBundleException {
    Map<String, Object> members = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (peek('}')) {
      pos++;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (!peek('"')) {
        throw error("expected a member name in double quotes");
      }
      int at = pos;
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (members.put(name, value(depth + 1)) != null) {
        pos = at;
        throw error("member '" + name + "' appears twice");
      }
      skipWhitespace();
      if (peek(',')) {
        pos++;
      } else {
        expect('}');
        return members;
      }
    }
  }

  private List<Object> array(int depth) throws RuntimeBundleException {
    List<Object> elements = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (peek(']')) {
      pos++;
      return elements;
    }
    while (true) {
      skipWhitespace();
      elements.add(value(depth + 1));
      skipWhitespace();
      if (peek(',')) {
        pos++;
      } else {
        expect(']');
        return elements;
      }
    }
  }

  private String string() throws RuntimeBundleException {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char escape = text.charAt(pos++);
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException e) {
            throw error("bad \\u escape");
          }
          pos += 4;
        }
        default -> {
          pos--;
          throw error("unknown escape '\\" + escape + "'");
        }
      }
    }
  }

  private Object number() throws RuntimeBundleException {
    int start = pos;
    if (peek('-')) {
      pos++;
    }
    boolean fraction = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c >= '0' && c <= '9') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        fraction = true;
        pos++;
      } else {
        break;
      }
    }
    String literal = text.substring(start, pos);
    try {
      return fraction ? (Object) Double.parseDouble(literal) : (Object) Long.parseLong(literal);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("bad number '" + literal + "'");
    }
  }

  private Object literal(String word, Object value) throws RuntimeBundleException {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected '" + text.charAt(pos) + "'");
    }
    pos += word.length();
    return value;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) throws RuntimeBundleException {
    if (!peek(c)) {
      throw error(
          pos < text.length()
              ? "expected '" + c + "' but found '" + text.charAt(pos) + "'"
              : "expected '" + c + "' but the input ended");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private RuntimeBundleException error(String detail) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new RuntimeBundleException(
        file, "line " + line + ", column " + column + ": " + detail + " (not valid JSON)");
  }
}
