package dev.componentize.core.component.types;

import java.util.List;

/** {@code tuple<T...>}: an anonymous record with at least one element (Binary.md 0x6f). */
public record TupleType(List<ComponentValType> elements) implements ComponentValType {
  public TupleType {
    elements = List.copyOf(elements);
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("a tuple needs at least one element");
    }
  }

  public static TupleType of(ComponentValType... elements) {
    return new TupleType(List.of(elements));
  }
}
