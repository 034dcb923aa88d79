package dev.componentize.runtime.component;

import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.WasmWriter;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * Figures for {@link WorldEncoder#encodeProgram} on a real Python program ({@link PythonParts}:
 * bundle libraries, glue, generated libworld.so for python/world.wit; not pre-initialized): the
 * component's size with each core module's share, and the encoding time (median of the timed rounds
 * after warm-up, warm JVM). Run with {@code bench/encode-program-benchmark.sh}.
 */
public final class EncodeProgramBenchmark {
  private EncodeProgramBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: EncodeProgramBenchmark <runtime bundle dir> <adapter.wasm> [rounds]");
      System.exit(2);
    }
    System.setProperty("componentize.runtime.dir", args[0]);
    byte[] adapter = Files.readAllBytes(Path.of(args[1]));
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path work = Files.createTempDirectory("encode-bench");
    Resolve resolve = WitLoader.load(ComponentTools.SOURCES.resolve("python/world.wit"), Set.of());
    PythonParts parts = PythonParts.make(work, resolve, "app");
    WorldType world = WitWorlds.toWorldType(resolve, resolve.selectWorld("app-component"));

    long start = System.nanoTime();
    byte[] component = WorldEncoder.encodeProgram(world, parts.program, adapter);
    double coldMs = (System.nanoTime() - start) / 1e6;
    for (int i = 0; i < 5; i++) {
      WorldEncoder.encodeProgram(world, parts.program, adapter);
    }
    double[] ms = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      WorldEncoder.encodeProgram(world, parts.program, adapter);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);

    System.out.printf("component: %,d bytes (%.2f MB)%n", component.length, component.length / 1e6);
    long modules = 0;
    for (ProgramInstance instance : parts.program.instances()) {
      int size = WasmWriter.write(instance.module()).length;
      modules += size;
      System.out.printf("  %-36s %,12d bytes%n", instance.name(), size);
    }
    System.out.printf("  %-36s %,12d bytes%n", "preview1 adapter (before stack)", adapter.length);
    System.out.printf(
        "  %-36s %,12d bytes%n",
        "types, instances, canon, names", component.length - modules - adapter.length);
    System.out.printf(
        "encodeProgram: first call %.1f ms; warm median %.1f ms over %d rounds%n",
        coldMs, ms[rounds / 2], rounds);
  }
}
