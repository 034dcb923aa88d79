package dev.componentize.core.preinit;

import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.run.RunningProgram;
import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.ConstExpr;
import dev.componentize.core.wasm.DataCountSection;
import dev.componentize.core.wasm.DataSection;
import dev.componentize.core.wasm.DataSegment;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.Global;
import dev.componentize.core.wasm.GlobalSection;
import dev.componentize.core.wasm.Limits;
import dev.componentize.core.wasm.MemorySection;
import dev.componentize.core.wasm.MemoryType;
import dev.componentize.core.wasm.Section;
import dev.componentize.core.wasm.SegmentMode;
import dev.componentize.core.wasm.StartSection;
import dev.componentize.core.wasm.WasmModule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.endive.runtime.Instance;

/**
 * Captures a running program's state ({@link #snapshot}) and rewrites the program so that it starts
 * in that state ({@link #apply}): the memory image becomes the data of the instance that owns the
 * memory, mutable globals start at their captured values, and nothing that already ran runs again
 * (every start function, hence relocations and constructors, is removed; the libraries' own active
 * data segments are dropped, since the image already holds their bytes).
 */
public final class PreInitializer {
  /** Zero runs at least this long split the memory image into separate data segments. */
  static final int ZERO_RUN = 64;

  private static final String MEMORY_OWNER = "main";

  private PreInitializer() {}

  /** Reads the memory and every mutable defined global of every instance. */
  public static Snapshot snapshot(LinkedProgram linked, RunningProgram running) {
    var memory = running.memory();
    int pages = memory.pages();
    byte[] image = memory.readBytes(0, pages * 65536);
    int end = image.length;
    while (end > 0 && image[end - 1] == 0) {
      end--;
    }
    byte[] trimmed = java.util.Arrays.copyOf(image, end);
    Map<String, Map<Integer, Long>> globals = new LinkedHashMap<>();
    for (ProgramInstance programInstance : linked.instances()) {
      Instance instance = running.instance(programInstance.name());
      WasmModule module = programInstance.module();
      int imported = module.importCount(ExternalKind.GLOBAL);
      Map<Integer, Long> values = new HashMap<>();
      List<Global> defined = module.globals();
      for (int i = 0; i < defined.size(); i++) {
        if (defined.get(i).type().mutable()) {
          values.put(imported + i, instance.global(imported + i).getValue());
        }
      }
      globals.put(programInstance.name(), values);
    }
    return new Snapshot(trimmed, pages, globals);
  }

  /** {@code linked} rewritten to start in the state {@code snapshot} captured. */
  public static LinkedProgram apply(LinkedProgram linked, Snapshot snapshot)
      throws PreInitException {
    List<DataSegment> image = imageSegments(snapshot.memory());
    List<ProgramInstance> instances = new ArrayList<>();
    for (ProgramInstance instance : linked.instances()) {
      WasmModule module = instance.module();
      List<Section> sections = new ArrayList<>();
      boolean ownsMemory = instance.name().equals(MEMORY_OWNER);
      Map<Integer, Long> globals = snapshot.globals().getOrDefault(instance.name(), Map.of());
      int imported = module.importCount(ExternalKind.GLOBAL);
      for (Section section : module.sections()) {
        if (section instanceof StartSection) {
          continue; // it ran; its effects are in the snapshot
        } else if (section instanceof DataSection data) {
          requireNoPassive(instance.name(), data);
          if (ownsMemory) {
            sections.add(new DataSection(image));
          }
          // A library's active segments are in the image: writing them again would undo
          // whatever initialization changed.
        } else if (section instanceof DataCountSection) {
          if (ownsMemory) {
            sections.add(new DataCountSection(image.size()));
          }
        } else if (section instanceof GlobalSection globalSection && !globals.isEmpty()) {
          sections.add(withValues(globalSection, imported, globals));
        } else if (section instanceof MemorySection memories && ownsMemory) {
          sections.add(grown(memories, snapshot.pages()));
        } else {
          sections.add(section);
        }
      }
      if (ownsMemory && module.dataSegments().isEmpty() && snapshot.memory().length > 0) {
        throw new PreInitException("the memory-owning instance has no data section to replace");
      }
      instances.add(
          new ProgramInstance(instance.name(), module.withSections(sections), instance.imports()));
    }
    return new LinkedProgram(instances, linked.layout(), linked.dlOpenable(), linked.stubbed());
  }

  private static void requireNoPassive(String instance, DataSection data) throws PreInitException {
    for (DataSegment segment : data.segments()) {
      if (segment.mode() == SegmentMode.PASSIVE) {
        throw new PreInitException(
            instance
                + " has passive data segments (bulk memory, e.g. built with shared memory);"
                + " pre-initialization cannot tell whether they were already copied");
      }
    }
  }

  private static MemorySection grown(MemorySection memories, int pages) {
    List<MemoryType> result = new ArrayList<>();
    for (MemoryType memory : memories.memories()) {
      Limits limits = memory.limits();
      result.add(
          new MemoryType(
              new Limits(
                  Math.max(limits.min(), pages), limits.max(), limits.shared(), limits.index64())));
    }
    return new MemorySection(result);
  }

  private static GlobalSection withValues(
      GlobalSection section, int imported, Map<Integer, Long> values) {
    List<Global> result = new ArrayList<>();
    List<Global> globals = section.globals();
    for (int i = 0; i < globals.size(); i++) {
      Global global = globals.get(i);
      Long value = values.get(imported + i);
      result.add(value == null ? global : new Global(global.type(), constant(global, value)));
    }
    return new GlobalSection(result);
  }

  private static ConstExpr constant(Global global, long bits) {
    return switch (global.type().type()) {
      case I32 -> ConstExpr.i32Const((int) bits);
      case I64 -> ConstExpr.i64Const(bits);
      case F32 ->
          new ConstExpr(
              Bytes.of(
                  ByteBuffer.allocate(6)
                      .order(ByteOrder.LITTLE_ENDIAN)
                      .put((byte) 0x43)
                      .putInt((int) bits)
                      .put((byte) 0x0b)
                      .array()));
      case F64 ->
          new ConstExpr(
              Bytes.of(
                  ByteBuffer.allocate(10)
                      .order(ByteOrder.LITTLE_ENDIAN)
                      .put((byte) 0x44)
                      .putLong(bits)
                      .put((byte) 0x0b)
                      .array()));
      default -> global.init(); // references: tables are rebuilt from element segments
    };
  }

  /** The memory image as active segments, split at runs of at least {@link #ZERO_RUN} zeros. */
  static List<DataSegment> imageSegments(byte[] image) {
    List<DataSegment> segments = new ArrayList<>();
    int i = 0;
    while (i < image.length) {
      while (i < image.length && image[i] == 0) {
        i++;
      }
      if (i == image.length) {
        break;
      }
      int start = i;
      int zeros = 0;
      int end = i;
      while (i < image.length && zeros < ZERO_RUN) {
        if (image[i] == 0) {
          zeros++;
        } else {
          zeros = 0;
          end = i + 1;
        }
        i++;
      }
      segments.add(
          DataSegment.active(
              0,
              ConstExpr.i32Const(start),
              Bytes.of(java.util.Arrays.copyOfRange(image, start, end))));
      i = end;
    }
    return segments;
  }
}
