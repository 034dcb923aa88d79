package dev.componentize.core.component.types;

import java.util.Objects;

/** {@code list<T>}: a variable-length sequence (Binary.md opcode 0x70). */
public record ListType(ValType element) implements ValType {
  public ListType {
    Objects.requireNonNull(element, "element");
  }
}
