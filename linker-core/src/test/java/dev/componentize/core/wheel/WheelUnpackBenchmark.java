package dev.componentize.core.wheel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Measures what verification costs: unpacking a wheel the size of a large real one (2,000 files,
 * about 40 MiB inflated, with a few MiB-sized native libraries) through {@link WheelFile}, against
 * a bare java.util.zip extraction that checks nothing. Not a unit test; run on demand:
 *
 * <pre>
 * mvn -q -o -pl linker-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp linker-core/target/test-classes:linker-core/target/classes:$(cat linker-core/target/cp.txt) \
 *     dev.componentize.core.wheel.WheelUnpackBenchmark
 * </pre>
 */
public final class WheelUnpackBenchmark {
  private WheelUnpackBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    Path dir = Files.createTempDirectory("wheel-bench");
    try {
      Path wheel = buildWheel(dir);
      long inflated = 0;
      try (ZipFile zip = new ZipFile(wheel.toFile())) {
        for (ZipEntry e : Collections.list(zip.entries())) {
          inflated += e.getSize();
        }
      }
      List<Long> checked = new ArrayList<>();
      List<Long> bare = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Path target = dir.resolve("checked" + i);
        long t0 = System.nanoTime();
        UnpackedWheel u =
            WheelFile.unpack(wheel, target, TargetRuntime.CPYTHON_3_13, WheelLimits.DEFAULTS);
        checked.add(System.nanoTime() - t0);
        if (u.extensionModules().size() != 4) {
          throw new AssertionError("expected 4 extension modules");
        }
        dev.componentize.core.files.FileKit.deleteRecursively(target);

        Path plain = dir.resolve("bare" + i);
        t0 = System.nanoTime();
        bareExtract(wheel, plain);
        bare.add(System.nanoTime() - t0);
        dev.componentize.core.files.FileKit.deleteRecursively(plain);
      }
      double mib = inflated / (1024.0 * 1024.0);
      System.out.printf(
          Locale.ROOT,
          "wheel: %d bytes, %.1f MiB inflated, 2000 files + metadata; %d runs, medians:%n",
          Files.size(wheel),
          mib,
          runs);
      print("WheelFile.unpack (all checks)", median(checked), mib);
      print("bare java.util.zip extraction", median(bare), mib);
      System.out.printf(
          Locale.ROOT, "verification overhead: %.2fx%n", median(checked) / (double) median(bare));
    } finally {
      dev.componentize.core.files.FileKit.deleteRecursively(dir);
    }
  }

  private static void print(String what, long nanos, double mib) {
    System.out.printf(
        Locale.ROOT, "  %-32s %7.1f ms  %7.1f MiB/s%n", what, nanos / 1e6, mib / (nanos / 1e9));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** 1,996 Python-like text files, 4 native libraries of 4 MiB each with incompressible code. */
  private static Path buildWheel(Path dir) throws IOException {
    Random random = new Random(1);
    TestWheel wheel = new TestWheel("bench", "1.0").tag("cp313-cp313-wasi_0_0_0_wasm32");
    StringBuilder source = new StringBuilder();
    for (int i = 0; i < 1996; i++) {
      source.setLength(0);
      int lines = 50 + random.nextInt(400);
      for (int l = 0; l < lines; l++) {
        source.append("def f").append(l).append("(x):\n    return x * ").append(random.nextInt());
        source.append('\n');
      }
      wheel.text("bench/m" + (i / 100) + "/mod" + i + ".py", source.toString());
    }
    for (int i = 0; i < 4; i++) {
      byte[] code = new byte[4 << 20];
      random.nextBytes(code);
      System.arraycopy(TestWheel.WASM_MODULE, 0, code, 0, 8);
      wheel.file("bench/_ext" + i + ".cpython-313-wasm32-wasi.so", code);
    }
    return wheel.write(dir);
  }

  private static void bareExtract(Path wheel, Path target) throws IOException {
    try (ZipFile zip = new ZipFile(wheel.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        Path dest = target.resolve(e.getName());
        Files.createDirectories(dest.getParent());
        try (InputStream in = zip.getInputStream(e)) {
          Files.copy(in, dest);
        }
      }
    }
  }
}
