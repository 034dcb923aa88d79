package dev.componentize.core.component.types;

import java.util.Optional;

/**
 * {@code future<T>} or {@code future} (no value): one end of a future, passed as an i32 handle
 * (Binary.md 0x65, component-model async).
 */
public record FutureType(Optional<ComponentValType> value) implements ComponentValType {
  public FutureType {
    value = Optional.ofNullable(value).flatMap(v -> v);
  }
}
