package dev.componentize.core.wit;

import java.util.List;

/** What a named type definition is (WIT.md, "Items: type"). */
public sealed interface TypeDefKind {

  /** A record field. */
  record Field(String name, Type type, String docs) {}

  /** A variant case; {@code payload} is {@code null} for a case without one. */
  record Case(String name, Type payload, String docs) {}

  /** An enum case or a flag. */
  record Label(String name, String docs) {}

  record Record(List<Field> fields) implements TypeDefKind {
    public Record {
      fields = List.copyOf(fields);
    }
  }

  record Variant(List<Case> cases) implements TypeDefKind {
    public Variant {
      cases = List.copyOf(cases);
    }
  }

  record Enum(List<Label> cases) implements TypeDefKind {
    public Enum {
      cases = List.copyOf(cases);
    }
  }

  record Flags(List<Label> flags) implements TypeDefKind {
    public Flags {
      flags = List.copyOf(flags);
    }
  }

  /**
   * An abstract resource. Its constructor, methods and static functions are {@link Function}s of
   * the owning interface (or world) whose {@link FunctionKind} names this type.
   */
  record Resource() implements TypeDefKind {}

  /**
   * {@code type name = target;} or a name brought in by {@code use} (then {@code target} is a
   * {@link Type.Named} of a definition owned by another interface).
   */
  record Alias(Type target) implements TypeDefKind {}
}
