package dev.componentize.core.wit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects named types reachable from world items in dependency order (post-order). */
final class TypeWalker {
  private final Resolve resolve;
  private final Set<TypeId> seen = new HashSet<>();
  private final List<TypeId> ordered = new ArrayList<>();

  TypeWalker(Resolve resolve) {
    this.resolve = resolve;
  }

  List<TypeId> ordered() {
    return List.copyOf(ordered);
  }

  void visit(WorldItem item) {
    if (item instanceof WorldItem.InterfaceItem i) {
      Interface iface = resolve.iface(i.id());
      iface.types().values().forEach(this::visit);
      iface.functions().values().forEach(this::visit);
    } else if (item instanceof WorldItem.FunctionItem f) {
      visit(f.function());
    } else if (item instanceof WorldItem.TypeItem t) {
      visit(t.id());
    }
  }

  void visit(Function function) {
    for (Function.Param p : function.params()) {
      visit(p.type());
    }
    visit(function.result());
  }

  void visit(TypeId id) {
    if (!seen.add(id)) {
      return;
    }
    TypeDefKind kind = resolve.type(id).kind();
    if (kind instanceof TypeDefKind.Alias a) {
      visit(a.target());
    } else if (kind instanceof TypeDefKind.Record r) {
      r.fields().forEach(f -> visit(f.type()));
    } else if (kind instanceof TypeDefKind.Variant v) {
      v.cases().forEach(c -> visit(c.payload()));
    }
    ordered.add(id);
  }

  void visit(Type type) {
    if (type == null || type instanceof Type.Primitive) {
      return;
    }
    if (type instanceof Type.Named n) {
      visit(n.id());
    } else if (type instanceof Type.Handle h) {
      visit(h.resource());
    } else if (type instanceof Type.ListType l) {
      visit(l.element());
    } else if (type instanceof Type.FixedListType l) {
      visit(l.element());
    } else if (type instanceof Type.MapType m) {
      visit(m.key());
      visit(m.value());
    } else if (type instanceof Type.OptionType o) {
      visit(o.some());
    } else if (type instanceof Type.ResultType r) {
      visit(r.ok());
      visit(r.err());
    } else if (type instanceof Type.TupleType t) {
      t.elements().forEach(this::visit);
    } else if (type instanceof Type.FutureType f) {
      visit(f.payload());
    } else if (type instanceof Type.StreamType s) {
      visit(s.payload());
    }
  }
}
