package dev.componentize.core.component.types;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks on labels: WIT identifiers in kebab case (Explainer.md, "Import and Export Definitions":
 * {@code label ::= fragment ('-' fragment)*}, each fragment all lower or all upper case ASCII words
 * starting with a letter), unique within their scope ignoring case (Binary.md, notes on type
 * definitions).
 */
final class Labels {
  private Labels() {}

  static void requireLabel(String label) {
    if (label == null || !isLabel(label)) {
      throw new IllegalArgumentException("not a kebab-case label: '" + label + "'");
    }
  }

  static boolean isLabel(String label) {
    if (label.isEmpty()) {
      return false;
    }
    for (String fragment : label.split("-", -1)) {
      if (!isFragment(fragment)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isFragment(String fragment) {
    if (fragment.isEmpty() || !isAsciiLetter(fragment.charAt(0))) {
      return false;
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < fragment.length(); i++) {
      char c = fragment.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (!(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return !(lower && upper);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static void requireUnique(String what, List<String> labels) {
    Set<String> seen = new HashSet<>();
    for (String label : labels) {
      if (!seen.add(label.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("duplicate " + what + " '" + label + "'");
      }
    }
  }
}
