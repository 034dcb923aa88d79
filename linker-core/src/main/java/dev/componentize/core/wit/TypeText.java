package dev.componentize.core.wit;

/** A type expression as WIT text, with names as written: what a message quotes. */
final class TypeText {
  private TypeText() {}

  static String of(Ast.TypeExpr e) {
    StringBuilder out = new StringBuilder();
    append(out, e);
    return out.toString();
  }

  private static void append(StringBuilder out, Ast.TypeExpr e) {
    if (e instanceof Ast.PrimitiveExpr p) {
      out.append(p.primitive().wit());
    } else if (e instanceof Ast.NameExpr n) {
      out.append(n.name().text());
    } else if (e instanceof Ast.HandleExpr h) {
      out.append(h.kind() == Type.HandleKind.OWN ? "own<" : "borrow<")
          .append(h.resource().text())
          .append('>');
    } else if (e instanceof Ast.ListExpr l) {
      out.append("list<");
      append(out, l.element());
      if (l.size() != null) {
        out.append(", ").append(l.size());
      }
      out.append('>');
    } else if (e instanceof Ast.MapExpr m) {
      out.append("map<");
      append(out, m.key());
      out.append(", ");
      append(out, m.value());
      out.append('>');
    } else if (e instanceof Ast.OptionExpr o) {
      out.append("option<");
      append(out, o.some());
      out.append('>');
    } else if (e instanceof Ast.ResultExpr r) {
      out.append("result");
      if (r.ok() != null || r.err() != null) {
        out.append('<');
        if (r.ok() == null) {
          out.append('_');
        } else {
          append(out, r.ok());
        }
        if (r.err() != null) {
          out.append(", ");
          append(out, r.err());
        }
        out.append('>');
      }
    } else if (e instanceof Ast.TupleExpr t) {
      out.append("tuple<");
      for (int i = 0; i < t.elements().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        append(out, t.elements().get(i));
      }
      out.append('>');
    } else if (e instanceof Ast.FutureExpr f) {
      payload(out, "future", f.payload());
    } else if (e instanceof Ast.StreamExpr s) {
      payload(out, "stream", s.payload());
    }
  }

  private static void payload(StringBuilder out, String keyword, Ast.TypeExpr payload) {
    out.append(keyword);
    if (payload != null) {
      out.append('<');
      append(out, payload);
      out.append('>');
    }
  }
}
