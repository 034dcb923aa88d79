package dev.componentize.runtime.pipeline;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.build.StageTiming;
import dev.componentize.core.run.GuestThread;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Componentize time of the hello app (issue 7: make componentizing fast), stage by stage, with the
 * pre-initialization split into its phases (parse, instantiate, CPython start-up, bindings, app,
 * snapshot), the process's CPU time next to the wall-clock time (the development machine is shared,
 * so wall time depends on the load; CPU time much less), and the component's size. Rounds:
 *
 * <ol>
 *   <li>{@code cold}: the first build in a fresh JVM;
 *   <li>then alternately {@code edited} (app.py changed: a full pre-initialization in a warm JVM)
 *       and {@code unchanged} (the same inputs again: the snapshot cache serves the
 *       pre-initialization).
 * </ol>
 *
 * Needs the complete runtime bundle; run from the repository root with {@code bash
 * bench/componentize-benchmark.sh [rounds]}, or:
 *
 * <pre>
 * mvn -B -q -o -pl runtime test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp runtime/target/test-classes:$(cat /tmp/cp.txt) \
 *   dev.componentize.runtime.pipeline.ComponentizeBenchmark &lt;complete bundle&gt; 5
 * </pre>
 */
public final class ComponentizeBenchmark {
  private ComponentizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ComponentizeBenchmark <complete runtime bundle> [rounds]");
      System.exit(2);
    }
    System.setProperty("componentize.runtime.dir", args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = Files.createTempDirectory("componentize-bench");
    Path bundle = PipelineFixtures.builtBundle();
    Path hello = PipelineFixtures.RESOURCES.resolve("hello");
    // A copy of the app, so that "edited" rounds can change it.
    Path sources = Files.createDirectories(work.resolve("src"));
    Path app = sources.resolve("app.py");
    String appText = Files.readString(hello.resolve("app.py"));
    Files.writeString(app, appText);
    Path wheel =
        PipelineFixtures.wheel(
            work.resolve("greeting-1.0-py3-none-any.whl"),
            "greeting",
            "py3-none-any",
            Map.of("greeting/__init__.py", "def salute(name):\n    return f'Hello, {name}!'\n"));
    ComponentizeConfig config =
        ComponentizeConfig.builder()
            .wit(hello.resolve("world.wit"))
            .world("hello-wasi")
            .pythonSources(List.of(sources))
            .wheels(List.of(wheel))
            .runtimeBundle(bundle)
            .output(work.resolve("hello.wasm"))
            .workDirectory(work.resolve("work"))
            .build();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int round = 0; round < rounds; round++) {
      String kind = round == 0 ? "cold" : round % 2 == 1 ? "edited" : "unchanged";
      if (kind.equals("edited")) {
        Files.writeString(app, appText + "\n# edit " + round + "\n");
      }
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      ComponentizeResult result = GuestThread.call(() -> Componentizer.componentize(config));
      long millis = (System.nanoTime() - start) / 1_000_000;
      long cpuMillis = (os.getProcessCpuTime() - cpu) / 1_000_000;
      for (StageTiming timing : result.timings()) {
        System.out.println(kind + " round " + round + "  " + timing);
      }
      System.out.printf(
          "%s round %d  total %d ms wall, %d ms CPU (all threads), component %.1f MB, load %.1f%n",
          kind, round, millis, cpuMillis, result.componentSize() / 1e6, os.getSystemLoadAverage());
    }
  }
}
