package dev.componentize.core.wit;

import java.nio.file.Path;

/**
 * Where a token or syntax node starts: file (or {@code null} for in-memory text), 1-based line and
 * column.
 */
public record SourceSpan(Path file, int line, int column) {
  @Override
  public String toString() {
    return (file == null ? "<input>" : file.toString()) + ":" + line + ":" + column;
  }
}
