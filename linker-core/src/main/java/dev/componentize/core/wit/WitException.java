package dev.componentize.core.wit;

import dev.componentize.core.ComponentizeException;
import java.nio.file.Path;
import java.util.List;

/**
 * A WIT document that cannot be lexed, parsed or resolved. The message always starts with the
 * location in the form {@code file:line:column: } (file omitted when the text did not come from a
 * file) so that a build log points the user straight at the offending token.
 */
public final class WitException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final int column;
  private final String detail;

  /**
   * @param file the WIT file, or {@code null} for in-memory text
   * @param line 1-based line
   * @param column 1-based column, counted in Unicode code points
   * @param detail what was wrong and, where it helps, what was expected
   */
  public WitException(Path file, int line, int column, String detail) {
    super(format(file, line, column, detail));
    this.file = file;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  /** An error with no place in the source, such as asking for a world that does not exist. */
  public WitException(String detail) {
    super(detail);
    this.file = null;
    this.line = 0;
    this.column = 0;
    this.detail = detail;
  }

  /**
   * Several located problems reported at once: the message is {@code summary} followed by one
   * located line per problem; the location is the first problem's.
   *
   * @param problems at least one
   */
  public WitException(String summary, List<WitException> problems) {
    super(summary + joined(problems));
    WitException first = problems.get(0);
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.detail = summary;
  }

  private static String joined(List<WitException> problems) {
    StringBuilder out = new StringBuilder();
    for (WitException p : problems) {
      out.append('\n').append(p.getMessage());
    }
    return out.toString();
  }

  WitException(SourceSpan at, String detail) {
    this(at.file(), at.line(), at.column(), detail);
  }

  private static String format(Path file, int line, int column, String detail) {
    String where = file == null ? "<input>" : file.toString();
    return where + ":" + line + ":" + column + ": " + detail;
  }

  /** The WIT file, or {@code null} when the text did not come from a file. */
  public Path file() {
    return file;
  }

  /** 1-based line, or 0 when the error has no place in the source. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The message without the location prefix. */
  public String detail() {
    return detail;
  }
}
