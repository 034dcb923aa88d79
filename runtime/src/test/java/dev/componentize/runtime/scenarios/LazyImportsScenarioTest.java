package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.imports.StdlibMode;
import dev.componentize.runtime.pipeline.PipelineFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 (resources/scenarios/lazy): an app whose exports import {@code fractions}, {@code json},
 * {@code textwrap}, {@code email.utils}, {@code importlib.metadata}, a wheel's module and its own
 * modules only inside the functions. The component answers under wasmtime and jco with no preopened
 * directory: the modules are embedded and served from memory. A module that prints at import prints
 * at run time, not during the build; a traceback shows the app's source lines. With {@code
 * stdlib=all}, {@code importlib.import_module} of a name the host passes works.
 */
class LazyImportsScenarioTest {
  private static final String TRACEBACK =
      "componentize: export fail raised an exception\n"
          + "Traceback (most recent call last):\n"
          + "  File \"/sources/0/app.py\", line 53, in fail\n"
          + "    return explode()\n"
          + "  File \"/sources/0/helpers/broken.py\", line 5, in explode\n"
          + "    return {}[\"missing key\"]\n"
          + "           ~~^^^^^^^^^^^^^^^\n"
          + "KeyError: 'missing key'\n";

  @TempDir static Path work;
  static ComponentizeResult reachable;
  static final List<String> warnings = new ArrayList<>();
  static Path component;

  @BeforeAll
  static void componentize() throws Exception {
    Path wheel =
        PipelineFixtures.wheel(
            work.resolve("greeting-1.0-py3-none-any.whl"),
            "greeting",
            "py3-none-any",
            Map.of(
                "greeting/__init__.py",
                "",
                "greeting/polite.py",
                "from . import words\n\ndef salute(name):\n    return words.HELLO + ', ' + name\n",
                "greeting/words.py",
                "HELLO = 'Good day'\n"));
    reachable =
        Scenarios.componentize(
            "lazy", "lazy", work, List.of(wheel), UnaryOperator.identity(), warnings);
    component = reachable.output().orElseThrow();
  }

  @Test
  void underWasmtimeWithNoDirEveryLazyImportWorks() throws Exception {
    assertEquals("\"1/2\"", invoke(component, "fraction(1, 6)").stdout().strip());
    assertEquals(
        "\"{\\\"n\\\": 4, \\\"squares\\\": [0, 1, 4, 9]}\"",
        invoke(component, "to-json(4)").stdout().strip());
    assertEquals(
        "[\"the quick brown\", \"fox jumps over\", \"the lazy dog\"]",
        invoke(component, "wrap(\"the quick brown fox jumps over the lazy dog\", 16)")
            .stdout()
            .strip());
    assertEquals(
        "\"Ada Lovelace <ada@example.org>\"",
        invoke(component, "address(\"Ada Lovelace\", \"ada@example.org\")").stdout().strip());
    assertEquals(
        "\"xn--bcher-kva.example\"",
        invoke(component, "idna(\"bücher.example\")").stdout().strip());
    assertEquals("\"1.0\"", invoke(component, "version(\"greeting\")").stdout().strip());
    assertEquals("\"Good day, Ada\"", invoke(component, "greet(\"Ada\")").stdout().strip());
  }

  @Test
  void aModuleThatPrintsAtImportPrintsAtRunTimeNotDuringTheBuild() throws Exception {
    assertFalse(reachable.initOutput().contains("noisy"), reachable.initOutput());
    Scenarios.Run run = invoke(component, "noisy()");
    assertEquals("noisy: imported\n\"quiet now\"\n", run.stdout(), run::describe);
  }

  @Test
  void aTracebackShowsTheAppsSourceLines() throws Exception {
    Scenarios.Run run = invoke(component, "fail()");
    assertNotEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stderr().startsWith(TRACEBACK), run::describe);
  }

  @Test
  void theUnparsableUnusedFileIsAWarningNotAFailure() {
    assertTrue(
        warnings.stream().anyMatch(w -> w.contains("unused.py:3: unterminated string literal")),
        warnings::toString);
  }

  @Test
  void underJcoWithNoPreopenEveryLazyImportWorks() throws Exception {
    Path out = Scenarios.transpile(component, work, "lazy");
    Scenarios.Run run =
        Scenarios.run(
            List.of(
                Scenarios.node().toString(),
                Scenarios.RESOURCES.resolve("lazy/lazy-check.mjs").toString(),
                out.toString()),
            work,
            Map.of(),
            600);
    System.out.print(run.transcript("node lazy-check.mjs lazy"));
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(
        List.of(
            "fraction(1, 6) -> \"1/2\"",
            "toJson(4) -> \"{\\\"n\\\": 4, \\\"squares\\\": [0, 1, 4, 9]}\"",
            "wrap(\"the quick brown fox jumps over the lazy dog\", 16) -> [\"the quick brown\",\"fox"
                + " jumps over\",\"the lazy dog\"]",
            "address(\"Ada Lovelace\", \"ada@example.org\") -> \"Ada Lovelace <ada@example.org>\"",
            "idna(\"bücher.example\") -> \"xn--bcher-kva.example\"",
            "version(\"greeting\") -> \"1.0\"",
            "greet(\"Ada\") -> \"Good day, Ada\"",
            "noisy: imported",
            "noisy() -> \"quiet now\""),
        run.stdout().lines().limit(9).toList(),
        run::describe);
    assertTrue(run.stdout().lines().toList().get(9).startsWith("fail() -> threw"), run::describe);
    assertTrue(run.stderr().startsWith(TRACEBACK), run::describe);
  }

  @Test
  void withStdlibAllAModuleNamedByTheHostImports() throws Exception {
    ComponentizeResult all =
        Scenarios.componentize(
            "lazy", "lazy-all", work, List.of(), c -> c.stdlib(StdlibMode.ALL), new ArrayList<>());
    Path allComponent = all.output().orElseThrow();
    Scenarios.Run run = invoke(allComponent, "load(\"colorsys\")");
    assertEquals("\"colorsys\"\n", run.stdout(), run::describe);
    // Not reachable from the app's code, so not in the default component.
    Scenarios.Run missing = invoke(component, "load(\"colorsys\")");
    assertNotEquals(0, missing.exitCode(), missing::describe);
    assertTrue(
        missing.stderr().contains("ModuleNotFoundError: No module named 'colorsys'"),
        missing::describe);
    assertTrue(all.componentSize() > reachable.componentSize());
  }

  private static Scenarios.Run invoke(Path wasm, String call) throws Exception {
    Scenarios.Run run =
        Scenarios.run(
            List.of(Scenarios.wasmtime().toString(), "run", "--invoke", call, wasm.toString()),
            work,
            Map.of("RUST_BACKTRACE", "0"),
            600);
    System.out.print(run.transcript("wasmtime run --invoke '" + call + "' " + wasm.getFileName()));
    return run;
  }
}
