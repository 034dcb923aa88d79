package dev.componentize.core.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out function-table slots after the libraries' own table regions: one slot per function that
 * is reached through a pointer made by the linker (GOT.func entries, dlsym results, trampolines).
 * The init module fills the slots once every instance exists.
 */
final class SlotAllocator {
  private final int firstSlot;
  private final Map<FunctionRef, Integer> slots = new LinkedHashMap<>();

  /** A function exported by an instance of the program. */
  record FunctionRef(String instance, String export) {}

  /** A slot and the function that goes in it. */
  record Slot(int index, FunctionRef function) {}

  SlotAllocator(int firstSlot) {
    this.firstSlot = firstSlot;
  }

  int slotOf(FunctionRef function) {
    return slots.computeIfAbsent(function, f -> firstSlot + slots.size());
  }

  /** The table size needed: every allocated slot included. */
  int end() {
    return firstSlot + slots.size();
  }

  List<Slot> slots() {
    List<Slot> result = new ArrayList<>(slots.size());
    slots.forEach((function, index) -> result.add(new Slot(index, function)));
    return result;
  }
}
