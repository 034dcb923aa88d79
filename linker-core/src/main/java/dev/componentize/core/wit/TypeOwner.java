package dev.componentize.core.wit;

/** Where a named type is defined: in an interface, or directly in a world. */
public sealed interface TypeOwner {
  record OfInterface(InterfaceId id) implements TypeOwner {}

  record OfWorld(WorldId id) implements TypeOwner {}
}
