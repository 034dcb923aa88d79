package dev.componentize.core.component.types;

import java.util.Optional;
import java.util.function.Predicate;

/** Queries over value types that several layers need. */
public final class Types {
  private Types() {}

  /** True if {@code type} contains a {@code borrow} handle anywhere inside it. */
  public static boolean containsBorrow(ComponentValType type) {
    return anyPart(type, t -> t instanceof BorrowType);
  }

  /**
   * True if values of {@code type} live partly in linear memory when lowered: strings and lists are
   * passed as (pointer, length) pairs (CanonicalABI.md, "Flattening"), so lifting or lowering them
   * needs the {@code memory} option, and producing them needs {@code realloc}.
   */
  public static boolean containsPointers(ComponentValType type) {
    return anyPart(type, t -> t == PrimitiveType.STRING || t instanceof ListType);
  }

  /**
   * True if {@code test} holds for {@code type} or any type nested in it. Handles are leaves: the
   * resource they point to is not a value type.
   */
  public static boolean anyPart(ComponentValType type, Predicate<ComponentValType> test) {
    if (test.test(type)) {
      return true;
    }
    if (type instanceof NamedType named) {
      return anyPart(named.definition(), test);
    } else if (type instanceof ListType list) {
      return anyPart(list.element(), test);
    } else if (type instanceof OptionType option) {
      return anyPart(option.some(), test);
    } else if (type instanceof TupleType tuple) {
      return tuple.elements().stream().anyMatch(t -> anyPart(t, test));
    } else if (type instanceof RecordType record) {
      return record.fields().stream().anyMatch(f -> anyPart(f.type(), test));
    } else if (type instanceof VariantType variant) {
      return variant.cases().stream().anyMatch(c -> anyPart(c.payload(), test));
    } else if (type instanceof ResultType result) {
      return anyPart(result.ok(), test) || anyPart(result.error(), test);
    }
    return false;
  }

  private static boolean anyPart(
      Optional<ComponentValType> type, Predicate<ComponentValType> test) {
    return type.isPresent() && anyPart(type.get(), test);
  }
}
