package dev.componentize.core.component.types;

/** A type that an interface exports by name: a named value type or a resource. */
public sealed interface ExportedType permits NamedType, ResourceType {

  /** The owner and name of the type. */
  TypeName name();
}
