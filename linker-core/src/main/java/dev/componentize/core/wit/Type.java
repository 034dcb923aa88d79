package dev.componentize.core.wit;

import java.util.List;

/**
 * A use of a type: a primitive, a reference to a named {@link TypeDef}, or an anonymous structural
 * type (WIT.md, "Types"). Structural types are values: two {@code list<u8>} compare equal, which is
 * what the component encoder needs to share type definitions.
 */
public sealed interface Type {

  /** The primitive value types, with their WIT spelling. */
  enum Primitive implements Type {
    BOOL("bool"),
    S8("s8"),
    U8("u8"),
    S16("s16"),
    U16("u16"),
    S32("s32"),
    U32("u32"),
    S64("s64"),
    U64("u64"),
    F32("f32"),
    F64("f64"),
    CHAR("char"),
    STRING("string"),
    ERROR_CONTEXT("error-context");

    private final String wit;

    Primitive(String wit) {
      this.wit = wit;
    }

    /** The WIT keyword for this type. */
    public String wit() {
      return wit;
    }
  }

  /**
   * A named record, variant, enum, flags or alias. A resource appears here only as the target of an
   * alias ({@code type r2 = r;} or {@code use i.{r}}); as a value it is a {@link Handle}.
   */
  record Named(TypeId id) implements Type {}

  /** {@code list<element>}. */
  record ListType(Type element) implements Type {}

  /** {@code list<element, size>}: a fixed-size list. */
  record FixedListType(Type element, int size) implements Type {}

  /**
   * {@code map<key, value>}: the component model's map type (a list of key/value pairs whose keys
   * are unique).
   */
  record MapType(Type key, Type value) implements Type {}

  /** {@code option<some>}. */
  record OptionType(Type some) implements Type {}

  /**
   * {@code result<ok, err>}; either side may be {@code null} ({@code result}, {@code result<T>},
   * {@code result<_, E>}).
   */
  record ResultType(Type ok, Type err) implements Type {}

  /** {@code tuple<...>}. */
  record TupleType(List<Type> elements) implements Type {
    public TupleType {
      elements = List.copyOf(elements);
    }
  }

  /** Ownership of a resource handle (WIT.md, "Handles"). */
  enum HandleKind {
    OWN,
    BORROW
  }

  /**
   * An owned (a bare resource name, or {@code own<r>}) or borrowed ({@code borrow<r>}) handle.
   * {@code resource} may name a {@code use} alias of the resource; {@link Resolve#unalias} finds
   * the definition.
   */
  record Handle(HandleKind kind, TypeId resource) implements Type {}

  /** {@code future<payload>}; {@code payload} is {@code null} for a bare {@code future}. */
  record FutureType(Type payload) implements Type {}

  /** {@code stream<payload>}; {@code payload} is {@code null} for a bare {@code stream}. */
  record StreamType(Type payload) implements Type {}
}
