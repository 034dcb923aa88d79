package dev.componentize.core.component.binary;

/**
 * The index spaces of a component (Binary.md, "Instance Definitions", {@code sort} and {@code
 * core:sort}). Core sorts are written as {@code 0x00} followed by the core sort byte.
 */
public enum Sort {
  CORE_FUNC(true, 0x00),
  CORE_TABLE(true, 0x01),
  CORE_MEMORY(true, 0x02),
  CORE_GLOBAL(true, 0x03),
  CORE_TYPE(true, 0x10),
  CORE_MODULE(true, 0x11),
  CORE_INSTANCE(true, 0x12),
  FUNC(false, 0x01),
  VALUE(false, 0x02),
  TYPE(false, 0x03),
  COMPONENT(false, 0x04),
  INSTANCE(false, 0x05);

  private final boolean core;
  private final int code;

  Sort(boolean core, int code) {
    this.core = core;
    this.code = code;
  }

  public boolean isCore() {
    return core;
  }

  /** The {@code core:sort} byte; only for core sorts. */
  int coreCode() {
    if (!core) {
      throw new IllegalStateException(this + " is not a core sort");
    }
    return code;
  }

  /** Writes this sort as a component-level {@code sort}. */
  void write(BinaryWriter w) {
    if (core) {
      w.u8(0x00).u8(code);
    } else {
      w.u8(code);
    }
  }
}
