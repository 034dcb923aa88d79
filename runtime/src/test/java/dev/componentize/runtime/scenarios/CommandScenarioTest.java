package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 1 (issue 5): a {@code wasi:cli/command} app in Python (resources/scenarios/command),
 * componentized with pre-initialization and run by {@code jco run} and {@code wasmtime run}: it
 * prints, sees the run's arguments and environment (none of the build's), exits with the status
 * {@code sys.exit} gives, draws fresh random numbers on every run, and reads files only from the
 * directories the host preopens.
 */
class CommandScenarioTest {
  private static final Map<String, String> ENV = Map.of("GREETING", "hi there");

  @TempDir static Path work;
  static Path component;

  @BeforeAll
  static void componentize() throws Exception {
    component = Scenarios.componentize("command", work, List.of());
  }

  @Test
  void jcoRunPrintsTheRunsArgumentsAndEnvironment() throws Exception {
    Scenarios.Run run = Scenarios.jcoRun(component, work, ENV, Map.of(), "one", "two words");
    System.out.print(run.transcript("jco run command.wasm one 'two words'"));
    assertEquals(0, run.exitCode(), run::describe);
    assertGreeting(run, "['one', 'two words']");
  }

  @Test
  void wasmtimeRunPrintsTheRunsArgumentsAndEnvironment() throws Exception {
    Scenarios.Run run = Scenarios.wasmtimeRun(component, work, ENV, Map.of(), "one", "two words");
    System.out.print(
        run.transcript("wasmtime run --env GREETING='hi there' command.wasm one 'two words'"));
    assertEquals(0, run.exitCode(), run::describe);
    assertGreeting(run, "['one', 'two words']");
  }

  private static void assertGreeting(Scenarios.Run run, String args) {
    String out = run.stdout();
    assertTrue(out.startsWith("Hello from a Python command component!\n"), run::describe);
    assertTrue(out.contains("\nargs: " + args + "\n"), run::describe);
    assertTrue(out.contains("\nGREETING: hi there\n"), run::describe);
    // Only the run's variables: the build's COMPONENTIZE_PYTHONHOME etc. were cleared.
    assertTrue(out.contains("\nenvironment: ['GREETING']\n"), run::describe);
    // What the app saw while it was imported at build time stays in its snapshot, as it should.
    // Module-level code ran at build time and saw the build's view (docs/python-features.md).
    assertTrue(
        out.contains(
            "\nbuild-time argv: [''] environment: ['COMPONENTIZE_PYTHONHOME',"
                + " 'COMPONENTIZE_PYTHONPATH', 'NO_COLOR', 'PYTHON_COLORS']\n"),
        run::describe);
    assertEquals("", run.stderr(), run::describe);
  }

  @Test
  void sysExitSetsTheExitStatusOnBothHosts() throws Exception {
    Scenarios.Run jco = Scenarios.jcoRun(component, work, Map.of(), Map.of(), "exit", "3");
    System.out.print(jco.transcript("jco run command.wasm exit 3"));
    assertEquals(3, jco.exitCode(), jco::describe);
    assertEquals("exiting with status 3\n", jco.stdout(), jco::describe);
    Scenarios.Run wasmtime =
        Scenarios.wasmtimeRun(component, work, Map.of(), Map.of(), "exit", "3");
    System.out.print(wasmtime.transcript("wasmtime run command.wasm exit 3"));
    assertEquals(3, wasmtime.exitCode(), wasmtime::describe);
    assertEquals("exiting with status 3\n", wasmtime.stdout(), wasmtime::describe);
    Scenarios.Run zero = Scenarios.jcoRun(component, work, Map.of(), Map.of(), "exit", "0");
    assertEquals(0, zero.exitCode(), zero::describe);
  }

  /** The snapshot's random state came from the build; every run must draw its own numbers. */
  @Test
  void twoRunsDrawDifferentRandomNumbers() throws Exception {
    Scenarios.Run first = Scenarios.wasmtimeRun(component, work, Map.of(), Map.of());
    Scenarios.Run second = Scenarios.wasmtimeRun(component, work, Map.of(), Map.of());
    Scenarios.Run third = Scenarios.jcoRun(component, work, Map.of(), Map.of());
    for (String field : List.of("random", "urandom")) {
      String a = field(first, field);
      String b = field(second, field);
      String c = field(third, field);
      assertNotEquals(a, b, field + " repeated across runs");
      assertNotEquals(a, c, field + " repeated across runs");
    }
  }

  private static String field(Scenarios.Run run, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ": (\\S+)$").matcher(run.stdout());
    assertTrue(m.find(), run::describe);
    return m.group(1);
  }

  /** A preopen the host gives at run time is where the app reads; the build's are gone. */
  @Test
  void filesComeFromTheRunsPreopens() throws Exception {
    Path data = Files.createDirectories(work.resolve("data"));
    Files.writeString(data.resolve("note.txt"), "from the host\n");
    Map<String, String> dirs = Map.of("/data", data.toString());
    Scenarios.Run wasmtime =
        Scenarios.wasmtimeRun(component, work, Map.of(), dirs, "read", "/data/note.txt");
    System.out.print(
        wasmtime.transcript("wasmtime run --dir data::/data command.wasm read /data/note.txt"));
    assertEquals("read /data/note.txt: from the host\n", wasmtime.stdout(), wasmtime::describe);
    Scenarios.Run jco = Scenarios.jcoRun(component, work, Map.of(), dirs, "read", "/data/note.txt");
    System.out.print(jco.transcript("jco run command.wasm read /data/note.txt (preopen /data)"));
    assertEquals("read /data/note.txt: from the host\n", jco.stdout(), jco::describe);
  }

  /**
   * A module the app did not import at build time is not in the snapshot: one compiled into
   * libpython imports anyway; one the app's code can reach by a static import ({@code subprocess},
   * which {@code os.popen} imports) is embedded and imports with no directory
   * (docs/runtime-imports.md); one that only a computed name reaches ({@code colorsys}) is not
   * embedded in the default mode and needs the standard library on a preopen, else it is not found
   * (a plain ModuleNotFoundError); with the bundle's python/ preopened at /python (the glue's
   * sys.path entry), at any descriptor number, it imports.
   */
  @Test
  void lateImportsFindTheStandardLibraryOnlyWhenTheHostPreopensIt() throws Exception {
    // Modules compiled into libpython need no file.
    Scenarios.Run builtin =
        Scenarios.wasmtimeRun(component, work, Map.of(), Map.of(), "import", "zlib");
    System.out.print(builtin.transcript("wasmtime run command.wasm import zlib"));
    assertEquals("import zlib: ok from built-in\n", builtin.stdout(), builtin::describe);
    Scenarios.Run embedded =
        Scenarios.wasmtimeRun(component, work, Map.of(), Map.of(), "import", "subprocess");
    System.out.print(embedded.transcript("wasmtime run command.wasm import subprocess"));
    assertEquals(
        "import subprocess: ok from /python/lib/python3.13/subprocess.py\n",
        embedded.stdout(),
        embedded::describe);
    Scenarios.Run bare =
        Scenarios.wasmtimeRun(component, work, Map.of(), Map.of(), "import", "colorsys");
    System.out.print(bare.transcript("wasmtime run command.wasm import colorsys"));
    assertEquals(
        "import colorsys: ModuleNotFoundError: No module named 'colorsys'\n",
        bare.stdout(),
        bare::describe);
    Map<String, String> dirs = new LinkedHashMap<>();
    dirs.put("/data", Files.createDirectories(work.resolve("empty")).toString());
    dirs.put("/python", Scenarios.bundle().resolve("python").toString());
    Scenarios.Run preopened =
        Scenarios.wasmtimeRun(component, work, Map.of(), dirs, "import", "colorsys");
    System.out.print(
        preopened.transcript(
            "wasmtime run --dir empty::/data --dir <bundle>/python::/python command.wasm import"
                + " colorsys"));
    assertEquals(
        "import colorsys: ok from /python/lib/python3.13/colorsys.py\n",
        preopened.stdout(),
        preopened::describe);
  }

  /**
   * The build's preopens (the app's sources, the standard library) are not reachable at run time.
   */
  @Test
  void theBuildsDirectoriesAreGoneAtRunTime() throws Exception {
    Scenarios.Run run =
        Scenarios.wasmtimeRun(component, work, Map.of(), Map.of(), "read", "/sources/0/app.py");
    assertEquals(
        "read /sources/0/app.py: PermissionError: [Errno 76] Capabilities insufficient:"
            + " '/sources/0/app.py'\n",
        run.stdout(),
        run::describe);
  }

  /**
   * What docs/python-features.md says about Python features inside a component, one run each
   * (wasmtime, the standard library preopened so that imports are not what fails).
   */
  @Test
  void pythonFeaturesBehaveAsDocumented() throws Exception {
    Map<String, String> dirs = Map.of("/python", Scenarios.bundle().resolve("python").toString());
    StringBuilder all = new StringBuilder();
    for (String feature : FEATURES.keySet()) {
      Scenarios.Run run =
          Scenarios.wasmtimeRun(component, work, Map.of(), dirs, "feature", feature);
      all.append(
          run.transcript(
              "wasmtime run --dir <bundle>/python::/python command.wasm feature " + feature));
    }
    System.out.print(all);
    for (Map.Entry<String, String> feature : FEATURES.entrySet()) {
      assertTrue(
          all.toString()
              .contains("\nfeature " + feature.getKey() + ": " + feature.getValue() + "\n"),
          feature.getKey() + "\n" + all);
    }
  }

  private static final Map<String, String> FEATURES = features();

  private static Map<String, String> features() {
    Map<String, String> features = new LinkedHashMap<>();
    features.put("threading", "RuntimeError: can't start new thread");
    features.put("subprocess", "OSError: [Errno 58] wasi does not support processes.");
    features.put("os.fork", "AttributeError: module 'os' has no attribute 'fork'");
    features.put("multiprocessing", "AttributeError: module 'os' has no attribute 'pipe'");
    features.put("socket", "AttributeError: module '_socket' has no attribute 'getaddrinfo'");
    features.put("urllib", "AttributeError: module '_socket' has no attribute 'getaddrinfo'");
    features.put("ctypes", "ModuleNotFoundError: No module named '_ctypes'");
    features.put("ssl", "ModuleNotFoundError: No module named '_ssl'");
    features.put("bz2", "ModuleNotFoundError: No module named '_bz2'");
    features.put("lzma", "ModuleNotFoundError: No module named '_lzma'");
    features.put("signal.alarm", "AttributeError: module 'signal' has no attribute 'alarm'");
    features.put("zoneinfo", "ZoneInfoNotFoundError: 'No time zone found with key Europe/Paris'");
    features.put("asyncio", "OSError: [Errno 58] Not supported");
    features.put(
        "tempfile",
        "FileNotFoundError: [Errno 44] No usable temporary directory found in ['/tmp',"
            + " '/var/tmp', '/usr/tmp', '/']");
    // What works (the same run):
    features.put("sqlite3", "ok 42");
    features.put("time.sleep", "ok True");
    features.put("uuid4", "ok 4");
    return features;
  }
}
