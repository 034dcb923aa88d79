package dev.componentize.core.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorldBindingsTest {
  static WorldBindings demo() throws IOException {
    Resolve resolve =
        WitLoader.load(PythonBindingsGeneratorTest.RESOURCES.resolve("demo.wit"), Set.of());
    return WorldBindings.generate(resolve, resolve.selectWorld("demo"), "app", Optional.empty());
  }

  @Test
  void twoGenerationsOfOneWorldAreByteIdentical() throws IOException {
    WorldBindings first = demo();
    WorldBindings second = demo();
    assertEquals(first.pythonFiles(), second.pythonFiles());
    assertArrayEquals(first.descriptor().blob(), second.descriptor().blob());
    assertArrayEquals(first.library(), second.library());
  }

  /** Without whitespace and tuple-closing commas: the same display however it is wrapped. */
  private static String compact(String python) {
    return python.replaceAll("\\s+", "").replace(",)", ")");
  }

  @Test
  void thePartsAgreeOnTheRegistrationList() throws IOException {
    WorldBindings bindings = demo();
    String init = compact(bindings.pythonFiles().get("wit_world/__init__.py"));
    for (String cls : bindings.descriptor().classes()) {
      assertTrue(init.contains(compact(cls) + ","), cls);
    }
  }
}
