package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2 (issue 5): a custom world (resources/scenarios/types) whose exports use every WIT type
 * kind (bool, every integer, f32/f64, char, string, list incl. {@code list<u8>} as bytes, record,
 * tuple, variant, enum, flags, option, result ok and err, an exported resource with constructor,
 * methods, a static function, borrow and drop) and which imports host functions (a record both
 * ways) and a host resource (constructor, methods, an own result, a borrow argument, drop).
 * types-check.mjs calls them all on what {@code jco transpile} makes of the component.
 */
class TypesScenarioTest {
  private static final Path SOURCES = Scenarios.RESOURCES.resolve("types");

  @TempDir static Path work;
  static Path component;

  @BeforeAll
  static void componentize() throws Exception {
    component = Scenarios.componentize("types", work, List.of());
  }

  @Test
  void everyExportAnswersAsTheNodeHostExpects() throws Exception {
    Path out = Scenarios.transpile(component, work, "types", "scenarios:types/host=./host.mjs");
    Files.copy(SOURCES.resolve("host.mjs"), out.resolve("host.mjs"));
    Scenarios.Run run =
        Scenarios.run(
            List.of(
                Scenarios.node().toString(),
                SOURCES.resolve("types-check.mjs").toString(),
                out.toString()),
            work,
            Map.of(),
            600);
    System.out.print(run.transcript("node types-check.mjs types"));
    assertEquals(0, run.exitCode(), run::describe);
    // Every check( line of the script ran and passed.
    long checks =
        Files.readAllLines(SOURCES.resolve("types-check.mjs")).stream()
            .filter(line -> line.startsWith("check("))
            .count();
    assertTrue(run.stdout().endsWith("\n" + checks + " passed, 0 failed\n"), run::describe);
    assertEquals("", run.stderr(), run::describe);
  }
}
