package dev.componentize.core.wit;

/** One import or export of a world. */
public sealed interface WorldItem {
  /** An interface imported or exported (by path, or inline under a plain name). */
  record InterfaceItem(InterfaceId id, Stability stability) implements WorldItem {}

  /** A function imported or exported directly by the world. */
  record FunctionItem(Function function) implements WorldItem {}

  /** A type defined in or brought into the world with {@code use}; always an import. */
  record TypeItem(TypeId id) implements WorldItem {}
}
