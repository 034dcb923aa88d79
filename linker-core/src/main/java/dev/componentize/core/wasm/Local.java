package dev.componentize.core.wasm;

/** A run of {@code count} locals of one type in a function body (spec 5.5.13). */
public record Local(int count, ValType type) {

  public Local {
    if (count < 0) {
      throw new IllegalArgumentException("negative local count " + count);
    }
  }
}
