package dev.componentize.core.component.types;

import java.util.Objects;

/**
 * A resource type: an abstract, generative type known only by its name (Explainer.md, "Resource
 * types"). Handles to it are {@link OwnType} and {@link BorrowType}; at the canonical ABI level a
 * handle is an i32 index into the instance's handle table.
 */
public record ResourceType(TypeName name) implements ExportedType {
  public ResourceType {
    Objects.requireNonNull(name, "name");
  }

  public OwnType own() {
    return new OwnType(this);
  }

  public BorrowType borrow() {
    return new BorrowType(this);
  }
}
