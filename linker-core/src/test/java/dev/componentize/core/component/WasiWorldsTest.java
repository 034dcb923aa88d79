package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.bindings.WorldBindings;
import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.UsedType;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every world of the bundled WASI 0.2.12 packages maps to the component type model and gets Python
 * bindings (the runtime module's {@code WasiWorldsComponentTest} builds and validates them as one
 * component); constructs the encoder cannot carry are refused with {@link UnsupportedWitException},
 * never another exception.
 */
class WasiWorldsTest {
  private static final Path BUILTIN =
      Path.of("src/main/resources/dev/componentize/core/wit/wasi/0.2.12");

  static List<String> worlds() throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(BUILTIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".wit")).sorted().toList()) {
        Resolve resolve = WitLoader.load(file, Set.of());
        resolve.worlds().stream()
            .filter(w -> w.pkg().equals(resolve.mainPackage()))
            .forEach(w -> names.add(resolve.pkg(w.pkg()).name().qualify(w.name())));
      }
    }
    assertTrue(names.contains("wasi:http/proxy@0.2.12"), names.toString());
    assertTrue(names.contains("wasi:cli/command@0.2.12"), names.toString());
    return names;
  }

  private static Resolve including(String world) {
    return WitLoader.loadText(
        "package test:app;\nworld app { include " + world + "; }\n", Set.of());
  }

  @ParameterizedTest
  @MethodSource("worlds")
  void theWorldMapsAndBinds(String world) {
    Resolve resolve = including(world);
    WorldType type = WitWorlds.toWorldType(resolve, resolve.selectWorld("app"));
    assertEquals(resolve.selectWorld("app").imports().size(), type.imports().size(), world);
    WorldBindings bindings =
        WorldBindings.generate(resolve, resolve.selectWorld("app"), "app", Optional.empty());
    assertTrue(bindings.pythonFiles().containsKey("wit_world/__init__.py"), world);
  }

  @Test
  void aResourceAliasIsASecondNameOfTheResourceInItsInterface() {
    Resolve resolve = including("wasi:http/proxy@0.2.12");
    WorldType proxy = WitWorlds.toWorldType(resolve, resolve.selectWorld("app"));
    InterfaceType types = (InterfaceType) find(proxy.imports(), "wasi:http/types@0.2.12");
    ResourceType fields = new ResourceType(new TypeName("wasi:http/types@0.2.12", "fields"));
    for (String alias : List.of("headers", "trailers")) {
      UsedType used = assertInstanceOf(UsedType.class, type(types, alias));
      assertTrue(used.isLocal(), alias);
      assertEquals(fields, used.origin());
    }
    // use wasi:io/error@0.2.12.{error as io-error}: a renamed use of a use-of-a-use.
    UsedType ioError = assertInstanceOf(UsedType.class, type(types, "io-error"));
    assertEquals(new ResourceType(new TypeName("wasi:io/error@0.2.12", "error")), ioError.origin());
  }

  @Test
  void anInlineInterfaceIsRefusedByName() {
    Resolve resolve =
        WitLoader.loadText(
            "package test:app;\nworld app { import host: interface { f: func(); } }\n", Set.of());
    UnsupportedWitException e =
        assertThrows(
            UnsupportedWitException.class,
            () -> WitWorlds.toWorldType(resolve, resolve.selectWorld("app")));
    assertEquals(
        "inline interfaces are not supported yet; give the interface a name", e.getMessage());
  }

  private static ComponentWorldItem find(List<ComponentWorldItem> items, String name) {
    return items.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  private static ExportedType type(InterfaceType iface, String name) {
    return iface.types().stream()
        .filter(t -> t.name().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + iface.name()));
  }
}
