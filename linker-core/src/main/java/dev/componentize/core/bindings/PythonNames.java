package dev.componentize.core.bindings;

import java.util.Locale;
import java.util.Set;

/**
 * Python spellings of WIT identifiers (PEP 8 "Naming Conventions"): functions, parameters and
 * fields in {@code snake_case}, classes in {@code PascalCase}, enum and flag members in {@code
 * UPPER_CASE}. A WIT label is a sequence of kebab-case fragments, each all lower or all upper case
 * (Explainer.md, "Import and Export Definitions"), so the mapping is a simple split on {@code -}. A
 * name that is a Python keyword gets a trailing underscore (PEP 8, "Descriptive: Naming Styles":
 * {@code class_}).
 */
public final class PythonNames {
  /** {@code keyword.kwlist} of CPython 3.13; the soft keywords are valid identifiers. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "False",
          "None",
          "True",
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  private PythonNames() {}

  /** {@code read-all} to {@code read_all}; {@code from} to {@code from_}. */
  public static String snake(String witName) {
    return escape(strip(witName).replace('-', '_').toLowerCase(Locale.ROOT));
  }

  /**
   * {@code http-request} to {@code HttpRequest}; an upper-case fragment stays: {@code HTTPMethod}.
   */
  public static String pascal(String witName) {
    return escape(pascalUnescaped(witName));
  }

  /** {@link #pascal} without the keyword escape, for a name that is only part of a longer one. */
  public static String pascalUnescaped(String witName) {
    StringBuilder out = new StringBuilder();
    for (String fragment : strip(witName).split("-")) {
      if (fragment.isEmpty()) {
        continue;
      }
      out.append(Character.toUpperCase(fragment.charAt(0))).append(fragment.substring(1));
    }
    return out.toString();
  }

  /** {@code read-only} to {@code READ_ONLY}. */
  public static String upper(String witName) {
    return escape(strip(witName).replace('-', '_').toUpperCase(Locale.ROOT));
  }

  /** Whether {@code name} is a Python keyword (and so needs escaping). */
  public static boolean isKeyword(String name) {
    return KEYWORDS.contains(name);
  }

  private static String escape(String name) {
    return KEYWORDS.contains(name) ? name + "_" : name;
  }

  /** WIT's {@code %name} escape (WIT.md, "Identifiers") is not part of the name. */
  private static String strip(String witName) {
    return witName.startsWith("%") ? witName.substring(1) : witName;
  }
}
