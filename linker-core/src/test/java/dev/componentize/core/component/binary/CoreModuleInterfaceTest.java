package dev.componentize.core.component.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.binary.CoreModuleInterface.Kind;
import dev.componentize.core.component.canon.CanonicalSignatures;
import dev.componentize.core.component.canon.CoreSignature;
import dev.componentize.core.component.canon.FlatType;
import dev.componentize.core.wasm.WasmReader;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreModuleInterfaceTest {

  @Test
  void readsImportsAndExportsOfAClangBuiltModule() throws Exception {
    CoreModuleInterface module = CoreModuleInterface.read(resource("kitchen.wasm"));
    assertTrue(
        module.imports().contains(new CoreModuleInterface.Import("$root", "now", Kind.FUNC)));
    assertEquals(Kind.MEMORY, module.export("memory").orElseThrow().kind());
    assertTrue(module.exportsFunc("cabi_realloc"));
    assertTrue(module.exportsFunc("test:kitchen/api@0.1.0#[dtor]counter"));
  }

  @Test
  void readingTheInterfaceAloneAgreesWithTheWholeModule() throws Exception {
    byte[] bytes = resource("kitchen.wasm");
    CoreModuleInterface whole = CoreModuleInterface.of(WasmReader.read("kitchen.wasm", bytes));
    assertEquals(whole, CoreModuleInterface.read(bytes));
    assertTrue(whole.signature(0).isPresent(), "the first import is a function");
  }

  @Test
  void rejectsAComponentWithTheOffsetOfTheVersion() {
    byte[] component = new ComponentBuilder().toBytes();
    ComponentEncodingException e =
        assertThrows(ComponentEncodingException.class, () -> CoreModuleInterface.read(component));
    assertTrue(e.getMessage().contains("offset 4"), e.getMessage());
  }

  @Test
  void rejectsASectionThatRunsPastTheEnd() {
    byte[] truncated = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x07, 0x10, 0x00};
    ComponentEncodingException e =
        assertThrows(ComponentEncodingException.class, () -> CoreModuleInterface.read(truncated));
    assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
  }

  @Test
  void shimExportsOneForwarderPerSlotAndTheTable() throws Exception {
    CoreSignature log = CoreSignature.of(List.of(FlatType.I32, FlatType.I32), List.of());
    byte[] shim = CoreModuleWriter.shim(List.of(log, CanonicalSignatures.RESOURCE_DTOR, log));
    CoreModuleInterface read = CoreModuleInterface.read(shim);
    assertEquals(List.of(), read.imports());
    assertEquals(
        List.of("0", "1", "2", CoreModuleWriter.TABLE_NAME),
        read.exports().stream().map(CoreModuleInterface.Export::name).toList());
    assertEquals(Kind.TABLE, read.export(CoreModuleWriter.TABLE_NAME).orElseThrow().kind());
  }

  @Test
  void fixupImportsTheFunctionsTheTableAndTheInitializer() throws Exception {
    CoreSignature sig = CoreSignature.of(List.of(FlatType.I32), List.of());
    byte[] fixup = CoreModuleWriter.fixup(List.of(sig), Optional.of("_initialize"));
    CoreModuleInterface read = CoreModuleInterface.read(fixup);
    assertEquals(
        List.of(
            new CoreModuleInterface.Import("", "0", Kind.FUNC),
            new CoreModuleInterface.Import("", "_initialize", Kind.FUNC),
            new CoreModuleInterface.Import("", CoreModuleWriter.TABLE_NAME, Kind.TABLE)),
        read.imports());
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = CoreModuleInterfaceTest.class.getResourceAsStream("/component/" + name)) {
      return in.readAllBytes();
    }
  }
}
