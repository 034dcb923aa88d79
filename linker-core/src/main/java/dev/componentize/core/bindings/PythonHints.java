package dev.componentize.core.bindings;

import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.Type;
import dev.componentize.core.wit.TypeDefKind;
import dev.componentize.core.wit.TypeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Python type hints (PEP 484) for WIT types as written inside one generated module: the module's
 * own classes by bare name, other modules' classes qualified ({@code wit_world.imports.x.Point}),
 * and the {@code wit_world.types} helpers bare unless the module defines a class of that name.
 */
final class PythonHints {
  private final WorldPlan plan;
  private final Resolve resolve;
  private final String module;
  private final Set<String> localNames;

  /**
   * @param module the module the hints appear in
   * @param localNames the classes that module defines
   */
  PythonHints(WorldPlan plan, String module, Set<String> localNames) {
    this.plan = plan;
    this.resolve = plan.resolve();
    this.module = module;
    this.localNames = Set.copyOf(localNames);
  }

  /** {@code name} from {@code wit_world.types}, qualified where the module shadows it. */
  String helper(String name) {
    return localNames.contains(name) ? "wit_world.types." + name : name;
  }

  /**
   * The hint of a function's return value: a {@code result<T, E>} returns its {@code T} (the error
   * is raised as {@code Err}), no result is {@code None}.
   */
  String ofReturn(Type result) {
    if (result == null) {
      return "None";
    }
    if (result instanceof Type.ResultType r) {
      return r.ok() == null ? "None" : of(r.ok());
    }
    return of(result);
  }

  /** The hint for {@code type}. */
  String of(Type type) {
    if (type instanceof Type.Primitive p) {
      return switch (p) {
        case BOOL -> "bool";
        case S8, U8, S16, U16, S32, U32, S64, U64 -> "int";
        case F32, F64 -> "float";
        case CHAR, STRING -> "str";
        case ERROR_CONTEXT -> "componentize_streams.ErrorContext";
      };
    } else if (type instanceof Type.Named n) {
      return reference(n.id());
    } else if (type instanceof Type.ListType l) {
      return l.element() == Type.Primitive.U8 ? "bytes" : "list[" + of(l.element()) + "]";
    } else if (type instanceof Type.OptionType o) {
      // None cannot tell option<option<T>>'s outer none from some(none): a present value whose
      // type is itself an option is wrapped in Some (docs/design/python-glue.md, "Python side").
      String some = of(o.some());
      return (isOption(o.some()) ? helper("Some") + "[" + some + "]" : some) + " | None";
    } else if (type instanceof Type.ResultType r) {
      return helper("Result")
          + "["
          + (r.ok() == null ? "None" : of(r.ok()))
          + ", "
          + (r.err() == null ? "None" : of(r.err()))
          + "]";
    } else if (type instanceof Type.TupleType t) {
      if (t.elements().isEmpty()) {
        return "tuple[()]";
      }
      List<String> elements = new ArrayList<>();
      for (Type e : t.elements()) {
        elements.add(of(e));
      }
      return "tuple[" + String.join(", ", elements) + "]";
    } else if (type instanceof Type.Handle h) {
      return reference(h.resource());
    } else if (type instanceof Type.FixedListType) {
      throw unsupported("fixed-size list");
    } else if (type instanceof Type.FutureType f) {
      // The runtime's classes (runtime/src/main/python/componentize_streams.py); a hint only.
      return "componentize_streams.FutureReader["
          + (f.payload() == null ? "None" : of(f.payload()))
          + "]";
    }
    Type element = ((Type.StreamType) type).payload();
    return "componentize_streams.StreamReader["
        + (element == null ? "None" : element == Type.Primitive.U8 ? "bytes" : of(element))
        + "]";
  }

  private boolean isOption(Type type) {
    if (type instanceof Type.OptionType) {
      return true;
    }
    return type instanceof Type.Named n
        && resolve.unalias(n.id()).kind() instanceof TypeDefKind.Alias alias
        && isOption(alias.target());
  }

  private String reference(TypeId id) {
    String owner = plan.moduleOf(id);
    return owner.equals(module) ? plan.className(id) : owner + "." + plan.className(id);
  }

  private static BindingsException unsupported(String what) {
    return new BindingsException(what + " is not supported by the Python bindings yet");
  }
}
