package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static String error(String text) {
    return assertThrows(RuntimeBundleException.class, () -> Json.parse("f.json", text))
        .getMessage();
  }

  @Test
  void valuesOfEveryKindKeepTheirOrder() throws RuntimeBundleException {
    Object value =
        Json.parse(
            "f.json",
            " {\"b\": [1, -2.5e1, true, false, null], \"a\": {\"s\": \"x\\n\\u00e9\\\"\"}} ");

    assertEquals(
        Map.of("b", List.of(1L, -25.0, true, false, Json.NULL), "a", Map.of("s", "x\né\"")), value);
    assertEquals(List.of("b", "a"), List.copyOf(((Map<?, ?>) value).keySet()));
    assertSame(Json.NULL, ((List<?>) ((Map<?, ?>) value).get("b")).get(4));
  }

  @Test
  void emptyContainers() throws RuntimeBundleException {
    assertEquals(Map.of(), Json.parse("f.json", "{}"));
    assertEquals(List.of(), Json.parse("f.json", "[ ]"));
  }

  @Test
  void errorsCarryLineAndColumn() {
    assertEquals(
        "f.json: line 2, column 7: expected ':' but found '1' (not valid JSON)",
        error("{\n  \"a\" 1}"));
    assertEquals(
        "f.json: line 1, column 8: expected '}' but the input ended (not valid JSON)",
        error("{\"a\": 1"));
  }

  @Test
  void duplicateMemberIsAnError() {
    assertEquals(
        "f.json: line 1, column 10: member 'a' appears twice (not valid JSON)",
        error("{\"a\": 1, \"a\": 2}"));
  }

  @Test
  void trailingTextAndBadLiteralsAreErrors() {
    assertEquals(
        "f.json: line 1, column 4: unexpected 'x' after the JSON value (not valid JSON)",
        error("{} x"));
    assertEquals("f.json: line 1, column 1: unexpected 'n' (not valid JSON)", error("nul"));
    assertEquals("f.json: line 1, column 1: bad number '1.2.3' (not valid JSON)", error("1.2.3"));
    assertEquals(
        "f.json: line 1, column 3: unknown escape '\\q' (not valid JSON)", error("\"\\q\""));
  }

  @Test
  void deepNestingIsRefused() {
    assertEquals(
        "f.json: line 1, column 66: nested more than 64 levels deep (not valid JSON)",
        error("[".repeat(100)));
  }
}
