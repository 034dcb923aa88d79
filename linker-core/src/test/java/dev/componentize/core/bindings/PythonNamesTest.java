package dev.componentize.core.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PythonNamesTest {
  @Test
  void kebabCaseBecomesSnakePascalAndUpperCase() {
    assertEquals("read_all", PythonNames.snake("read-all"));
    assertEquals("HttpRequest", PythonNames.pascal("http-request"));
    assertEquals("HTTPMethod", PythonNames.pascal("HTTP-method"));
    assertEquals("DARK_BLUE", PythonNames.upper("dark-blue"));
  }

  @Test
  void pythonKeywordsGetATrailingUnderscore() {
    assertEquals("from_", PythonNames.snake("from"));
    assertEquals("class_", PythonNames.snake("%class"));
    assertEquals("None_", PythonNames.pascal("none"));
    assertEquals("None", PythonNames.pascalUnescaped("none"));
    assertEquals("match", PythonNames.snake("match"), "soft keywords are identifiers");
  }
}
