package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Types declared directly in a world ({@code world-types.wit}) are imported by name, so {@code
 * wasm-tools component wit} prints them back inside the world.
 */
class WorldLevelTypesTest {
  /**
   * {@code (func (export "area") (param i32 i32) (result i32) x*y)} and {@code (func (export
   * "next") (param i64) (result i64) i+1)}: the flattened {@code point} and {@code id}.
   */
  private static final byte[] MODULE = {
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // preamble
    0x01,
    0x0c,
    0x02,
    0x60,
    0x02,
    0x7f,
    0x7f,
    0x01,
    0x7f,
    0x60,
    0x01,
    0x7e,
    0x01,
    0x7e, // types
    0x03,
    0x03,
    0x02,
    0x00,
    0x01, // functions
    0x07,
    0x0f,
    0x02,
    0x04,
    'a',
    'r',
    'e',
    'a',
    0x00,
    0x00,
    0x04,
    'n',
    'e',
    'x',
    't',
    0x00,
    0x01,
    0x0a,
    0x11,
    0x02, // code
    0x07,
    0x00,
    0x20,
    0x00,
    0x20,
    0x01,
    0x6c,
    0x0b, // local.get 0; local.get 1; i32.mul
    0x07,
    0x00,
    0x20,
    0x00,
    0x42,
    0x01,
    0x7c,
    0x0b // local.get 0; i64.const 1; i64.add
  };

  @TempDir Path work;

  @Test
  void worldTypesAreImportedByNameAndPrintedInTheWorld() throws Exception {
    Resolve resolve =
        WitLoader.load(Path.of("src/test/resources/component/world-types.wit"), Set.of());
    WorldType world = WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
    Path component = work.resolve("world-types.wasm");
    Files.write(component, WorldEncoder.encode(world, MODULE));

    ComponentChecks.assertValid(component);
    ComponentChecks.assertWitRoundTrip(
        component,
        Path.of("src/test/resources/component/world-types.wit"),
        List.of(),
        List.of(
            "record point {",
            "x: u32,",
            "y: u32,",
            "}",
            "type id = u64;",
            "export area: func(p: point) -> u32;",
            "export next: func(i: id) -> id;"));
    assertEquals(2, world.exports().size());
  }
}
