package dev.componentize.core.wit;

import java.util.Locale;
import java.util.Map;

/**
 * WIT names compared the way the component model compares them: kebab-case names that differ only
 * in the case of their letters ({@code f} and {@code F}, {@code http-Client} and {@code
 * HTTP-client}) are the same name (Explainer.md, "Import and Export Definitions": names are
 * "strongly-unique", compared case-insensitively), so two of them in one scope conflict.
 */
final class Names {
  private Names() {}

  /** The name with its letters lower-cased: equal keys mean conflicting names. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Records {@code name} in {@code seen} (keyed by {@link #key}) and fails if another name there
   * differs from it only in case. Exact duplicates are the caller's to report.
   *
   * @param what what the names are, for the message ("name", "import")
   */
  static void requireDistinct(Map<String, Ast.Name> seen, Ast.Name name, String what) {
    Ast.Name previous = seen.putIfAbsent(key(name.text()), name);
    if (previous != null && !previous.text().equals(name.text())) {
      throw new WitException(
          name.span(),
          what
              + " '"
              + name.text()
              + "' conflicts with '"
              + previous.text()
              + "' (at "
              + previous.span()
              + "): WIT names that differ only in case are the same name");
    }
  }
}
