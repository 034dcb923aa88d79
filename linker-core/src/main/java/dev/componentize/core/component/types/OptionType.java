package dev.componentize.core.component.types;

import java.util.Objects;

/** {@code option<T>}: the variant {@code none | some(T)} (Binary.md 0x6b). */
public record OptionType(ComponentValType some) implements ComponentValType {
  public OptionType {
    Objects.requireNonNull(some, "some");
  }
}
