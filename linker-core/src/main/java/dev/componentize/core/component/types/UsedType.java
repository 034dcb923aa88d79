package dev.componentize.core.component.types;

import java.util.Objects;

/**
 * A type an interface takes from another interface with WIT {@code use} ({@code use
 * wasi:io/error@0.2.6.{error}}): it becomes part of the using interface under {@code name} (the
 * local name, after any {@code as} rename) and is the same type as {@code target}. A resource alias
 * inside one interface ({@code type headers = fields} in wasi:http/types) is the same construct
 * with a local target: a second name for the resource, exported the same way.
 *
 * <p>In a component, the using interface's instance type exports it as {@code (export "error" (type
 * (eq i)))} where {@code i} reaches the target through an outer alias; that export is how {@code
 * wasm-tools component wit} prints the {@code use} back. ComponentFunction types keep referring to
 * the target itself ({@link OwnType} and {@link BorrowType} name the original {@link
 * ResourceType}); encoders route such references through the local name.
 */
public record UsedType(TypeName name, ExportedType target) implements ExportedType {
  public UsedType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    if (target.name().equals(name)) {
      throw new IllegalArgumentException("type " + name + " cannot alias itself");
    }
    if (target.name().owner().equals(name.owner()) && !(originOf(target) instanceof ResourceType)) {
      throw new IllegalArgumentException(
          "'use' takes a type from another interface, but "
              + target.name()
              + " is local and no resource");
    }
  }

  /** True for a second name of a resource of the same interface ({@code type headers = fields}). */
  public boolean isLocal() {
    return target.name().owner().equals(name.owner());
  }

  /** The type at the end of a chain of uses. */
  public ExportedType origin() {
    return originOf(target);
  }

  private static ExportedType originOf(ExportedType type) {
    ExportedType t = type;
    while (t instanceof UsedType used) {
      t = used.target();
    }
    return t;
  }
}
