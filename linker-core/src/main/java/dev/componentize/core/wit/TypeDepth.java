package dev.componentize.core.wit;

import java.util.List;

/**
 * How deeply a type nests, counting both anonymous types ({@code list<option<u8>>}) and named ones
 * (a record with a field of another record). Everything that walks a type recursively, here and in
 * later stages (printing, ABI flattening and lifting, bindings), recurses once per level, so the
 * resolver refuses types deeper than {@link #MAX}: that bounds every such walk, whatever the input.
 * A handle names its resource without containing it, so it counts as one level.
 */
final class TypeDepth {

  /** Deepest type accepted; real WIT (all of WASI 0.2 and 0.3) stays below 10. */
  static final int MAX = 100;

  private TypeDepth() {}

  /** The depth of a type definition, given the depths of the already resolved types. */
  static int of(TypeDefKind kind, List<Integer> depths) {
    int inner = 0;
    if (kind instanceof TypeDefKind.Alias a) {
      inner = of(a.target(), depths);
    } else if (kind instanceof TypeDefKind.Record r) {
      for (TypeDefKind.Field f : r.fields()) {
        inner = Math.max(inner, of(f.type(), depths));
      }
    } else if (kind instanceof TypeDefKind.Variant v) {
      for (TypeDefKind.Case c : v.cases()) {
        inner = Math.max(inner, c.payload() == null ? 0 : of(c.payload(), depths));
      }
    }
    return 1 + inner;
  }

  /**
   * The depth of a type expression. Anonymous nesting is already bounded by the parser, so this
   * recursion is too; named types contribute their recorded depth without being walked.
   */
  static int of(Type type, List<Integer> depths) {
    if (type == null || type instanceof Type.Primitive || type instanceof Type.Handle) {
      return type == null ? 0 : 1;
    }
    if (type instanceof Type.Named n) {
      return depths.get(n.id().index());
    }
    if (type instanceof Type.ListType l) {
      return 1 + of(l.element(), depths);
    }
    if (type instanceof Type.FixedListType l) {
      return 1 + of(l.element(), depths);
    }
    if (type instanceof Type.MapType m) {
      return 1 + Math.max(of(m.key(), depths), of(m.value(), depths));
    }
    if (type instanceof Type.OptionType o) {
      return 1 + of(o.some(), depths);
    }
    if (type instanceof Type.ResultType r) {
      return 1 + Math.max(of(r.ok(), depths), of(r.err(), depths));
    }
    if (type instanceof Type.TupleType t) {
      int inner = 0;
      for (Type element : t.elements()) {
        inner = Math.max(inner, of(element, depths));
      }
      return 1 + inner;
    }
    if (type instanceof Type.FutureType f) {
      return 1 + of(f.payload(), depths);
    }
    return 1 + of(((Type.StreamType) type).payload(), depths);
  }
}
