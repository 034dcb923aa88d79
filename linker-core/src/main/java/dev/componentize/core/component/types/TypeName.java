package dev.componentize.core.component.types;

import java.util.Objects;

/**
 * Where a named type is declared: the interface that owns it (its full name, e.g. {@code
 * wasi:io/streams@0.2.6}, or empty for a type declared directly in a world) and its WIT name.
 *
 * <p>Two WIT types with equal bodies but different names or owners are different types; this pair
 * is what tells them apart.
 */
public record TypeName(String owner, String name) {
  public TypeName {
    Objects.requireNonNull(owner, "owner");
    Labels.requireLabel(name);
  }

  /** A type declared directly in a world rather than in an interface. */
  public static TypeName inWorld(String name) {
    return new TypeName("", name);
  }

  @Override
  public String toString() {
    return owner.isEmpty() ? name : owner + "#" + name;
  }
}
