package dev.componentize.core.component.types;

import java.util.Objects;

/** {@code list<T>}: a variable-length sequence (Binary.md opcode 0x70). */
public record ListType(ComponentValType element) implements ComponentValType {
  public ListType {
    Objects.requireNonNull(element, "element");
  }
}
