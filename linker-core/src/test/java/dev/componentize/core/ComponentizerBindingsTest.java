package dev.componentize.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.build.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Componentizer#pythonBindings}: the bindings goal's entry point (no runtime needed). */
class ComponentizerBindingsTest {
  @TempDir Path dir;

  private Path wit() throws Exception {
    Path wit = dir.resolve("wit");
    Files.createDirectories(wit);
    Files.writeString(
        wit.resolve("world.wit"),
        "package demo:hello@0.1.0;\n\n"
            + "world hello {\n  export greet: func(name: string) -> string;\n}\n\n"
            + "world other {\n  export shout: func(text: string) -> string;\n}\n");
    return wit;
  }

  @Test
  void generatesTheWitWorldPackageWithTypeMarker() throws Exception {
    Map<String, String> files =
        Componentizer.pythonBindings(wit(), Optional.of("hello"), Set.of(), "app");
    assertTrue(files.containsKey("wit_world/__init__.py"), files.keySet().toString());
    assertEquals("", files.get("wit_world/py.typed"));
    assertTrue(files.get("wit_world/__init__.py").contains("def greet"), files.toString());
    assertTrue(files.keySet().stream().allMatch(p -> !p.startsWith("/") && !p.contains("..")));
  }

  @Test
  void anUnknownWorldIsAWitErrorListingTheWorlds() throws Exception {
    Path wit = wit();
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () -> Componentizer.pythonBindings(wit, Optional.of("nope"), Set.of(), "app"));
    assertEquals(Optional.of(Stage.WIT), e.stage());
    assertTrue(e.getMessage().startsWith(wit + ": "), e.getMessage());
    assertTrue(
        e.getMessage().contains("hello") && e.getMessage().contains("other"), e.getMessage());
  }

  @Test
  void aMissingWitPathSaysWhereToPutTheFiles() {
    Path missing = dir.resolve("absent");
    ComponentizeException e =
        assertThrows(
            ComponentizeException.class,
            () -> Componentizer.pythonBindings(missing, Optional.empty(), Set.of(), "app"));
    assertEquals(
        "WIT path "
            + missing
            + " does not exist; put the world's .wit files there or configure where they are",
        e.getMessage());
  }

  @Test
  void anAppModuleThatIsNoModuleNameIsRefused() throws Exception {
    Path wit = wit();
    assertThrows(
        InvalidConfigurationException.class,
        () -> Componentizer.pythonBindings(wit, Optional.of("hello"), Set.of(), "my-app"));
  }
}
