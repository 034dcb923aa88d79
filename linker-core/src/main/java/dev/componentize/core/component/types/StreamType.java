package dev.componentize.core.component.types;

import java.util.Optional;

/**
 * {@code stream<T>} or {@code stream} (no element type): one end of a stream, passed as an i32
 * handle (Binary.md 0x66, component-model async).
 */
public record StreamType(Optional<ComponentValType> element) implements ComponentValType {
  public StreamType {
    element = Optional.ofNullable(element).flatMap(e -> e);
  }
}
