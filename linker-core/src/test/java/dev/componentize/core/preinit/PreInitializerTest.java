package dev.componentize.core.preinit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.link.Clang;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import dev.componentize.core.wasm.DataSegment;
import dev.componentize.core.wasm.StartSection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreInitializerTest {
  @TempDir static Path out;
  static LinkedProgram linked;

  @BeforeAll
  static void link() throws Exception {
    Clang.assumeAvailable();
    byte[] liba = Clang.sharedLibrary(out, "liba.so", "liba.c");
    byte[] libb = Clang.sharedLibrary(out, "libb.so", "libb.c", "liba.so");
    linked =
        new Linker(LinkOptions.defaults())
            .link(List.of(Library.of("liba.so", liba), Library.of("libb.so", libb)));
  }

  private static int call(RunningProgram program, String instance, String export) {
    return (int) program.function(instance, export).apply()[0];
  }

  @Test
  void theSnapshotKeepsWhatRanAndNothingRunsTwice() throws Exception {
    RunningProgram first = ProgramRunner.instantiate(linked, List.of());
    assertEquals(42, call(first, "libb.so", "b_get_initialized"));
    assertEquals(41, call(first, "liba.so", "a_bump"));
    assertEquals(42, call(first, "liba.so", "a_bump"));

    LinkedProgram snapshotted =
        PreInitializer.apply(linked, PreInitializer.snapshot(linked, first));
    RunningProgram second = ProgramRunner.instantiate(snapshotted, List.of());
    // The constructor ran before the snapshot (a_counter was 40): it must not run again.
    assertEquals(42, call(second, "libb.so", "b_get_initialized"));
    assertEquals(43, call(second, "liba.so", "a_bump"), "a_counter kept its value 42");
    // Calls through relocated function pointers still work: the table is rebuilt.
    assertEquals(101, (int) second.function("libb.so", "b_through_pointer").apply(1)[0]);
    assertEquals(11, (int) second.function("liba.so", "a_calls_b").apply(5)[0]);
  }

  @Test
  void noStartFunctionAndNoLibraryDataRemain() throws Exception {
    RunningProgram running = ProgramRunner.instantiate(linked, List.of());
    LinkedProgram snapshotted =
        PreInitializer.apply(linked, PreInitializer.snapshot(linked, running));
    for (var instance : snapshotted.instances()) {
      assertTrue(
          instance.module().section(StartSection.class).isEmpty(), instance.name() + " start");
      if (!instance.name().equals("main")) {
        assertTrue(instance.module().dataSegments().isEmpty(), instance.name() + " data");
      }
    }
  }

  @Test
  void theImageIsSplitAtLongZeroRuns() {
    byte[] image = new byte[300];
    image[10] = 1;
    image[20] = 2; // a short gap stays inside one segment
    image[200] = 3; // after a long gap: a new segment
    List<DataSegment> segments = PreInitializer.imageSegments(image);
    assertEquals(2, segments.size());
    assertEquals(10, segments.get(0).offset().orElseThrow().asI32Const().getAsInt());
    assertEquals(11, segments.get(0).init().length());
    assertArrayEquals(new byte[] {3}, segments.get(1).init().toArray());
    assertEquals(200, segments.get(1).offset().orElseThrow().asI32Const().getAsInt());
  }
}
