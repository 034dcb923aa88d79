package dev.componentize.core.wit;

import java.util.List;

/**
 * WIT.md "Handles" and Explainer.md "Type checking": a {@code borrow<T>} handle lends a resource
 * for the duration of one call, so it may appear only in a function's parameters, never in what the
 * function returns, however deeply it is nested there (in a list, an option, a result, a tuple, a
 * record or variant the result names, or a future or stream payload).
 */
final class Borrows {
  private Borrows() {}

  /**
   * Fails, located at the function's result type, if {@code result} holds a borrowed handle.
   *
   * @param function the function's name as the component sees it ({@code [method]r.get})
   */
  static void requireNoneInResult(
      List<TypeDef> types, Type result, String function, Ast.FuncType declared) {
    String borrowed = borrowIn(types, result);
    if (borrowed == null) {
      return;
    }
    SourceSpan at = declared.result() != null ? declared.result().span() : declared.span();
    throw new WitException(
        at,
        "function '"
            + function
            + "' returns a borrowed handle (borrow<"
            + borrowed
            + ">): borrow<T> is allowed only in parameters; return an owned handle ("
            + borrowed
            + " or own<"
            + borrowed
            + ">) instead");
  }

  /** The name of the first resource {@code type} borrows, or {@code null} if it borrows none. */
  static String borrowIn(List<TypeDef> types, Type type) {
    if (type == null || type instanceof Type.Primitive) {
      return null;
    }
    if (type instanceof Type.Handle h) {
      return h.kind() == Type.HandleKind.BORROW ? types.get(h.resource().index()).name() : null;
    }
    if (type instanceof Type.Named n) {
      TypeDefKind kind = types.get(n.id().index()).kind();
      if (kind instanceof TypeDefKind.Alias a) {
        return borrowIn(types, a.target());
      }
      if (kind instanceof TypeDefKind.Record r) {
        for (TypeDefKind.Field f : r.fields()) {
          String found = borrowIn(types, f.type());
          if (found != null) {
            return found;
          }
        }
      } else if (kind instanceof TypeDefKind.Variant v) {
        for (TypeDefKind.Case c : v.cases()) {
          String found = borrowIn(types, c.payload());
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    }
    if (type instanceof Type.ListType l) {
      return borrowIn(types, l.element());
    }
    if (type instanceof Type.FixedListType l) {
      return borrowIn(types, l.element());
    }
    if (type instanceof Type.MapType m) {
      String key = borrowIn(types, m.key());
      return key != null ? key : borrowIn(types, m.value());
    }
    if (type instanceof Type.OptionType o) {
      return borrowIn(types, o.some());
    }
    if (type instanceof Type.ResultType r) {
      String ok = borrowIn(types, r.ok());
      return ok != null ? ok : borrowIn(types, r.err());
    }
    if (type instanceof Type.TupleType t) {
      for (Type element : t.elements()) {
        String found = borrowIn(types, element);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (type instanceof Type.FutureType f) {
      return borrowIn(types, f.payload());
    }
    return borrowIn(types, ((Type.StreamType) type).payload());
  }
}
