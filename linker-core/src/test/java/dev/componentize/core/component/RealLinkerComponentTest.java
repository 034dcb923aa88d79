package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.link.Clang;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.link.ProgramInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real shared-everything linker's output as a component: {@code liba.so} (the linker's fixture)
 * and {@code linked.so} ({@code src/test/c/component/linked.c}; the two call each other) are
 * compiled position-independent, linked into main + libraries + init, and encoded; the component
 * must validate and answer through jco, which proves the memory, table, GOT, trampoline and init
 * wiring.
 */
class RealLinkerComponentTest {
  @TempDir static Path out;
  private static Path component;

  @BeforeAll
  static void linkAndEncode() throws Exception {
    Clang.assumeAvailable();
    byte[] liba = Clang.sharedLibrary(out, "liba.so", "liba.c");
    byte[] linked = Clang.sharedLibrary(out, "linked.so", "../component/linked.c", "liba.so");
    LinkedProgram program =
        new Linker(LinkOptions.defaults())
            .link(List.of(Library.of("linked.so", linked), Library.of("liba.so", liba)));
    assertEquals(
        List.of("main", "liba.so", "linked.so", "init"),
        program.instances().stream().map(ProgramInstance::name).toList());
    WorldType world =
        new WorldType(
            List.of(),
            List.of(
                new ComponentFunction(
                    "twice-plus-one",
                    ComponentFuncType.of(
                        List.of(new Field("x", PrimitiveType.S32)), PrimitiveType.S32)),
                new ComponentFunction(
                    "counter", ComponentFuncType.of(List.of(), PrimitiveType.S32))));
    component = out.resolve("linked.wasm");
    Files.write(component, WorldEncoder.encodeProgram(world, program, null));
  }

  @Test
  void wasmToolsValidatesTheLinkedComponent() throws Exception {
    ComponentChecks.assertValid(component);
  }

  @Test
  void jcoCallsAcrossTheLinkedLibraries() throws Exception {
    ComponentChecks.assertJcoScriptPasses(component, "linked", "program/linked-check.mjs");
  }
}
