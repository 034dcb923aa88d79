package dev.componentize.core.component.types;

/** A type that an interface exports by name: a named value type, a resource, or a used type. */
public sealed interface ExportedType permits NamedType, ResourceType, UsedType {

  /** The owner and name of the type. */
  TypeName name();
}
