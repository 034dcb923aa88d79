package dev.componentize.core.bench;

import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.wasm.CoreModuleFiles;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wasm.WasmWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parse + write throughput of the wasm binary model on a warm JVM. Usage: {@code RoundTripBenchmark
 * <dir> [rounds]}: loads every core module under {@code dir} into memory, warms up, then times
 * {@code rounds} rounds of (a) parse + preserving write, (b) parse + canonical re-encode of every
 * section, (c) parse alone, and prints MB/s (input bytes per second; 1 MB = 10^6 bytes). Each round
 * checks the preserving write is byte-identical, so the figure is for correct work. Run it from the
 * module directory, e.g.
 *
 * <pre>
 * mvn -pl linker-core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.componentize.core.bench.RoundTripBenchmark \
 *   -Dexec.args="src/test/resources/wasm 200"
 * </pre>
 */
public final class RoundTripBenchmark {

  private RoundTripBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: RoundTripBenchmark <dir> [rounds]");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<Path> files = CoreModuleFiles.under(root);
    List<byte[]> inputs = new ArrayList<>();
    long total = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      inputs.add(bytes);
      total += bytes.length;
      WasmModule module = WasmReader.read(file.toString(), bytes);
      System.out.printf(
          Locale.ROOT,
          "%10d bytes  %5d functions  %s%s%n",
          bytes.length,
          module.bodies().size(),
          root.relativize(file),
          DylinkSection.of(module).isPresent() ? "  (dylink.0)" : "");
    }
    System.out.printf(Locale.ROOT, "%d core modules, %.2f MB%n", files.size(), total / 1e6);
    if (files.isEmpty()) {
      return;
    }
    int warmup = Math.max(3, rounds / 4);
    run("warm-up", inputs, warmup, total, Mode.PRESERVE);
    run("warm-up", inputs, warmup, total, Mode.CANONICAL);
    run("parse + preserving write", inputs, rounds, total, Mode.PRESERVE);
    run("parse + canonical re-encode", inputs, rounds, total, Mode.CANONICAL);
    run("parse only", inputs, rounds, total, Mode.PARSE);
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "heap in use after run: %.1f MB%n",
        (rt.totalMemory() - rt.freeMemory()) / 1e6);
  }

  private enum Mode {
    PRESERVE,
    CANONICAL,
    PARSE
  }

  private static void run(String label, List<byte[]> inputs, int rounds, long total, Mode mode) {
    long sink = 0;
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (byte[] input : inputs) {
        WasmModule module = WasmReader.read("bench", input);
        switch (mode) {
          case PRESERVE -> {
            byte[] output = WasmWriter.write(module);
            if (!Arrays.equals(input, output)) {
              throw new IllegalStateException("round trip differs");
            }
            sink += output.length;
          }
          case CANONICAL -> sink += WasmWriter.writeCanonical(module).length;
          case PARSE -> sink += module.sections().size();
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!label.equals("warm-up")) {
      System.out.printf(
          Locale.ROOT,
          "%-30s %4d rounds  %8.3f s  %8.1f MB/s  (%d)%n",
          label,
          rounds,
          seconds,
          total * (double) rounds / seconds / 1e6,
          sink % 10);
    }
  }
}
