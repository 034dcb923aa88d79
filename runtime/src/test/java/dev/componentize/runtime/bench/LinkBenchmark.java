package dev.componentize.runtime.bench;

import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wasm.WasmWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Figures for the linker on the real runtime bundle (issue 3): parse + write throughput of every
 * library, and the time to link libc, the emulated libraries, libdl, libpython and any extra
 * libraries given, on a warm JVM. Prints medians over the timed rounds and the peak heap. Run with
 * {@code bench/link-benchmark.sh}.
 */
public final class LinkBenchmark {
  private LinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: LinkBenchmark <runtime bundle dir> [rounds] [extra .so ...]");
      System.exit(2);
    }
    Path bundle = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<Library> libraries = new ArrayList<>();
    long totalBytes = 0;
    try (Stream<Path> files = Files.list(bundle.resolve("lib"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".so")).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        totalBytes += bytes.length;
        libraries.add(Library.of(file.getFileName().toString(), bytes));
      }
    }
    for (int i = 2; i < args.length; i++) {
      Path extra = Path.of(args[i]);
      byte[] bytes = Files.readAllBytes(extra);
      totalBytes += bytes.length;
      libraries.add(Library.dlOpenable("/site-packages/" + extra.getFileName(), bytes));
    }
    LinkOptions options = LinkOptions.defaults().withStubMissingFunctions(true);

    // Warm up both workloads.
    for (int i = 0; i < 5; i++) {
      roundTrip(libraries);
      new Linker(options).link(libraries);
    }
    resetPeaks();
    double[] roundTripMs = new double[rounds];
    double[] linkMs = new double[rounds];
    LinkedProgram program = null;
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      roundTrip(libraries);
      roundTripMs[i] = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      program = new Linker(options).link(libraries);
      linkMs[i] = (System.nanoTime() - start) / 1e6;
    }
    double medianRoundTrip = median(roundTripMs);
    System.out.printf(Locale.ROOT, "libraries: %d, %.1f MB%n", libraries.size(), totalBytes / 1e6);
    System.out.printf(
        Locale.ROOT,
        "parse+write: median %.1f ms per round = %.0f MB/s (min %.1f ms)%n",
        medianRoundTrip,
        totalBytes / 1e6 / (medianRoundTrip / 1e3),
        Arrays.stream(roundTripMs).min().orElse(0));
    System.out.printf(
        Locale.ROOT,
        "link: median %.1f ms (min %.1f ms) over %d rounds; %d instances, heap base %d, table %d%n",
        median(linkMs),
        Arrays.stream(linkMs).min().orElse(0),
        rounds,
        program.instances().size(),
        program.layout().heapBase(),
        program.layout().tableSize());
    System.out.printf(Locale.ROOT, "peak heap: %.0f MB%n", peakHeapBytes() / 1e6);
  }

  private static void roundTrip(List<Library> libraries) {
    for (Library library : libraries) {
      byte[] written = WasmWriter.write(WasmReader.read(library.name(), library.bytes()));
      if (written.length != library.bytes().length) {
        throw new IllegalStateException(library.name() + " did not round-trip");
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
