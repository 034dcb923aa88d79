package dev.componentize.runtime.component;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.build.stages.WitStage;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.WasmWriter;
import dev.componentize.runtime.pipeline.PipelineFixtures;
import dev.componentize.runtime.pipeline.ProductionStages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Figures for {@link WorldEncoder#encodeProgram} on a real Python program: the bundle's libraries,
 * the glue and the libworld.so generated for world {@code app} of python/world.wit, linked by the
 * production stages ({@link ProductionStages}; not pre-initialized), encoded with the component
 * world the WIT stage derives (the world plus the preview1 adapter's WASI imports): the component's
 * size with each core module's share, and the encoding time (median of the timed rounds after
 * warm-up, warm JVM). Run with {@code bench/encode-program-benchmark.sh}.
 */
public final class EncodeProgramBenchmark {
  private EncodeProgramBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: EncodeProgramBenchmark <runtime bundle dir> <adapter.wasm> [rounds]");
      System.exit(2);
    }
    Path adapterFile = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path work = Files.createTempDirectory("encode-bench");
    ProductionStages.Linked linked =
        ProductionStages.link(
            ComponentizeConfig.builder()
                .wit(
                    PipelineFixtures.MODULE
                        .resolve(ComponentTools.SOURCES)
                        .resolve("python/world.wit"))
                .world("app")
                .runtimeBundle(Path.of(args[0]))
                .preview1Adapter(adapterFile)
                .output(work.resolve("unused.wasm"))
                .workDirectory(work)
                .build());
    WitStage.ComponentWorld component = linked.bound().world().component().orElseThrow();
    LinkedProgram program = linked.program();
    byte[] adapter = component.adapter().orElseThrow();

    long start = System.nanoTime();
    byte[] encoded = WorldEncoder.encodeProgram(component.world(), program, adapter);
    double coldMs = (System.nanoTime() - start) / 1e6;
    for (int i = 0; i < 5; i++) {
      WorldEncoder.encodeProgram(component.world(), program, adapter);
    }
    double[] ms = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      WorldEncoder.encodeProgram(component.world(), program, adapter);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);

    System.out.printf("component: %,d bytes (%.2f MB)%n", encoded.length, encoded.length / 1e6);
    long modules = 0;
    for (ProgramInstance instance : program.instances()) {
      int size = WasmWriter.write(instance.module()).length;
      modules += size;
      System.out.printf("  %-36s %,12d bytes%n", instance.name(), size);
    }
    System.out.printf("  %-36s %,12d bytes%n", "preview1 adapter (before stack)", adapter.length);
    System.out.printf(
        "  %-36s %,12d bytes%n",
        "types, instances, canon, names", encoded.length - modules - adapter.length);
    System.out.printf(
        "encodeProgram: first call %.1f ms; warm median %.1f ms over %d rounds%n",
        coldMs, ms[rounds / 2], rounds);
  }
}
