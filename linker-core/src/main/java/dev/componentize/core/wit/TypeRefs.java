package dev.componentize.core.wit;

import java.util.Set;

/** Collects the type names a declaration's body mentions, to order declarations. */
final class TypeRefs {
  private TypeRefs() {}

  static void collect(Ast.TypeBody body, Set<String> into) {
    if (body instanceof Ast.AliasBody a) {
      collect(a.target(), into);
    } else if (body instanceof Ast.RecordBody r) {
      r.fields().forEach(f -> collect(f.type(), into));
    } else if (body instanceof Ast.VariantBody v) {
      v.cases().forEach(c -> collect(c.payload(), into));
    }
  }

  static void collect(Ast.TypeExpr e, Set<String> into) {
    if (e instanceof Ast.NameExpr n) {
      into.add(n.name().text());
    } else if (e instanceof Ast.HandleExpr h) {
      into.add(h.resource().text());
    } else if (e instanceof Ast.ListExpr l) {
      collect(l.element(), into);
    } else if (e instanceof Ast.MapExpr m) {
      collect(m.key(), into);
      collect(m.value(), into);
    } else if (e instanceof Ast.OptionExpr o) {
      collect(o.some(), into);
    } else if (e instanceof Ast.ResultExpr r) {
      collect(r.ok(), into);
      collect(r.err(), into);
    } else if (e instanceof Ast.TupleExpr t) {
      t.elements().forEach(x -> collect(x, into));
    } else if (e instanceof Ast.FutureExpr f) {
      collect(f.payload(), into);
    } else if (e instanceof Ast.StreamExpr s) {
      collect(s.payload(), into);
    }
  }
}
