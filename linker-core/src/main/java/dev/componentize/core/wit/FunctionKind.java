package dev.componentize.core.wit;

/**
 * How a function relates to a resource (WIT.md, "Item: resource"). Methods take an explicit first
 * parameter {@code self: borrow<resource>} in {@link Function#params()}.
 */
public sealed interface FunctionKind {
  record Freestanding() implements FunctionKind {}

  record Method(TypeId resource) implements FunctionKind {}

  record Static(TypeId resource) implements FunctionKind {}

  record Constructor(TypeId resource) implements FunctionKind {}
}
