package dev.componentize.core.preinit;

import java.util.Map;

/**
 * The state of a linked program after initialization.
 *
 * @param memory the linear memory's contents up to its last non-zero byte
 * @param pages the memory's size in 64 KiB pages
 * @param globals for each instance, the values of its mutable defined globals by global index (raw
 *     bits, as the engine stores them)
 */
public record Snapshot(byte[] memory, int pages, Map<String, Map<Integer, Long>> globals) {
  public Snapshot {
    globals = Map.copyOf(globals);
  }
}
