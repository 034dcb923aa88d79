package dev.componentize.core.abi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures what the check costs before a link: every library of a real runtime bundle (libpython
 * alone is about 8 MB) checked under {@link Policy#STRICT}, cold and then warm, with the median and
 * throughput. Not a unit test; run on demand with the bundle directory (default
 * runtime/target/runtime):
 *
 * <pre>
 * mvn -q -o -pl linker-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp linker-core/target/test-classes:linker-core/target/classes:$(cat linker-core/target/cp.txt) \
 *     dev.componentize.core.abi.ToolchainCheckBenchmark runtime/target/runtime
 * </pre>
 */
public final class ToolchainCheckBenchmark {
  private ToolchainCheckBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path bundle = Path.of(args.length > 0 ? args[0] : "runtime/target/runtime");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 21;
    List<CandidateLibrary> libraries = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> files = Files.list(bundle.resolve("lib"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".so")).sorted().toList()) {
        byte[] content = Files.readAllBytes(file);
        bytes += content.length;
        libraries.add(CandidateLibrary.library("lib/" + file.getFileName(), content));
      }
    }
    long start = System.nanoTime();
    ToolchainCheck check = new ToolchainCheck(RuntimeIdentity.fromBundle(bundle));
    CheckReport first = check.check(libraries, Policy.STRICT);
    double cold = (System.nanoTime() - start) / 1e6;
    double[] warm = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      check.check(libraries, Policy.STRICT);
      warm[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(warm);
    double median = warm[runs / 2];
    System.out.printf(
        Locale.ROOT,
        "%d libraries, %.1f MB, %d findings (%d errors)%n"
            + "cold (manifest + libpython features + check): %.1f ms%n"
            + "warm check: median %.1f ms, min %.1f ms over %d runs = %.0f MB/s%n"
            + "heap used after the runs: %d MB%n",
        libraries.size(),
        bytes / 1e6,
        first.findings().size(),
        first.errors().size(),
        cold,
        median,
        warm[0],
        runs,
        bytes / 1e6 / (median / 1e3),
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }
}
