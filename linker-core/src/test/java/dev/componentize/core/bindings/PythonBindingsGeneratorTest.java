package dev.componentize.core.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonBindingsGeneratorTest {
  static final Path RESOURCES = Path.of("src/test/resources/bindings");

  static WorldPlan demoPlan() throws IOException {
    Resolve resolve = WitLoader.load(RESOURCES.resolve("demo.wit"), Set.of());
    return WorldPlan.of(resolve, resolve.selectWorld("demo"), "app");
  }

  static Map<String, String> generate(WorldPlan plan) {
    return PythonBindingsGenerator.generate(plan, DescriptorEncoder.encode(plan));
  }

  @Test
  void writesThePackageModulesStubsAndTypedMarker() throws IOException {
    assertEquals(
        List.of(
            "wit_world/__init__.py",
            "wit_world/types.py",
            "wit_world/types.pyi",
            "wit_world/py.typed",
            "wit_world/imports/__init__.py",
            "wit_world/imports/types.py",
            "wit_world/imports/host.py",
            "wit_world/exports/__init__.py",
            "wit_world/exports/api.py",
            "_componentize.pyi"),
        List.copyOf(generate(demoPlan()).keySet()));
  }

  @Test
  void asyncFunctionsAreAsyncDefsAndTheirPlanHasTheAsyncImportIndices() {
    Resolve resolve =
        WitLoader.loadText(
            """
            package test:concurrent;
            interface clock { sleep: async func(ms: u32) -> u32; now: func() -> u64; }
            world w {
              import clock;
              export run: async func(ms: u32) -> string;
              export add: func(a: s32, b: s32) -> s32;
            }
            """,
            Set.of());
    WorldPlan plan = WorldPlan.of(resolve, resolve.selectWorld("w"), "app");
    Map<String, String> files = generate(plan);
    String world = files.get("wit_world/__init__.py");
    assertTrue(world.contains("    async def run(self, ms: int) -> str:"), world);
    assertTrue(world.contains("    def add(self, a: int, b: int) -> int:"), world);
    String clock = files.get("wit_world/imports/clock.py");
    assertTrue(clock.contains("async def sleep(ms: int) -> int:"), clock);
    assertTrue(clock.contains("return await componentize_async.call_import(0, ms)"), clock);
    assertTrue(clock.contains("def now() -> int:") && !clock.contains("async def now"), clock);
    assertEquals("[async-lower]sleep", plan.imports().get(0).field());
    assertEquals("[async-lift]run", plan.exports().get(0).coreName());
    // After the two imports: the six task/waitable built-ins, then run's task.return.
    assertEquals(2, plan.asyncBuiltinsBase());
    assertEquals(8, plan.exports().get(0).taskReturnIndex());
    assertEquals(-1, plan.exports().get(1).taskReturnIndex());
  }

  @Test
  void theSameWorldGivesTheSameFiles() throws IOException {
    assertEquals(generate(demoPlan()), generate(demoPlan()));
  }

  @Test
  void everyGeneratedFileCompiles(@TempDir Path dir) throws IOException {
    Python.assumeAvailable();
    Map<String, String> files = generate(demoPlan());
    Python.write(dir, files);
    List<String> args = new ArrayList<>(List.of("-m", "py_compile"));
    for (String name : files.keySet()) {
      if (name.endsWith(".py") || name.endsWith(".pyi")) {
        args.add(name);
      }
    }
    Python.Run run = Python.run(dir, args);
    assertEquals(0, run.exitCode(), run.output());
  }

  @Test
  void thePackageImportsAndBehavesWithARecordingGlue(@TempDir Path dir) throws IOException {
    Python.assumeAvailable();
    WorldPlan plan = demoPlan();
    Descriptor descriptor = DescriptorEncoder.encode(plan);
    Python.write(dir, PythonBindingsGenerator.generate(plan, descriptor));
    for (String helper : List.of("_componentize.py", "check_demo.py")) {
      Files.copy(RESOURCES.resolve("python").resolve(helper), dir.resolve(helper));
    }
    Files.delete(dir.resolve("_componentize.pyi"));
    Python.Run run = Python.run(dir, List.of("check_demo.py"));
    assertEquals(0, run.exitCode(), run.output());
    List<String> lines = run.output().lines().toList();
    assertEquals("OK", lines.get(lines.size() - 1));
    // The classes registered at import time are the descriptor's, in python_class order.
    List<String> expected = new ArrayList<>();
    for (String cls : descriptor.classes()) {
      expected.add(cls.replace(" ", "").replace(",)", ")"));
    }
    assertEquals(expected, lines.subList(0, lines.size() - 1));
  }

  @Test
  void worldLevelTypesResourcesAndFunctionsLiveInThePackage(@TempDir Path dir) throws IOException {
    Python.assumeAvailable();
    Resolve resolve = WitLoader.load(RESOURCES.resolve("world-level.wit"), Set.of());
    Python.write(dir, generate(WorldPlan.of(resolve, resolve.selectWorld("w"), "app")));
    for (String helper : List.of("_componentize.py", "check_world_level.py")) {
      Files.copy(RESOURCES.resolve("python").resolve(helper), dir.resolve(helper));
    }
    Files.delete(dir.resolve("_componentize.pyi"));
    Python.Run run = Python.run(dir, List.of("check_world_level.py"));
    assertEquals(0, run.exitCode(), run.output());
    assertEquals("OK", run.output().strip());
  }

  @Test
  void theWasiCommandWorldGivesImportableBindings(@TempDir Path dir) throws IOException {
    Python.assumeAvailable();
    Resolve resolve =
        WitLoader.loadText(
            """
            package example:hello;
            world hello {
              include wasi:cli/command@0.2.12;
            }
            """,
            Set.of());
    WorldPlan plan = WorldPlan.of(resolve, resolve.selectWorld("hello"), "app");
    Descriptor descriptor = DescriptorEncoder.encode(plan);
    Python.write(dir, PythonBindingsGenerator.generate(plan, descriptor));
    Files.writeString(
        dir.resolve("_componentize.py"),
        "registered = []\ndef register(classes):\n    registered.extend(classes)\n");
    Files.delete(dir.resolve("_componentize.pyi"));
    Python.Run run =
        Python.run(
            dir,
            List.of(
                "-c",
                "import _componentize, wit_world, wit_world.exports\n"
                    + "from wit_world.imports import streams\n"
                    + "print(wit_world.exports.Run.__name__, streams.OutputStream.__name__,"
                    + " len(_componentize.registered))"));
    assertEquals(0, run.exitCode(), run.output());
    assertEquals("Run OutputStream " + descriptor.classes().size(), run.output().strip());
  }

  @Test
  void keywordsAreEscapedAndNamesFollowPep8() throws IOException {
    Map<String, String> files = generate(demoPlan());
    String host = files.get("wit_world/imports/host.py");
    assertTrue(host.contains("def check(from_: Permissions, import_: Id) -> bool:"), host);
    assertTrue(host.contains("def open_default() -> File:"), host);
    assertTrue(host.contains("    NOT_FOUND = 0\n"), host);
    String exports = files.get("wit_world/exports/__init__.py");
    assertTrue(exports.contains("class Api(Protocol):"), exports);
    // Too long for one line (PEP 8: 99 characters): a hanging indent, one parameter per line.
    assertTrue(
        exports.contains(
            """
                def class_(
                    self,
                    p: wit_world.exports.api.Point,
                    weight: float,
                    count: int,
                ) -> wit_world.exports.api.Point:
            """),
        exports);
    assertTrue(exports.contains("def divide(self, a: float, b: float) -> float:"), exports);
  }

  @Test
  void aStreamGetsItsBuiltInsAfterTheAsyncOnesAndAReaderHint() {
    Resolve resolve =
        WitLoader.loadText(
            """
            package example:s;
            world w {
              import pipe: func() -> stream<u8>;
              import pipes: func(a: stream<u8>, b: future<string>) -> stream<u8>;
            }
            """,
            Set.of());
    WorldPlan plan = WorldPlan.of(resolve, resolve.selectWorld("w"), "app");
    // Two imports, then the six task and waitable built-ins, then seven per distinct type.
    assertEquals(2, plan.asyncBuiltinsBase());
    List<WorldPlan.HandleType> handles = plan.handleTypes();
    assertEquals(2, handles.size());
    assertEquals("[stream-new-0]pipe", handles.get(0).field("new"));
    assertEquals(8, handles.get(0).firstImport());
    assertEquals("[async-lower][future-read-1]pipes", handles.get(1).field("read"));
    assertEquals(15, handles.get(1).firstImport());
    assertEquals(-1, plan.errorContextBase());
    String init = generate(plan).get("wit_world/__init__.py");
    assertTrue(init.contains("componentize_streams.StreamReader[bytes]"), init);
    assertTrue(init.contains("componentize_streams.FutureReader[str]"), init);
  }
}
