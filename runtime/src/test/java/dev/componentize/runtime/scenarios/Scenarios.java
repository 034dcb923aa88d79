package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.build.StageTiming;
import dev.componentize.runtime.component.ComponentTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the scenario tests share: one real {@link Componentizer} run per scenario on the complete
 * runtime bundle (its glue and preview1 reactor adapter), and the hosts a user runs the component
 * on ({@code jco run}, {@code jco transpile} + node, {@code wasmtime run}). Missing tools skip with
 * the reason; CI installs them all (scripts/install-test-tools.sh).
 */
final class Scenarios {
  /** The runtime module's directory: the working directory under surefire. */
  static final Path MODULE =
      Files.isDirectory(Path.of("src/test/resources/scenarios")) ? Path.of("") : Path.of("runtime");

  static final Path RESOURCES = MODULE.resolve("src/test/resources/scenarios").toAbsolutePath();

  private static final String INSTALL_HINT = "; run scripts/install-test-tools.sh";

  private Scenarios() {}

  /** What a host printed and how it ended. */
  record Run(int exitCode, String stdout, String stderr) {
    String describe() {
      return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
    }

    /** The run as a user sees it in a terminal (for the evidence). */
    String transcript(String command) {
      return "$ " + command + "\n" + stdout + stderr + "(exit status " + exitCode + ")\n";
    }
  }

  /**
   * The complete runtime bundle the module's build made (surefire's componentize.runtime.dir): the
   * core bundle plus lib/libcomponentize.so and the preview1 reactor adapter
   * (runtime/complete-bundle.sh), which the Componentizer takes by default.
   */
  static Path bundle() throws IOException {
    String dir = System.getProperty("componentize.runtime.dir");
    assumeTrue(dir != null && !dir.isBlank(), "componentize.runtime.dir is not set");
    Path bundle = Path.of(dir);
    assumeTrue(
        Files.isRegularFile(bundle.resolve(".complete")),
        bundle + " is not a finished runtime bundle (run runtime/complete-bundle.sh)");
    assertTrue(
        Files.isRegularFile(bundle.resolve("lib/libcomponentize.so")),
        bundle + " has no glue: use the complete bundle of runtime/complete-bundle.sh");
    return bundle.toRealPath();
  }

  /**
   * One real pipeline run (bindings, wheels, toolchain check, link, pre-initialization on Endive,
   * encoding with the adapter) for the scenario under {@code resources/scenarios/<name>}: its
   * {@code wit/} directory and its {@code python/} sources. Writes {@code
   * target/scenarios/<name>.wasm} and prints the stage timings.
   */
  static Path componentize(String name, Path work, List<Path> wheels) throws Exception {
    return componentize(name, name, work, wheels, UnaryOperator.identity(), new ArrayList<>())
        .output()
        .orElseThrow();
  }

  /**
   * {@link #componentize(String, Path, List)} writing {@code target/scenarios/<output>.wasm}, with
   * the configuration changed by {@code configure}; the build's warnings are added to {@code
   * warnings}.
   */
  static ComponentizeResult componentize(
      String name,
      String output,
      Path work,
      List<Path> wheels,
      UnaryOperator<ComponentizeConfig.Builder> configure,
      List<String> warnings)
      throws Exception {
    // Kept under target/ (not the test's temporary directory) so that a user can run it by hand.
    Path file = MODULE.resolve("target/scenarios").resolve(output + ".wasm").toAbsolutePath();
    ComponentizeResult result =
        Componentizer.componentize(
            configure
                .apply(
                    ComponentizeConfig.builder()
                        .wit(RESOURCES.resolve(name).resolve("wit"))
                        .pythonSources(List.of(RESOURCES.resolve(name).resolve("python")))
                        .wheels(wheels)
                        .runtimeBundle(bundle())
                        .output(file)
                        .workDirectory(work.resolve("componentize-" + output)))
                .build(),
            warnings::add);
    for (StageTiming timing : result.timings()) {
      System.out.println(output + ": " + timing);
    }
    warnings.forEach(w -> System.out.println(output + ": WARNING " + w));
    System.out.println(
        output + ": wrote " + file.getFileName() + " (" + result.componentSize() + " bytes)");
    return result;
  }

  /** The directory holding {@code node_modules/@bytecodealliance/jco}. */
  static Path jcoHome() {
    return ComponentTools.jcoHome();
  }

  private static Path jcoScript(Path home) {
    return ComponentTools.jcoScript(home);
  }

  static Path node() {
    return ComponentTools.node();
  }

  static Path wasmtime() {
    Path wasmtime = ComponentTools.toolsDirectory().resolve("bin/wasmtime");
    assumeTrue(Files.isExecutable(wasmtime), "no wasmtime at " + wasmtime + INSTALL_HINT);
    return wasmtime;
  }

  static Path wasmTools() {
    return ComponentTools.wasmTools();
  }

  /**
   * {@code jco run} with exactly {@code environment} and {@code preopens} (guest path -> host
   * directory): this jco has no flags for them, so a setup module ({@code --jco-import}) sets them
   * on the preview2-shim before the component starts.
   */
  static Run jcoRun(
      Path component,
      Path work,
      Map<String, String> environment,
      Map<String, String> preopens,
      String... args)
      throws IOException, InterruptedException {
    Path home = jcoHome();
    linkNodeModules(work);
    Path setup = Files.createTempFile(work, "setup", ".mjs");
    Files.writeString(
        setup,
        "import { _setEnv } from '@bytecodealliance/preview2-shim/cli';\n"
            + "import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';\n"
            + "_setPreopens("
            + json(preopens)
            + ");\n"
            + "_setEnv("
            + json(environment)
            + ");\n");
    List<String> command =
        new ArrayList<>(
            List.of(
                node().toString(),
                jcoScript(home).toString(),
                "run",
                "--jco-import",
                setup.toString(),
                component.toString()));
    command.addAll(List.of(args));
    return run(command, work, Map.of(), 600);
  }

  /** {@code wasmtime run} with {@code --env} per variable and {@code --dir} per preopen. */
  static Run wasmtimeRun(
      Path component,
      Path work,
      Map<String, String> environment,
      Map<String, String> preopens,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(wasmtime().toString(), "run"));
    environment.forEach((k, v) -> command.addAll(List.of("--env", k + "=" + v)));
    preopens.forEach((guest, host) -> command.addAll(List.of("--dir", host + "::" + guest)));
    command.add(component.toString());
    command.addAll(List.of(args));
    // A trap's report as users see it, without the Rust backtrace of wasmtime itself.
    return run(command, work, Map.of("RUST_BACKTRACE", "0"), 600);
  }

  /**
   * {@code jco transpile} of {@code component} into {@code work/<name>} as an ES module on the
   * preview2-shim ({@code maps}: {@code --map} arguments for the world's own imports).
   */
  static Path transpile(Path component, Path work, String name, String... maps)
      throws IOException, InterruptedException {
    Path out = work.resolve(name);
    List<String> command =
        new ArrayList<>(
            List.of(
                node().toString(),
                jcoScript(jcoHome()).toString(),
                "transpile",
                component.toString(),
                "--name",
                name,
                "--quiet",
                "-o",
                out.toString()));
    for (String map : maps) {
      command.addAll(List.of("--map", map));
    }
    Run transpile = run(command, work, Map.of(), 600);
    assertEquals(0, transpile.exitCode(), transpile::describe);
    Files.writeString(out.resolve("package.json"), "{\"type\":\"module\"}\n");
    linkNodeModules(out);
    return out;
  }

  private static void linkNodeModules(Path directory) throws IOException {
    Path link = directory.resolve("node_modules");
    if (!Files.exists(link)) {
      Files.createSymbolicLink(link, jcoHome().resolve("node_modules"));
    }
  }

  static Run run(List<String> command, Path directory, Map<String, String> env, long seconds)
      throws IOException, InterruptedException {
    return run(command, directory, env, seconds, null);
  }

  /** {@link #run(List, Path, Map, long)} with standard input read from {@code stdin}, if given. */
  static Run run(
      List<String> command, Path directory, Map<String, String> env, long seconds, Path stdin)
      throws IOException, InterruptedException {
    ComponentTools.Result result = ComponentTools.run(command, directory, env, seconds, stdin);
    return new Run(result.exitCode(), result.stdout(), result.stderr());
  }

  /** A JSON object of string pairs; the values here are paths and words (quotes, backslashes). */
  private static String json(Map<String, String> pairs) {
    StringBuilder out = new StringBuilder("{");
    pairs.forEach(
        (k, v) ->
            out.append(out.length() == 1 ? "" : ", ")
                .append(quote(k))
                .append(": ")
                .append(quote(v)));
    return out.append('}').toString();
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
