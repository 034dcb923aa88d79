package dev.componentize.runtime.pipeline;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.pipeline.StageTiming;
import dev.componentize.core.run.GuestThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Componentize time of the hello app (issue 5, benchmarks): the first build in a fresh JVM (cold)
 * and the following ones (warm), stage by stage, and the component's size. Needs the built runtime
 * (complete) runtime bundle, whose preview1 reactor adapter is used; prints one line per stage per
 * round. Run from the repository root:
 *
 * <pre>
 * mvn -B -q -o -pl runtime test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xss16m -cp runtime/target/test-classes:$(cat /tmp/cp.txt) \
 *   dev.componentize.runtime.pipeline.ComponentizeBenchmark runtime/target/runtime 3
 * </pre>
 */
public final class ComponentizeBenchmark {
  private ComponentizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ComponentizeBenchmark <runtime bundle> [rounds]");
      System.exit(2);
    }
    System.setProperty("componentize.runtime.dir", args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work = Files.createTempDirectory("componentize-bench");
    Path bundle = PipelineFixtures.builtBundle();
    Path hello = PipelineFixtures.RESOURCES.resolve("hello");
    Path wheel =
        PipelineFixtures.wheel(
            work.resolve("greeting-1.0-py3-none-any.whl"),
            "greeting",
            "py3-none-any",
            Map.of("greeting/__init__.py", "def salute(name):\n    return f'Hello, {name}!'\n"));
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      ComponentizeResult result =
          GuestThread.call(
              () ->
                  Componentizer.componentize(
                      ComponentizeConfig.builder()
                          .wit(hello.resolve("world.wit"))
                          .world("hello-wasi")
                          .pythonSources(List.of(hello))
                          .wheels(List.of(wheel))
                          .runtimeBundle(bundle)
                          .output(work.resolve("hello.wasm"))
                          .workDirectory(work.resolve("work"))
                          .build()));
      long millis = (System.nanoTime() - start) / 1_000_000;
      String kind = round == 0 ? "cold" : "warm";
      for (StageTiming timing : result.timings()) {
        System.out.println(kind + " round " + round + "  " + timing);
      }
      System.out.printf(
          "%s round %d  total %d ms, component %.1f MB%n",
          kind, round, millis, result.componentSize() / 1e6);
    }
  }
}
