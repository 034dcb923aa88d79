package dev.componentize.core.component.types;

import java.util.Objects;

/**
 * {@code borrow<R>}: a handle lent for the duration of one call (Binary.md 0x68). Validation
 * forbids borrows in function results.
 */
public record BorrowType(ResourceType resource) implements ComponentValType {
  public BorrowType {
    Objects.requireNonNull(resource, "resource");
  }
}
