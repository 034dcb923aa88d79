package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNamesTest {
  private static final String FIX =
      ". The wheel is malformed or hostile: do not use it; get the wheel from its project's"
          + " release or rebuild it with a standard tool (python -m build --wheel)";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "demo/__init__.py",
        "demo/",
        "demo-1.0.dist-info/RECORD",
        "demo/data/..hidden",
        "demo/caf\u00e9.py",
        "a"
      })
  void acceptsRelativeCanonicalNames(String name) {
    assertDoesNotThrow(() -> EntryNames.check("x.whl", name));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "../x.py|the name contains '..', which would write outside the target directory (path"
            + " traversal)",
        "demo/../../x.py|the name contains '..', which would write outside the target directory"
            + " (path traversal)",
        "demo/..|the name contains '..', which would write outside the target directory (path"
            + " traversal)",
        "/etc/passwd|the name is an absolute path; entries must be relative to the wheel's root",
        "c:/x.py|the name starts with a drive letter, an absolute path on Windows; entries must"
            + " be relative to the wheel's root",
        "demo/x.py:stream|the name contains ':', which Windows reads as a drive or an alternate"
            + " data stream",
        "demo//x.py|the name has an empty or '.' path segment; it is not canonical",
        "./demo/x.py|the name has an empty or '.' path segment; it is not canonical"
      })
  void refusesNamesThatCouldEscapeOrAreNotCanonical(String name, String problem) {
    WheelException e = assertThrows(WheelException.class, () -> EntryNames.check("x.whl", name));

    assertEquals("x.whl: " + name + ": " + problem + FIX, e.getMessage());
  }

  @Test
  void refusesBackslashesAndControlCharacters() {
    assertEquals(
        "x.whl: demo\\x.py: the name contains a backslash, which Windows tools read as a"
            + " directory separator, so the entry could land outside the target directory; wheel"
            + " entry names use '/' only"
            + FIX,
        assertThrows(WheelException.class, () -> EntryNames.check("x.whl", "demo\\x.py"))
            .getMessage());
    assertEquals(
        "x.whl: demo/x\\u0000.py: the name contains a control character" + FIX,
        assertThrows(WheelException.class, () -> EntryNames.check("x.whl", "demo/x\0.py"))
            .getMessage());
  }

  @Test
  void collisionKeyFoldsCaseAndUnicodeNormalisation() {
    assertEquals(EntryNames.collisionKey("Demo/Util.py"), EntryNames.collisionKey("demo/util.py"));
    assertEquals(EntryNames.collisionKey("caf\u00e9.py"), EntryNames.collisionKey("cafe\u0301.py"));
    assertNotEquals(EntryNames.collisionKey("util.py"), EntryNames.collisionKey("util_.py"));
  }
}
