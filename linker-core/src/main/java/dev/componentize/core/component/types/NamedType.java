package dev.componentize.core.component.types;

import java.util.Objects;

/**
 * A type that WIT declares with a name ({@code record point {...}}, {@code type id = u64}, ...).
 *
 * <p>The canonical ABI ignores the name; the encoder uses it to export the definition from the
 * owning interface's instance type ({@code (export "point" (type (eq N)))}) and to refer to that
 * export wherever the type is used, which is how {@code wasm-tools component wit} recovers the WIT
 * names from a binary.
 */
public record NamedType(TypeName name, ComponentValType definition)
    implements ComponentValType, ExportedType {
  public NamedType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
  }
}
