package dev.componentize.core.component.binary;

/** A canonical option (Binary.md, "Canonical Definitions": {@code canonopt}). */
public sealed interface CanonOption {

  void write(BinaryWriter w);

  /** {@code 0x00}: strings are UTF-8, the only encoding our guest code uses. */
  record Utf8() implements CanonOption {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x00);
    }
  }

  /** {@code 0x03 m}: the core memory that pointers refer to. */
  record Memory(int coreMemory) implements CanonOption {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x03).u32(coreMemory);
    }
  }

  /** {@code 0x04 f}: the core {@code cabi_realloc} function. */
  record Realloc(int coreFunc) implements CanonOption {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x04).u32(coreFunc);
    }
  }

  /** {@code 0x06}: the async ABI (Async.md "Async ABI"): a lowering returns a subtask status. */
  record Async() implements CanonOption {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x06);
    }
  }

  /**
   * {@code 0x07 f}: the callback of an async lift (CanonicalABI.md "canon lift"): the host calls it
   * with each event the task waited for, until it returns EXIT.
   */
  record Callback(int coreFunc) implements CanonOption {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x07).u32(coreFunc);
    }
  }

  /** {@code 0x05 f}: the core function called after the host has read a lifted result. */
  record PostReturn(int coreFunc) implements CanonOption {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x05).u32(coreFunc);
    }
  }
}
