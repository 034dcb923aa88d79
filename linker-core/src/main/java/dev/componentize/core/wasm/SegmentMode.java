package dev.componentize.core.wasm;

/** How an element or data segment is used (spec 2.5.12, 2.5.13). */
public enum SegmentMode {
  /** Copied into a table or memory at instantiation, at the offset expression. */
  ACTIVE,
  /** Copied on demand by {@code table.init} / {@code memory.init}. */
  PASSIVE,
  /** Element segments only: declares functions referenced by {@code ref.func}. */
  DECLARATIVE
}
