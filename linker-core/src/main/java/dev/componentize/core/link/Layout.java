package dev.componentize.core.link;

import java.util.Map;

/**
 * Where the linker placed everything in the shared memory and table.
 *
 * @param stackPointer initial {@code __stack_pointer}: the top of the stack region at the bottom of
 *     memory (the stack grows down towards 0)
 * @param dlTable address of the {@code dlopen} table (docs/design/dlopen-table.md)
 * @param memoryBases each library's {@code __memory_base}
 * @param tableBases each library's {@code __table_base}
 * @param heapBase first free byte after every static region, 16-aligned
 * @param initialPages initial size of the memory in 64 KiB pages
 * @param tableSize number of slots in the function table
 */
public record Layout(
    int stackPointer,
    int dlTable,
    Map<String, Integer> memoryBases,
    Map<String, Integer> tableBases,
    int heapBase,
    int initialPages,
    int tableSize) {
  public Layout {
    memoryBases = Map.copyOf(memoryBases);
    tableBases = Map.copyOf(tableBases);
  }

  public static final int PAGE_SIZE = 65536;

  /**
   * The same layout with a table of {@code slots} entries (known once every slot is handed out).
   */
  public Layout withTableSize(int slots) {
    return new Layout(
        stackPointer, dlTable, memoryBases, tableBases, heapBase, initialPages, slots);
  }

  /** The end of the initial memory: what {@code __heap_end} names. */
  public int heapEnd() {
    return initialPages * PAGE_SIZE;
  }
}
