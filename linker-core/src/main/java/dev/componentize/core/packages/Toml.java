package dev.componentize.core.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader for TOML 1.0 as lock files use it: comments, bare/quoted/dotted keys, basic and literal
 * strings (also multi-line), integers, floats, booleans, date-times (kept as their text), arrays,
 * inline tables, {@code [tables]} and {@code [[arrays of tables]]}. Tables become {@link Map}s in
 * file order. Errors name the line. (linker-core has no TOML library and needs only this.)
 */
final class Toml {
  private final String s;
  private int pos;
  private int line = 1;

  private Toml(String s) {
    this.s = s;
  }

  /**
   * Parses a document.
   *
   * @throws IllegalArgumentException "line N: what is wrong"
   */
  static Map<String, Object> parse(String text) {
    Toml t = new Toml(text);
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> current = root;
    while (true) {
      t.skipBlankLinesAndComments();
      if (t.pos >= t.s.length()) {
        return root;
      }
      if (t.peek() == '[') {
        boolean array = t.s.startsWith("[[", t.pos);
        t.pos += array ? 2 : 1;
        List<String> key = t.key();
        t.expect(array ? "]]" : "]");
        t.endOfLine();
        current = t.table(root, key, array);
      } else {
        List<String> key = t.key();
        t.spaces();
        t.expect("=");
        t.spaces();
        Object value = t.value();
        t.put(current, key, value);
        t.endOfLine();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> table(Map<String, Object> root, List<String> key, boolean array) {
    Map<String, Object> m = root;
    for (int i = 0; i < key.size() - 1; i++) {
      Object o = m.computeIfAbsent(key.get(i), k -> new LinkedHashMap<String, Object>());
      if (o instanceof List<?> l && !l.isEmpty() && l.get(l.size() - 1) instanceof Map) {
        m = (Map<String, Object>) l.get(l.size() - 1);
      } else if (o instanceof Map) {
        m = (Map<String, Object>) o;
      } else {
        throw error("'" + String.join(".", key) + "' redefines a value as a table");
      }
    }
    String last = key.get(key.size() - 1);
    if (array) {
      Object o = m.computeIfAbsent(last, k -> new ArrayList<Object>());
      if (!(o instanceof List)) {
        throw error("'" + String.join(".", key) + "' is not an array of tables");
      }
      Map<String, Object> t = new LinkedHashMap<>();
      ((List<Object>) o).add(t);
      return t;
    }
    Object o = m.computeIfAbsent(last, k -> new LinkedHashMap<String, Object>());
    if (!(o instanceof Map)) {
      throw error("'" + String.join(".", key) + "' is already a value");
    }
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private void put(Map<String, Object> table, List<String> key, Object value) {
    Map<String, Object> m = table;
    for (int i = 0; i < key.size() - 1; i++) {
      Object o = m.computeIfAbsent(key.get(i), k -> new LinkedHashMap<String, Object>());
      if (!(o instanceof Map)) {
        throw error("'" + String.join(".", key) + "': '" + key.get(i) + "' is not a table");
      }
      m = (Map<String, Object>) o;
    }
    if (m.putIfAbsent(key.get(key.size() - 1), value) != null) {
      throw error("key '" + String.join(".", key) + "' is defined twice");
    }
  }

  private List<String> key() {
    List<String> parts = new ArrayList<>();
    do {
      spaces();
      char c = peek();
      if (c == '"') {
        parts.add(basicString());
      } else if (c == '\'') {
        parts.add(literalString());
      } else {
        int start = pos;
        while (pos < s.length()
            && (Character.isLetterOrDigit(s.charAt(pos))
                || s.charAt(pos) == '_'
                || s.charAt(pos) == '-')) {
          pos++;
        }
        if (start == pos) {
          throw error("expected a key");
        }
        parts.add(s.substring(start, pos));
      }
      spaces();
    } while (consume('.'));
    return parts;
  }

  private Object value() {
    char c = peek();
    switch (c) {
      case '"':
        return s.startsWith("\"\"\"", pos) ? multiline('"') : basicString();
      case '\'':
        return s.startsWith("'''", pos) ? multiline('\'') : literalString();
      case '[':
        return array();
      case '{':
        return inlineTable();
      default:
        break;
    }
    int start = pos;
    while (pos < s.length() && "\n\r#,]}".indexOf(s.charAt(pos)) < 0) {
      pos++;
    }
    String word = s.substring(start, pos).strip();
    pos = start + s.substring(start, pos).indexOf(word) + word.length();
    if (word.equals("true") || word.equals("false")) {
      return Boolean.valueOf(word);
    }
    String n = word.replace("_", "");
    if (n.matches("[+-]?[0-9]+")) {
      try {
        return Long.valueOf(n);
      } catch (NumberFormatException e) {
        throw error("integer " + word + " is out of range");
      }
    }
    if (n.matches("[+-]?(?:[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|inf|nan)")) {
      return Double.valueOf(n.replace("inf", "Infinity").replace("nan", "NaN"));
    }
    if (word.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9:.]+(?:[Zz]|[+-][0-9]{2}:[0-9]{2})?)?")
        || word.matches("[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?")) {
      return word;
    }
    throw error(word.isEmpty() ? "expected a value" : "'" + word + "' is not a TOML value");
  }

  private List<Object> array() {
    expect("[");
    List<Object> list = new ArrayList<>();
    while (true) {
      skipWhitespaceNewlinesComments();
      if (consume(']')) {
        return list;
      }
      list.add(value());
      skipWhitespaceNewlinesComments();
      if (consume(']')) {
        return list;
      }
      expect(",");
    }
  }

  private Map<String, Object> inlineTable() {
    expect("{");
    Map<String, Object> m = new LinkedHashMap<>();
    spaces();
    if (consume('}')) {
      return m;
    }
    while (true) {
      List<String> key = key();
      expect("=");
      spaces();
      put(m, key, value());
      spaces();
      if (consume('}')) {
        return m;
      }
      expect(",");
      spaces();
    }
  }

  private String basicString() {
    expect("\"");
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length() || s.charAt(pos) == '\n') {
        throw error("unterminated string");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        escape(b);
      } else {
        b.append(c);
      }
    }
  }

  private void escape(StringBuilder b) {
    if (pos >= s.length()) {
      throw error("unterminated escape");
    }
    char e = s.charAt(pos++);
    switch (e) {
      case 'b' -> b.append('\b');
      case 't' -> b.append('\t');
      case 'n' -> b.append('\n');
      case 'f' -> b.append('\f');
      case 'r' -> b.append('\r');
      case '"' -> b.append('"');
      case '\\' -> b.append('\\');
      case 'u', 'U' -> {
        int len = e == 'u' ? 4 : 8;
        if (pos + len > s.length()) {
          throw error("short unicode escape");
        }
        try {
          b.appendCodePoint(Integer.parseInt(s.substring(pos, pos + len), 16));
        } catch (IllegalArgumentException x) {
          throw error("bad unicode escape");
        }
        pos += len;
      }
      default -> throw error("unknown escape \\" + e);
    }
  }

  private String literalString() {
    expect("'");
    int end = s.indexOf('\'', pos);
    int nl = s.indexOf('\n', pos);
    if (end < 0 || (nl >= 0 && nl < end)) {
      throw error("unterminated string");
    }
    String v = s.substring(pos, end);
    pos = end + 1;
    return v;
  }

  private String multiline(char quote) {
    String delimiter = String.valueOf(quote).repeat(3);
    pos += 3;
    if (s.startsWith("\r\n", pos)) {
      pos += 2;
    } else if (s.startsWith("\n", pos)) {
      pos++;
    }
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated multi-line string");
      }
      if (s.startsWith(delimiter, pos)) {
        pos += 3;
        return b.toString();
      }
      char c = s.charAt(pos++);
      if (c == '\n') {
        line++;
      }
      if (c == '\\' && quote == '"') {
        if (pos < s.length()
            && (s.charAt(pos) == '\n' || s.charAt(pos) == ' ' || s.charAt(pos) == '\r')) {
          while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            if (s.charAt(pos++) == '\n') {
              line++;
            }
          }
        } else {
          escape(b);
        }
      } else {
        b.append(c);
      }
    }
  }

  private void skipBlankLinesAndComments() {
    skipWhitespaceNewlinesComments();
  }

  private void skipWhitespaceNewlinesComments() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < s.length() && s.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void spaces() {
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private void endOfLine() {
    spaces();
    if (pos < s.length() && s.charAt(pos) == '#') {
      while (pos < s.length() && s.charAt(pos) != '\n') {
        pos++;
      }
    }
    if (pos < s.length() && s.charAt(pos) == '\r') {
      pos++;
    }
    if (pos < s.length()) {
      if (s.charAt(pos) != '\n') {
        throw error("unexpected '" + s.charAt(pos) + "' after the value");
      }
      pos++;
      line++;
    }
  }

  private char peek() {
    if (pos >= s.length()) {
      throw error("unexpected end of file");
    }
    return s.charAt(pos);
  }

  private boolean consume(char c) {
    if (pos < s.length() && s.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!s.startsWith(token, pos)) {
      throw error("expected '" + token + "'");
    }
    pos += token.length();
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("line " + line + ": " + what);
  }

  /** A TOML basic string literal for the value. */
  static String quote(String value) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
