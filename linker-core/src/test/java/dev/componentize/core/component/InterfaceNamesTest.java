package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class InterfaceNamesTest {
  private static final Set<String> WORLD =
      Set.of("wasi:filesystem/preopens@0.2.12", "a:b/c@1.4.0", "x:y/z");

  @Test
  void exactNameWins() {
    assertEquals("x:y/z", InterfaceNames.servingImport(WORLD, "x:y/z"));
  }

  @Test
  void olderPatchOfTheSameZeroMinorIsServedByTheNewerImport() {
    assertEquals(
        "wasi:filesystem/preopens@0.2.12",
        InterfaceNames.servingImport(WORLD, "wasi:filesystem/preopens@0.2.6"));
  }

  @Test
  void olderMinorOfTheSameMajorIsServedForOneAndAbove() {
    assertEquals("a:b/c@1.4.0", InterfaceNames.servingImport(WORLD, "a:b/c@1.1.9"));
  }

  @Test
  void incompatibleOrNewerVersionsAreNotMatched() {
    assertEquals(
        "wasi:filesystem/preopens@0.3.0",
        InterfaceNames.servingImport(WORLD, "wasi:filesystem/preopens@0.3.0"));
    assertEquals(
        "wasi:filesystem/preopens@0.2.13",
        InterfaceNames.servingImport(WORLD, "wasi:filesystem/preopens@0.2.13"));
    assertEquals("a:b/c@2.0.0", InterfaceNames.servingImport(WORLD, "a:b/c@2.0.0"));
  }
}
