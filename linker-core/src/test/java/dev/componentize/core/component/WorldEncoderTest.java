package dev.componentize.core.component;

import static dev.componentize.core.component.types.PrimitiveType.STRING;
import static dev.componentize.core.component.types.PrimitiveType.U32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.WorldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour of the world encoder that needs no external tool. */
class WorldEncoderTest {

  @Test
  void sameInputsGiveIdenticalBytes() throws Exception {
    byte[] module = ComponentChecks.resource("kitchen.wasm");
    byte[] first = WorldEncoder.encode(KitchenWorld.world(), module);
    byte[] second = WorldEncoder.encode(KitchenWorld.world(), module.clone());
    assertArrayEquals(first, second);
  }

  @Test
  void outputIsAComponentEmbeddingTheCoreModuleUnchanged() throws Exception {
    byte[] module = ComponentChecks.resource("kitchen.wasm");
    byte[] component = WorldEncoder.encode(KitchenWorld.world(), module);
    assertArrayEquals(
        new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00}, Arrays.copyOf(component, 8));
    assertTrue(indexOf(component, module) > 0, "core module bytes embedded verbatim");
  }

  @Test
  void worldExportMissingFromTheCoreModuleIsNamed() throws Exception {
    WorldType world = KitchenWorld.world();
    List<ComponentWorldItem> exports = new ArrayList<>(world.exports());
    exports.add(new ComponentFunction("absent", ComponentFuncType.of(List.of(), U32)));
    WorldType wider = new WorldType(world.imports(), exports);
    ComponentEncodingException e =
        assertThrows(
            ComponentEncodingException.class,
            () -> WorldEncoder.encode(wider, ComponentChecks.resource("kitchen.wasm")));
    assertEquals(
        "the world exports 'absent', but the core module exports no such function", e.getMessage());
  }

  @Test
  void coreImportTheWorldDoesNotProvideIsRejected() throws Exception {
    WorldType world = KitchenWorld.world();
    WorldType noHost = new WorldType(world.imports().subList(1, 2), world.exports());
    ComponentEncodingException e =
        assertThrows(
            ComponentEncodingException.class,
            () -> WorldEncoder.encode(noHost, ComponentChecks.resource("kitchen.wasm")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "core module imports 'test:kitchen/host@0.1.0' 'name', but the world does not"
                    + " import interface 'test:kitchen/host@0.1.0'"),
        e.getMessage());
  }

  @Test
  void stringExportWithoutExportedMemoryIsRejected() {
    // (module (func (export "echo") (param i32 i32))): no memory export.
    byte[] module = {
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00, // preamble
      0x01,
      0x06,
      0x01,
      0x60,
      0x02,
      0x7f,
      0x7f,
      0x00, // type section: [i32 i32] -> []
      0x03,
      0x02,
      0x01,
      0x00, // function section
      0x07,
      0x08,
      0x01,
      0x04,
      'e',
      'c',
      'h',
      'o',
      0x00,
      0x00, // export "echo" func 0
      0x0a,
      0x04,
      0x01,
      0x02,
      0x00,
      0x0b // code: empty body
    };
    WorldType world =
        new WorldType(
            List.of(),
            List.of(
                new ComponentFunction(
                    "echo", ComponentFuncType.of(List.of(new Field("s", STRING)), null))));
    ComponentEncodingException e =
        assertThrows(ComponentEncodingException.class, () -> WorldEncoder.encode(world, module));
    assertEquals(
        "export 'echo' passes values through memory, but the core module exports no memory named"
            + " 'memory'",
        e.getMessage());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
