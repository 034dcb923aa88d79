package dev.componentize.runtime.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linked program as a {@code wasi:cli/command} component: two PIC libraries built with clang-19
 * against the runtime bundle's sysroot ({@code app.so} exports {@code _start} and calls {@code
 * greet} in {@code greet.so}, which prints with printf) are linked with the bundle's {@code
 * libc.so} by {@link Linker}, then encoded with the preview1 command adapter by {@link
 * WorldEncoder#encodeProgram}. The adapter's {@code wasi:cli/run#run} calls {@code _start}; libc's
 * {@code fd_write} goes to the adapter, which writes to {@code wasi:cli/stdout}.
 */
class LinkedCommandComponentTest {
  @TempDir static Path work;
  private static WorldType world;
  private static LinkedProgram program;
  private static byte[] adapter;
  private static Path component;

  @BeforeAll
  static void linkAndEncode() throws Exception {
    Path bundle = ComponentTools.runtimeBundle();
    Path sysroot = bundle.resolve("sdk/sysroot");
    Path libc = bundle.resolve("lib/libc.so");
    byte[] greet = ComponentTools.sharedLibrary(sysroot, work, "greet.so", "greet.c", libc);
    byte[] app =
        ComponentTools.sharedLibrary(sysroot, work, "app.so", "app.c", work.resolve("greet.so"));
    program =
        new Linker(LinkOptions.defaults())
            .link(
                List.of(
                    Library.of("libc.so", Files.readAllBytes(libc)),
                    Library.of("greet.so", greet),
                    Library.of("app.so", app)));
    Resolve resolve = WitLoader.load(ComponentTools.SOURCES.resolve("command.wit"), Set.of());
    world = WitWorlds.toWorldType(resolve, resolve.selectWorld(null));
    adapter = Files.readAllBytes(ComponentTools.commandAdapter());
    component = work.resolve("linked-command.wasm");
    Files.write(component, WorldEncoder.encodeProgram(world, program, adapter));
  }

  @Test
  void programIsMainTheLibrariesInDependencyOrderThenInit() {
    assertEquals(
        List.of("main", "libc.so", "greet.so", "app.so", "init"),
        program.instances().stream().map(i -> i.name()).toList());
  }

  @Test
  void encodingIsDeterministic() throws Exception {
    assertArrayEquals(
        Files.readAllBytes(component), WorldEncoder.encodeProgram(world, program, adapter));
  }

  @Test
  void wasmToolsValidatesTheComponent() throws Exception {
    ComponentTools.Result result =
        ComponentTools.run(
            work, 60, ComponentTools.wasmTools().toString(), "validate", component.toString());
    assertEquals(0, result.exitCode(), result::describe);
  }

  @Test
  void jcoRunPrintsFromTheLibraryThroughLibc() throws Exception {
    ComponentTools.Result run = jcoRun();
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("Hello, linked component! (1 of 1)\n", run.stdout());
  }

  @Test
  void argumentsReachMainThroughTheAdapter() throws Exception {
    ComponentTools.Result run = jcoRun("jco", "2");
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("Hello, jco! (1 of 2)\nHello, jco! (2 of 2)\n", run.stdout());
  }

  @Test
  void nonZeroStatusFromMainIsAnErrorExit() throws Exception {
    // exit(3) becomes wasi:cli/exit.exit(err): WASI 0.2 only tells success from failure.
    ComponentTools.Result run = jcoRun("status", "1", "3");
    assertEquals(1, run.exitCode(), run::describe);
    assertEquals("Hello, status! (1 of 1)\n", run.stdout());
  }

  private static ComponentTools.Result jcoRun(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ComponentTools.node().toString(),
                ComponentTools.jcoScript(ComponentTools.jcoHome()).toString(),
                "run",
                component.toString()));
    command.addAll(List.of(args));
    return ComponentTools.run(command, work, 300);
  }
}
