package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.UsedType;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** WIT worlds resolved by the WIT loader map to the component type model the encoder takes. */
class WitWorldsTest {
  static WorldType load(String wit) throws Exception {
    Resolve resolve = WitLoader.load(Path.of("src/test/c/component", wit), Set.of());
    return WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
  }

  @Test
  void kitchenWitMapsToTheHandBuiltWorld() throws Exception {
    assertEquals(KitchenWorld.world(), load("kitchen.wit"));
  }

  @Test
  void useAndTypeAliasesMapToUsedTypesAndNamedAliases() throws Exception {
    assertEquals(ResourcesWorld.world(), load("resources.wit"));
  }

  @Test
  void commandWorldImportsWasiInterfacesWithTheirUsedTypes() throws Exception {
    WorldType command = load("hello.wit");
    assertEquals(
        List.of("wasi:cli/run@0.2.12"),
        command.exports().stream().map(ComponentWorldItem::name).toList());
    InterfaceType streams = (InterfaceType) find(command.imports(), "wasi:io/streams@0.2.12");
    ExportedType error = streams.types().get(0);
    assertInstanceOf(UsedType.class, error);
    assertEquals(
        new ResourceType(new TypeName("wasi:io/error@0.2.12", "error")),
        ((UsedType) error).origin());
    assertTrue(
        command.imports().indexOf(find(command.imports(), "wasi:io/error@0.2.12"))
            < command.imports().indexOf(streams),
        "an interface is imported before the interfaces that use its types");
  }

  private static ComponentWorldItem find(List<ComponentWorldItem> items, String name) {
    return items.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }
}
