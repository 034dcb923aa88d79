package dev.componentize.core.imports;

import dev.componentize.core.ComponentizeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the imports one Python source file can make, without executing it: {@code import a.b},
 * {@code from a import b}, relative imports ({@code from . import x}, {@code from ..p import q}),
 * anywhere in the file (module level, inside functions, under {@code if}/{@code try}), and the
 * calls {@code __import__("name")} and {@code importlib.import_module("name")} / {@code
 * import_module("name", ...)} with a string literal as first argument.
 *
 * <p>It works on tokens (the Python Language Reference, "Lexical analysis"), not on a parse tree:
 * an {@code import} or {@code from} keyword is a statement when it starts a logical line or follows
 * {@code ;} or a {@code :} outside brackets ({@code try: import x}). Strings, comments and line
 * continuations are skipped as the tokenizer does, so an import inside a docstring is not one. An
 * unterminated string or bracket is a {@link ScanException} with its line.
 */
public final class PythonImports {
  private PythonImports() {}

  /**
   * One import the file can make.
   *
   * @param module the dotted module name after the leading dots ({@code ""} for {@code from .
   *     import x})
   * @param level the number of leading dots (0 for an absolute import)
   * @param names for {@code from m import a, b}: {@code [a, b]} (each may be a submodule of {@code
   *     m}); empty for {@code import m} and for {@code __import__}/{@code import_module} calls;
   *     {@code ["*"]} for a star import
   * @param line the 1-based line of the {@code import}/{@code from} keyword or of the call
   * @param fallbackFor for an import in an {@code except ImportError:} clause, the absolute modules
   *     the {@code try} body imports (the import runs only if one of those fails), else empty
   */
  public record Import(
      String module, int level, List<String> names, int line, List<String> fallbackFor) {
    public Import {
      Objects.requireNonNull(module, "module");
      names = List.copyOf(names);
      fallbackFor = List.copyOf(fallbackFor);
    }

    public Import(String module, int level, List<String> names, int line) {
      this(module, level, names, line, List.of());
    }
  }

  /** The source cannot be tokenized; {@code line} is where the bad token starts. */
  public static final class ScanException extends ComponentizeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    ScanException(int line, String message) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  private enum Kind {
    NAME,
    OP,
    STRING,
    NUMBER,
    NEWLINE
  }

  /**
   * A token; {@code indent} is the column of the first token of its logical line, {@code first}
   * whether it is that token.
   */
  private record Token(Kind kind, String text, int line, int indent, boolean first) {
    Token(Kind kind, String text, int line) {
      this(kind, text, line, 0, false);
    }
  }

  /** The imports of {@code source}, in source order. */
  public static List<Import> scan(String source) throws ScanException {
    List<Token> tokens = tokenize(source);
    List<Import> imports = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    boolean[] skipped = scriptOnly(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      while (at.size() < imports.size()) {
        at.add(i - 1);
      }
      if (t.kind() != Kind.NAME || skipped[i]) {
        continue;
      }
      boolean statementStart = i == 0 || startsStatement(tokens.get(i - 1));
      if (t.first() && t.text().equals("if") && neverRuns(tokens, i)) {
        i = skipBlock(tokens, i) - 1;
        continue;
      }
      if (statementStart && t.text().equals("import")) {
        i = importStatement(tokens, i + 1, t.line(), imports);
      } else if (statementStart && t.text().equals("from")) {
        i = fromStatement(tokens, i + 1, t.line(), imports);
      } else if (isCall(tokens, i)) {
        Token literal = tokens.get(i + 2);
        String name = stringValue(literal.text());
        if (name != null && !name.isEmpty()) {
          int level = 0;
          while (level < name.length() && name.charAt(level) == '.') {
            level++;
          }
          imports.add(new Import(name.substring(level), level, List.of(), t.line()));
        }
      }
    }
    while (at.size() < imports.size()) {
      at.add(tokens.size() - 1);
    }
    return withFallbacks(tokens, imports, at);
  }

  /**
   * Sets {@link Import#fallbackFor} of the imports in {@code except ImportError:} (or {@code
   * ModuleNotFoundError}) clauses: {@code try: from _decimal import * / except ImportError: from
   * _pydecimal import *} needs {@code _pydecimal} only when {@code _decimal} is missing.
   */
  private static List<Import> withFallbacks(
      List<Token> tokens, List<Import> imports, List<Integer> at) {
    List<Import> result = new ArrayList<>(imports);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (!t.first() || !t.text().equals("try")) {
        continue;
      }
      int bodyEnd = skipBlock(tokens, i);
      List<String> tried = new ArrayList<>();
      for (int k = 0; k < imports.size(); k++) {
        if (at.get(k) > i && at.get(k) < bodyEnd && imports.get(k).level() == 0) {
          tried.add(imports.get(k).module());
        }
      }
      for (int j = bodyEnd;
          j < tokens.size()
              && tokens.get(j).first()
              && tokens.get(j).indent() == t.indent()
              && tokens.get(j).text().equals("except");
          j = skipBlock(tokens, j)) {
        String clause = condition(tokens, j);
        if (tried.isEmpty()
            || clause == null
            || !(clause.contains("ImportError") || clause.contains("ModuleNotFoundError"))) {
          continue;
        }
        int end = skipBlock(tokens, j);
        for (int k = 0; k < imports.size(); k++) {
          if (at.get(k) > j && at.get(k) < end) {
            Import old = result.get(k);
            result.set(k, new Import(old.module(), old.level(), old.names(), old.line(), tried));
          }
        }
      }
    }
    return result;
  }

  /**
   * Marks the tokens of module-level functions that only the module's {@code if __name__ ==
   * "__main__":} block names (such as {@code pickle._test}, which imports {@code doctest}): they
   * run only when the module is run as a script, so their imports are not followed. A function
   * named anywhere else in the module (called, decorated, put in a table) is kept.
   */
  private static boolean[] scriptOnly(List<Token> tokens) {
    boolean[] skipped = new boolean[tokens.size()];
    java.util.Set<String> namedInMain = new java.util.HashSet<>();
    boolean[] inMain = new boolean[tokens.size()];
    java.util.Map<String, int[]> functions = new java.util.LinkedHashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (!t.first() || t.indent() != 0) {
        continue;
      }
      if (t.text().equals("if") && isMainGuard(condition(tokens, i))) {
        int end = skipBlock(tokens, i);
        for (int j = i; j < end; j++) {
          inMain[j] = true;
          if (tokens.get(j).kind() == Kind.NAME) {
            namedInMain.add(tokens.get(j).text());
          }
        }
      } else if (t.text().equals("def")
          && i + 1 < tokens.size()
          && tokens.get(i + 1).kind() == Kind.NAME) {
        functions.putIfAbsent(tokens.get(i + 1).text(), new int[] {i, skipBlock(tokens, i)});
      }
    }
    for (var function : functions.entrySet()) {
      int[] range = function.getValue();
      if (!namedInMain.contains(function.getKey())) {
        continue;
      }
      boolean namedElsewhere = false;
      for (int j = 0; j < tokens.size() && !namedElsewhere; j++) {
        namedElsewhere =
            !inMain[j]
                && (j < range[0] || j >= range[1])
                && tokens.get(j).kind() == Kind.NAME
                && tokens.get(j).text().equals(function.getKey());
      }
      if (!namedElsewhere) {
        java.util.Arrays.fill(skipped, range[0], range[1], true);
      }
    }
    return skipped;
  }

  /** The condition of the {@code if} at {@code i}, tokens joined, or null if not a short one. */
  private static String condition(List<Token> tokens, int i) {
    StringBuilder condition = new StringBuilder();
    for (int j = i + 1; j < tokens.size() && !tokens.get(j).text().equals(":"); j++) {
      if (tokens.get(j).kind() == Kind.NEWLINE || condition.length() > 40) {
        return null;
      }
      Token t = tokens.get(j);
      condition.append(t.kind() == Kind.STRING ? t.text().replace('\'', '"') : t.text());
    }
    return condition.toString();
  }

  private static boolean isMainGuard(String c) {
    return c != null && (c.equals("__name__==\"__main__\"") || c.equals("\"__main__\"==__name__"));
  }

  /**
   * Whether the {@code if} at {@code i} guards code that never runs when the module is imported:
   * {@code if __name__ == "__main__":} (the module run as a script) and {@code if TYPE_CHECKING:}
   * ({@code typing.TYPE_CHECKING} is false at run time). Imports there are not followed.
   */
  private static boolean neverRuns(List<Token> tokens, int i) {
    String c = condition(tokens, i);
    return c != null
        && (isMainGuard(c)
            || c.equals("TYPE_CHECKING")
            || c.endsWith(".TYPE_CHECKING") && c.indexOf('.') == c.lastIndexOf('.'));
  }

  /**
   * The index after the block of the statement at {@code i}: its own logical line (up to the {@code
   * :} and what follows on that line) and every following line indented deeper.
   */
  private static int skipBlock(List<Token> tokens, int i) {
    int indent = tokens.get(i).indent();
    int j = i + 1;
    while (j < tokens.size() && tokens.get(j).kind() != Kind.NEWLINE) {
      j++;
    }
    while (j < tokens.size()
        && (tokens.get(j).kind() == Kind.NEWLINE
            || !tokens.get(j).first()
            || tokens.get(j).indent() > indent)) {
      j++;
    }
    return j;
  }

  private static boolean startsStatement(Token previous) {
    return previous.kind() == Kind.NEWLINE
        || (previous.kind() == Kind.OP
            && (previous.text().equals(";") || previous.text().equals(":")));
  }

  /**
   * {@code __import__("x")}, {@code import_module("x")} (also as {@code importlib.import_module}),
   * with a plain string literal (no f-string, no concatenation) as the first argument.
   */
  private static boolean isCall(List<Token> tokens, int i) {
    String name = tokens.get(i).text();
    if (!name.equals("__import__") && !name.equals("import_module")) {
      return false;
    }
    if (i > 0 && tokens.get(i - 1).text().equals(".") && name.equals("__import__")) {
      return false;
    }
    if (i > 0 && tokens.get(i - 1).text().equals("def")) {
      return false;
    }
    if (i + 3 >= tokens.size()) {
      return false;
    }
    Token open = tokens.get(i + 1);
    Token literal = tokens.get(i + 2);
    Token after = tokens.get(i + 3);
    return open.text().equals("(")
        && literal.kind() == Kind.STRING
        && (after.text().equals(")") || after.text().equals(","));
  }

  private static int importStatement(List<Token> tokens, int i, int line, List<Import> out) {
    while (i < tokens.size()) {
      StringBuilder name = new StringBuilder();
      i = dottedName(tokens, i, name);
      if (name.length() > 0) {
        out.add(new Import(name.toString(), 0, List.of(), line));
      }
      if (i < tokens.size() && tokens.get(i).text().equals("as")) {
        i += 2;
      }
      if (i < tokens.size() && tokens.get(i).text().equals(",")) {
        i++;
        continue;
      }
      break;
    }
    return i - 1;
  }

  private static int fromStatement(List<Token> tokens, int i, int line, List<Import> out) {
    int level = 0;
    while (i < tokens.size() && tokens.get(i).kind() == Kind.OP) {
      String text = tokens.get(i).text();
      if (text.equals(".")) {
        level++;
      } else if (text.equals("...")) {
        level += 3;
      } else {
        break;
      }
      i++;
    }
    StringBuilder module = new StringBuilder();
    i = dottedName(tokens, i, module);
    if (i >= tokens.size() || !tokens.get(i).text().equals("import")) {
      return i - 1; // "yield from", "raise X from Y" never reach here; a broken statement does
    }
    i++;
    List<String> names = new ArrayList<>();
    boolean parenthesized = i < tokens.size() && tokens.get(i).text().equals("(");
    if (parenthesized) {
      i++;
    }
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.NAME) {
        names.add(t.text());
        i++;
        if (i < tokens.size() && tokens.get(i).text().equals("as")) {
          i += 2;
        }
      } else if (t.text().equals("*")) {
        names.add("*");
        i++;
      } else {
        break;
      }
      if (i < tokens.size() && tokens.get(i).text().equals(",")) {
        i++;
        continue;
      }
      break;
    }
    out.add(new Import(module.toString(), level, names, line));
    return i - 1;
  }

  private static int dottedName(List<Token> tokens, int i, StringBuilder name) {
    while (i < tokens.size() && tokens.get(i).kind() == Kind.NAME) {
      if (tokens.get(i).text().equals("import") || tokens.get(i).text().equals("as")) {
        break;
      }
      name.append(tokens.get(i).text());
      i++;
      if (i + 1 < tokens.size()
          && tokens.get(i).text().equals(".")
          && tokens.get(i + 1).kind() == Kind.NAME) {
        name.append('.');
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /** The value of a plain (non-f, non-bytes) string literal token, or null. */
  private static String stringValue(String token) {
    int quote = 0;
    while (quote < token.length() && Character.isLetter(token.charAt(quote))) {
      quote++;
    }
    String prefix = token.substring(0, quote).toLowerCase(java.util.Locale.ROOT);
    if (prefix.contains("f") || prefix.contains("b")) {
      return null;
    }
    String body = token.substring(quote);
    int q = body.startsWith("\"\"\"") || body.startsWith("'''") ? 3 : 1;
    String value = body.substring(q, body.length() - q);
    return value.contains("\\") ? null : value;
  }

  /**
   * Logical-line tokens: NEWLINE only where a statement ends (not inside brackets, not after a
   * backslash continuation, not on blank or comment-only lines); indentation is not tracked.
   */
  private static List<Token> tokenize(String s) throws ScanException {
    List<Token> tokens = new ArrayList<>();
    int depth = 0;
    int line = 1;
    int i = 0;
    int n = s.length();
    int bracketLine = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        if (depth == 0
            && !tokens.isEmpty()
            && tokens.get(tokens.size() - 1).kind() != Kind.NEWLINE) {
          tokens.add(new Token(Kind.NEWLINE, "\n", line));
        }
        line++;
        i++;
      } else if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r')) {
        i += s.charAt(i + 1) == '\r' && i + 2 < n && s.charAt(i + 2) == '\n' ? 3 : 2;
        line++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
      } else if (c == '#') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c > 0x7f) {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(s.charAt(i))
                || s.charAt(i) == '_'
                || s.charAt(i) > 0x7f)) {
          i++;
        }
        if (i < n && (s.charAt(i) == '\'' || s.charAt(i) == '"') && isStringPrefix(s, start, i)) {
          int[] end = string(s, i, line);
          add(tokens, s, start, Kind.STRING, s.substring(start, end[0]), line);
          line = end[1];
          i = end[0];
        } else {
          add(tokens, s, start, Kind.NAME, s.substring(start, i), line);
        }
      } else if (c == '\'' || c == '"') {
        int[] end = string(s, i, line);
        add(tokens, s, i, Kind.STRING, s.substring(i, end[0]), line);
        line = end[1];
        i = end[0];
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(s.charAt(i))
                || s.charAt(i) == '_'
                || s.charAt(i) == '.'
                || ((s.charAt(i) == '+' || s.charAt(i) == '-')
                    && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
                    && !s.substring(start, i)
                        .toLowerCase(java.util.Locale.ROOT)
                        .startsWith("0x")))) {
          i++;
        }
        add(tokens, s, start, Kind.NUMBER, s.substring(start, i), line);
      } else {
        String op = s.startsWith("...", i) ? "..." : String.valueOf(c);
        if ("([{".indexOf(c) >= 0) {
          if (depth == 0) {
            bracketLine = line;
          }
          depth++;
        } else if (")]}".indexOf(c) >= 0) {
          depth = Math.max(0, depth - 1);
        }
        add(tokens, s, i, Kind.OP, op, line);
        i += op.length();
      }
    }
    if (depth > 0) {
      throw new ScanException(bracketLine, "bracket opened here is never closed");
    }
    return tokens;
  }

  private static void add(
      List<Token> tokens, String s, int start, Kind kind, String text, int line) {
    Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    boolean first = last == null || last.kind() == Kind.NEWLINE;
    int indent = first ? start - (s.lastIndexOf('\n', start - 1) + 1) : last.indent();
    tokens.add(new Token(kind, text, line, indent, first));
  }

  private static boolean isStringPrefix(String s, int start, int end) {
    String prefix = s.substring(start, end).toLowerCase(java.util.Locale.ROOT);
    return prefix.length() <= 2 && prefix.chars().allMatch(ch -> "rbuf".indexOf(ch) >= 0);
  }

  /** The end index of the string literal whose quote is at {@code i}, and the line after it. */
  private static int[] string(String s, int i, int line) throws ScanException {
    char quote = s.charAt(i);
    boolean triple = s.startsWith(String.valueOf(quote).repeat(3), i);
    int startLine = line;
    int j = i + (triple ? 3 : 1);
    int n = s.length();
    while (j < n) {
      char c = s.charAt(j);
      if (c == '\\') {
        if (j + 1 < n && s.charAt(j + 1) == '\n') {
          line++;
        }
        j += 2;
        continue;
      }
      if (c == '\n') {
        if (!triple) {
          throw new ScanException(startLine, "unterminated string literal");
        }
        line++;
      }
      if (c == quote && (!triple || s.startsWith(String.valueOf(quote).repeat(3), j))) {
        return new int[] {j + (triple ? 3 : 1), line};
      }
      j++;
    }
    throw new ScanException(
        startLine, triple ? "unterminated triple-quoted string" : "unterminated string literal");
  }
}
