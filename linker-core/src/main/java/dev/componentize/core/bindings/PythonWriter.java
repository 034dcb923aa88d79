package dev.componentize.core.bindings;

/** Lines of Python source with four-space indentation (PEP 8, "Indentation"). */
final class PythonWriter {
  private final StringBuilder out = new StringBuilder();
  private int indent;

  PythonWriter line(String text) {
    if (!text.isEmpty()) {
      out.append("    ".repeat(indent)).append(text);
    }
    out.append('\n');
    return this;
  }

  /** PEP 8 "Maximum Line Length" as most projects configure it. */
  static final int MAX_LINE = 99;

  /**
   * {@code head + items joined by ", " + tail} on one line if it fits, otherwise {@code head}, one
   * item per line with a trailing comma one level deeper, and {@code tail} on its own line (PEP 8,
   * "Indentation": hanging indents).
   */
  PythonWriter wrapped(String head, java.util.List<String> items, String tail) {
    String oneLine = head + String.join(", ", items) + tail;
    if (items.isEmpty() || 4 * indent + oneLine.length() <= MAX_LINE) {
      return line(oneLine);
    }
    line(head).indent();
    for (String item : items) {
      line(item + ",");
    }
    return dedent().line(tail);
  }

  PythonWriter blank() {
    return line("");
  }

  PythonWriter indent() {
    indent++;
    return this;
  }

  PythonWriter dedent() {
    indent--;
    return this;
  }

  /**
   * A docstring (PEP 257): one line, or a summary line, the rest, and the closing quotes on their
   * own line. Backslashes and triple quotes in the WIT text are escaped so the literal stays one
   * string with the same value.
   */
  PythonWriter docstring(String docs) {
    if (docs == null || docs.isBlank()) {
      return this;
    }
    String text = docs.strip().replace("\\", "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    if (text.endsWith("\"")) {
      text = text.substring(0, text.length() - 1) + "\\\"";
    }
    String[] lines = text.split("\n", -1);
    if (lines.length == 1) {
      return line("\"\"\"" + text + "\"\"\"");
    }
    line("\"\"\"" + lines[0].strip());
    for (int i = 1; i < lines.length; i++) {
      line(lines[i].stripTrailing());
    }
    return line("\"\"\"");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
