package dev.componentize.core.component.types;

import java.util.Objects;

/** {@code own<R>}: a handle that transfers ownership of a resource (Binary.md 0x69). */
public record OwnType(ResourceType resource) implements ComponentValType {
  public OwnType {
    Objects.requireNonNull(resource, "resource");
  }
}
