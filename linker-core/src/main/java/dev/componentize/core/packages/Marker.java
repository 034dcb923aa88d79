package dev.componentize.core.packages;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An environment marker of PEP 508 ("Environment Markers"): comparisons of marker variables and
 * strings joined with {@code and}/{@code or} and parentheses. Comparisons whose both sides are PEP
 * 440 versions use PEP 440's operators; others compare strings ({@code ==}, {@code !=}, {@code in},
 * {@code not in}). The {@code extra} variable compares normalised names with the extras asked for.
 */
public final class Marker {
  /** The variables PEP 508 defines; any other name is an error. */
  static final Set<String> VARIABLES =
      Set.of(
          "python_version",
          "python_full_version",
          "os_name",
          "sys_platform",
          "platform_release",
          "platform_system",
          "platform_version",
          "platform_machine",
          "platform_python_implementation",
          "implementation_name",
          "implementation_version",
          "extra");

  private sealed interface Node permits Or, And, Compare {}

  private record Or(Node left, Node right) implements Node {}

  private record And(Node left, Node right) implements Node {}

  /** A side is a variable name or a string literal. */
  private record Side(String value, boolean variable) {}

  private record Compare(Side left, String op, Side right) implements Node {}

  private final Node root;
  private final String text;

  private Marker(Node root, String text) {
    this.root = root;
    this.text = text;
  }

  /**
   * Parses a marker expression.
   *
   * @throws IllegalArgumentException saying what is wrong and where
   */
  public static Marker parse(String text) {
    Parser p = new Parser(text);
    Node n = p.or();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected '" + text.substring(p.pos) + "'");
    }
    return new Marker(n, text.strip());
  }

  /**
   * Evaluates the marker.
   *
   * @param environment the marker variables' values (without {@code extra})
   * @param extras the extras being installed, normalised; {@code extra} compares against each
   */
  public boolean evaluate(Map<String, String> environment, Set<String> extras) {
    return eval(root, environment, extras);
  }

  private static boolean eval(Node n, Map<String, String> env, Set<String> extras) {
    if (n instanceof Or o) {
      return eval(o.left, env, extras) || eval(o.right, env, extras);
    }
    if (n instanceof And a) {
      return eval(a.left, env, extras) && eval(a.right, env, extras);
    }
    Compare c = (Compare) n;
    if (isExtra(c.left) || isExtra(c.right)) {
      Side literal = isExtra(c.left) ? c.right : c.left;
      String name = Requirement.normalize(literal.value);
      boolean in = extras.contains(name);
      return switch (c.op) {
        case "==" -> in;
        case "!=" -> !in;
        default -> false;
      };
    }
    String l = value(c.left, env);
    String r = value(c.right, env);
    return compare(l, c.op, r);
  }

  private static boolean isExtra(Side s) {
    return s.variable && s.value.equals("extra");
  }

  private static String value(Side s, Map<String, String> env) {
    return s.variable ? env.getOrDefault(s.value, "") : s.value;
  }

  private static boolean compare(String l, String op, String r) {
    switch (op) {
      case "in":
        return r.contains(l);
      case "not in":
        return !r.contains(l);
      default:
        break;
    }
    if (!op.equals("===")) {
      // PEP 508: the right-hand side is a version specifier when both sides parse as versions.
      var lv = Version.tryParse(l);
      if (lv.isPresent() && Version.tryParse(r).isPresent()) {
        try {
          return Specifier.parse(op + r).matches(lv.get());
        } catch (IllegalArgumentException e) {
          // e.g. ~= with one release number: fall back to the string comparison
        }
      }
    }
    return switch (op) {
      case "==", "===" -> l.equals(r);
      case "!=" -> !l.equals(r);
        // Ordered comparisons of non-versions are undefined in PEP 508; packaging compares strings.
      case "<" -> l.compareTo(r) < 0;
      case "<=" -> l.compareTo(r) <= 0;
      case ">" -> l.compareTo(r) > 0;
      case ">=" -> l.compareTo(r) >= 0;
      default -> false;
    };
  }

  @Override
  public String toString() {
    return text;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Node or() {
      Node left = and();
      while (keyword("or")) {
        left = new Or(left, and());
      }
      return left;
    }

    Node and() {
      Node left = expr();
      while (keyword("and")) {
        left = new And(left, expr());
      }
      return left;
    }

    Node expr() {
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == '(') {
        pos++;
        Node n = or();
        skipSpace();
        if (pos >= s.length() || s.charAt(pos) != ')') {
          throw error("expected ')'");
        }
        pos++;
        return n;
      }
      Side left = side();
      String op = operator();
      Side right = side();
      return new Compare(left, op, right);
    }

    Side side() {
      skipSpace();
      if (pos >= s.length()) {
        throw error("expected a marker variable or a quoted string");
      }
      char c = s.charAt(pos);
      if (c == '\'' || c == '"') {
        int end = s.indexOf(c, pos + 1);
        if (end < 0) {
          throw error("unterminated string");
        }
        String v = s.substring(pos + 1, end);
        pos = end + 1;
        return new Side(v, false);
      }
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos))
              || s.charAt(pos) == '_'
              || s.charAt(pos) == '.')) {
        pos++;
      }
      String name = s.substring(start, pos);
      // os.name, sys.platform, platform.version, platform.machine,
      // platform.python_implementation and python_implementation are the PEP 345 spellings.
      String canonical =
          switch (name) {
            case "os.name" -> "os_name";
            case "sys.platform" -> "sys_platform";
            case "platform.version" -> "platform_version";
            case "platform.machine" -> "platform_machine";
            case "platform.python_implementation", "python_implementation" ->
                "platform_python_implementation";
            default -> name;
          };
      if (!VARIABLES.contains(canonical)) {
        pos = start;
        throw error(
            name.isEmpty()
                ? "expected a marker variable or a quoted string"
                : "'" + name + "' is not a marker variable");
      }
      return new Side(canonical, true);
    }

    String operator() {
      skipSpace();
      for (String op : List.of("===", "==", "!=", "<=", ">=", "~=", "<", ">")) {
        if (s.startsWith(op, pos)) {
          pos += op.length();
          return op;
        }
      }
      if (keyword("in")) {
        return "in";
      }
      int save = pos;
      if (keyword("not") && keyword("in")) {
        return "not in";
      }
      pos = save;
      throw error("expected a comparison operator");
    }

    boolean keyword(String k) {
      skipSpace();
      if (s.startsWith(k, pos)
          && (pos + k.length() == s.length()
              || !Character.isLetterOrDigit(s.charAt(pos + k.length())))) {
        pos += k.length();
        return true;
      }
      return false;
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "marker '" + s.strip() + "' at column " + (pos + 1) + ": " + what);
    }
  }
}
