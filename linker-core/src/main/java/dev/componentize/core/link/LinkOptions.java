package dev.componentize.core.link;

/**
 * How to link.
 *
 * @param stackSize bytes reserved for the C stack at the bottom of memory; rounded up to 16
 * @param stubMissingFunctions whether a function no library defines becomes a function that traps
 *     when called, instead of a link error (weak imports always may)
 */
public record LinkOptions(int stackSize, boolean stubMissingFunctions) {
  /** 1 MiB, as wasm-ld and wit-component default to. */
  public static final int DEFAULT_STACK_SIZE = 1 << 20;

  public LinkOptions {
    if (stackSize < 4096) {
      throw new IllegalArgumentException("stack size " + stackSize + " is below 4096 bytes");
    }
  }

  public static LinkOptions defaults() {
    return new LinkOptions(DEFAULT_STACK_SIZE, false);
  }

  public LinkOptions withStackSize(int bytes) {
    return new LinkOptions(bytes, stubMissingFunctions);
  }

  public LinkOptions withStubMissingFunctions(boolean stub) {
    return new LinkOptions(stackSize, stub);
  }
}
