package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Function;
import dev.componentize.core.wit.Interface;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import dev.componentize.core.wit.WorldItem;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one translation of WIT types that the world encoder and the bindings share. */
class WitTypesTest {
  @Test
  void functionTypesAreTheOnesOfTheWorldType() throws Exception {
    Resolve resolve = WitLoader.load(Path.of("src/test/c/component", "kitchen.wit"), Set.of());
    WorldType world = WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
    WitTypes types = new WitTypes(resolve);
    int compared = 0;
    for (WorldItem item : resolve.selectWorld(null).exports().values()) {
      if (item instanceof WorldItem.InterfaceItem i) {
        Interface iface = resolve.iface(i.id());
        InterfaceType mapped = (InterfaceType) find(world, resolve.interfaceName(i.id()));
        for (Function f : iface.functions().values()) {
          ComponentFunction expected =
              mapped.functions().stream()
                  .filter(m -> m.name().equals(f.externName()))
                  .findFirst()
                  .orElseThrow();
          assertEquals(expected.type(), types.functionType(f));
          compared++;
        }
      }
    }
    assertTrue(compared > 0, "kitchen.wit exports functions");
  }

  @Test
  void anUnsupportedTypeNamesTheConstructAndTheFunction() {
    Resolve resolve =
        WitLoader.loadText(
            """
            package example:s;
            interface pipes {
              record chunk { data: list<u8, 4> }
              read: func() -> list<chunk>;
            }
            world w { import pipes; }
            """,
            Set.of());
    WitTypes types = new WitTypes(resolve);
    WorldItem.InterfaceItem item =
        (WorldItem.InterfaceItem) resolve.selectWorld("w").imports().values().iterator().next();
    Interface pipes = resolve.iface(item.id());
    UnsupportedWitException e =
        assertThrows(
            UnsupportedWitException.class, () -> types.functionType(pipes.functions().get("read")));
    assertEquals("fixed-size list in read is not supported yet", e.getMessage());
    assertEquals("fixed-size list", e.construct());
    assertEquals("read", e.where());
    UnsupportedWitException t =
        assertThrows(
            UnsupportedWitException.class, () -> types.exported(pipes.types().get("chunk")));
    assertEquals("fixed-size list in type 'chunk' is not supported yet", t.getMessage());
  }

  private static ComponentWorldItem find(WorldType world, String name) {
    return world.exports().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }
}
