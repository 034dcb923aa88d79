package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.link.ImportBinding;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linked program (the linker's output shape: instances in order, imports wired to earlier exports
 * or left external) encoded as a component: {@code main} owns the memory, {@code lib} imports it
 * and the host functions of {@code program.wit}. The host's {@code name} needs {@code lib}'s own
 * realloc, so it goes through the shim until {@code lib} exists.
 */
class LinkedProgramComponentTest {
  @TempDir static Path work;
  private static WorldType world;
  private static Path component;

  @BeforeAll
  static void encode() throws Exception {
    Resolve resolve =
        WitLoader.load(Path.of("src/test/resources/component/program/program.wit"), Set.of());
    world = WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
    component = work.resolve("program.wasm");
    Files.write(component, WorldEncoder.encodeProgram(world, program("main"), null));
  }

  static LinkedProgram program(String memoryFrom) throws Exception {
    ProgramInstance main =
        new ProgramInstance(
            "main",
            WasmReader.read("main.wasm", ComponentChecks.resource("program/main.wasm")),
            List.of());
    ProgramInstance lib =
        new ProgramInstance(
            "lib",
            WasmReader.read("lib.wasm", ComponentChecks.resource("program/lib.wasm")),
            List.of(
                new ImportBinding(
                    "env", "memory", new ImportBinding.FromInstance(memoryFrom, "memory")),
                new ImportBinding(
                    "test:p/host@0.1.0",
                    "log",
                    new ImportBinding.External("test:p/host@0.1.0", "log")),
                new ImportBinding(
                    "test:p/host@0.1.0",
                    "name",
                    new ImportBinding.External("test:p/host@0.1.0", "name"))));
    return new LinkedProgram(List.of(main, lib), null, List.of(), List.of());
  }

  @Test
  void encodingIsDeterministic() throws Exception {
    assertArrayEquals(
        Files.readAllBytes(component), WorldEncoder.encodeProgram(world, program("main"), null));
  }

  @Test
  void importFromAnInstanceThatIsNotEarlierIsRejected() {
    ComponentEncodingException e =
        assertThrows(
            ComponentEncodingException.class,
            () -> WorldEncoder.encodeProgram(world, program("lib"), null));
    assertEquals(
        "instance 'lib' imports from 'lib', which is not an earlier instance of the program",
        e.getMessage());
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    ComponentChecks.assertValid(component);
  }

  @Test
  void jcoRunsTheProgramWithTheHostImports() throws Exception {
    ComponentChecks.assertJcoScriptPasses(component, "program", "program/program-check.mjs");
  }
}
