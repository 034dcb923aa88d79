package dev.componentize.core.component.types;

/**
 * A component-model value type (component-model Explainer.md, "Type Definitions": {@code valtype}).
 *
 * <p>Types are structural and immutable: a record is described by its fields, not by an index into
 * some type section. Index assignment happens only when a type is encoded into a scope (see {@code
 * dev.componentize.core.component.binary.TypeIndexScope}). Names that WIT gives to types are
 * carried by {@link NamedType}, which is transparent to the canonical ABI but makes the encoder
 * export the type under its name so that tools print the WIT name back.
 */
public sealed interface ComponentValType
    permits PrimitiveType,
        ListType,
        TupleType,
        RecordType,
        VariantType,
        EnumType,
        FlagsType,
        OptionType,
        ResultType,
        OwnType,
        BorrowType,
        StreamType,
        FutureType,
        NamedType {

  /** This type with every {@link NamedType} wrapper removed from the outside. */
  default ComponentValType unwrap() {
    ComponentValType type = this;
    while (type instanceof NamedType named) {
      type = named.definition();
    }
    return type;
  }
}
