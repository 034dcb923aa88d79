package dev.componentize.runtime.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.link.ImportBinding;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
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
 * A linked program of two C libraries without WASI as a component of a custom world ({@code
 * shop.wit}): {@code text.so} exports the program's {@code cabi_realloc} and a string builder,
 * {@code shop.so} (which needs text.so) exports the world's functions (records, strings, lists, an
 * option, a u64) and imports the host's {@code decorate}, whose string result the component lowers
 * with text.so's realloc. jco transpiles the component and a node script calls every export.
 */
class LinkedCustomWorldComponentTest {
  private static final List<String> NO_LIBC = List.of("-mbulk-memory", "-nostdlib");

  @TempDir static Path work;
  private static WorldType world;
  private static LinkedProgram program;
  private static Path component;

  @BeforeAll
  static void linkAndEncode() throws Exception {
    Path sysroot = ComponentTools.runtimeBundle().resolve("sdk/sysroot");
    byte[] text = ComponentTools.sharedLibrary(sysroot, work, "text.so", "text.c", NO_LIBC);
    byte[] shop =
        ComponentTools.sharedLibrary(
            sysroot, work, "shop.so", "shop.c", NO_LIBC, work.resolve("text.so"));
    program =
        new Linker(LinkOptions.defaults())
            .link(List.of(Library.of("shop.so", shop), Library.of("text.so", text)));
    Resolve resolve = WitLoader.load(ComponentTools.SOURCES.resolve("shop.wit"), Set.of());
    world = WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
    component = work.resolve("linked-shop.wasm");
    Files.write(component, WorldEncoder.encodeProgram(world, program, null));
  }

  @Test
  void theOnlyExternalImportIsTheHostFunction() {
    assertEquals(
        List.of(new ImportBinding.External("test:linked/host@0.1.0", "decorate")),
        program.externalImports());
    assertEquals(
        List.of("main", "text.so", "shop.so", "init"),
        program.instances().stream().map(i -> i.name()).toList());
  }

  @Test
  void encodingIsDeterministic() throws Exception {
    assertArrayEquals(
        Files.readAllBytes(component), WorldEncoder.encodeProgram(world, program, null));
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    ComponentTools.Result result =
        ComponentTools.run(
            work, 60, ComponentTools.wasmTools().toString(), "validate", component.toString());
    assertEquals(0, result.exitCode(), result::describe);
  }

  @Test
  void wasmToolsPrintsTheWorldBack() throws Exception {
    ComponentTools.Result result =
        ComponentTools.run(
            work,
            60,
            ComponentTools.wasmTools().toString(),
            "component",
            "wit",
            component.toString());
    assertEquals(0, result.exitCode(), result::describe);
    String wit = result.stdout();
    assertTrue(wit.contains("import test:linked/host@0.1.0;"), wit);
    assertTrue(wit.contains("export test:linked/shop@0.1.0;"), wit);
    assertTrue(wit.contains("export greet: func(name: string) -> string;"), wit);
    assertTrue(wit.contains("cheapest: func(items: list<item>) -> option<item>;"), wit);
  }

  @Test
  void jcoTranspiledComponentAnswersEveryExport() throws Exception {
    Path jcoHome = ComponentTools.jcoHome();
    String node = ComponentTools.node().toString();
    Path out = work.resolve("jco-shop");
    ComponentTools.Result transpile =
        ComponentTools.run(
            work,
            300,
            node,
            ComponentTools.jcoScript(jcoHome).toString(),
            "transpile",
            component.toString(),
            "--name",
            "shop",
            "--quiet",
            "--instantiation",
            "async",
            "-o",
            out.toString());
    assertEquals(0, transpile.exitCode(), transpile::describe);
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    Path script = ComponentTools.SOURCES.resolve("shop-check.mjs").toAbsolutePath();
    ComponentTools.Result run =
        ComponentTools.run(work, 120, node, script.toString(), out.toString());
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().contains("5 passed, 0 failed"), run::describe);
  }
}
