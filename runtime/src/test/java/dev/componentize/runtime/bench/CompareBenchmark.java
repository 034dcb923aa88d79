package dev.componentize.runtime.bench;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeException;
import dev.componentize.core.ComponentizeResult;
import dev.componentize.core.Componentizer;
import dev.componentize.core.build.StageTiming;
import dev.componentize.core.run.GuestThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Our side of bench/compare.sh: componentizes one app {@code rounds} times in this JVM through the
 * public entry point ({@link Componentizer#componentize}), as the Maven goal will. The first round
 * of a fresh JVM is the cold build (compare.sh also times the whole process from outside); the
 * following rounds are warm. Prints one machine-readable line per round:
 *
 * <pre>round=N ms=MILLIS bytes=SIZE stages=wit:12,bindings:3,...</pre>
 *
 * <p>Arguments: runtime bundle (with lib/libcomponentize.so), preview1 reactor adapter, WIT file or
 * directory, world, Python source directory, output file, work directory, rounds.
 */
public final class CompareBenchmark {
  private CompareBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      System.err.println(
          "usage: CompareBenchmark <bundle> <adapter> <wit> <world> <python sources> <output>"
              + " <work dir> <rounds>");
      System.exit(2);
    }
    ComponentizeConfig config =
        ComponentizeConfig.builder()
            .runtimeBundle(Path.of(args[0]))
            .preview1Adapter(Path.of(args[1]))
            .wit(Path.of(args[2]))
            .world(args[3])
            .pythonSources(List.of(Path.of(args[4])))
            .output(Path.of(args[5]))
            .workDirectory(Path.of(args[6]))
            .build();
    int rounds = Integer.parseInt(args[7]);
    Files.createDirectories(Path.of(args[6]));
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      ComponentizeResult result;
      try {
        result = GuestThread.call(() -> Componentizer.componentize(config));
      } catch (ComponentizeException e) {
        // A benchmark of a build that fails measures nothing: say why, in the user's terms.
        System.err.println(
            "componentize failed ("
                + e.stage().map(Object::toString).orElse("no stage")
                + "): "
                + e.getMessage());
        System.exit(1);
        return;
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      StringBuilder stages = new StringBuilder();
      for (StageTiming timing : result.timings()) {
        if (stages.length() > 0) {
          stages.append(',');
        }
        stages.append(timing.stage().name().toLowerCase()).append(':');
        stages.append(timing.duration().toMillis());
      }
      System.out.printf(
          "round=%d ms=%d bytes=%d stages=%s%n", round, millis, result.componentSize(), stages);
    }
  }
}
