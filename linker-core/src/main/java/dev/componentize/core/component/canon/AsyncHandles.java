package dev.componentize.core.component.canon;

import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResultType;
import dev.componentize.core.component.types.StreamType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.component.types.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stream and future types of a function, numbered as the core names of their built-ins number
 * them ({@code [stream-new-N]<function>}, {@code component.CoreNames}): parameters first, then the
 * result, each type depth first with a stream's or future's payload before the stream or future
 * itself. The Python bindings and the encoder both number through this class, so that a built-in
 * libworld.so imports is the one the encoder makes.
 */
public final class AsyncHandles {
  private AsyncHandles() {}

  /** Every {@link StreamType} and {@link FutureType} in {@code type}, in built-in order. */
  public static List<ComponentValType> of(ComponentFuncType type) {
    List<ComponentValType> out = new ArrayList<>();
    for (Field p : type.params()) {
      walk(p.type(), out);
    }
    type.result().ifPresent(r -> walk(r, out));
    return out;
  }

  /** Whether {@code type} has an error-context anywhere (also inside streams and futures). */
  public static boolean usesErrorContext(ComponentFuncType type) {
    List<ComponentValType> out = new ArrayList<>();
    for (Field p : type.params()) {
      walk(p.type(), out, true);
    }
    type.result().ifPresent(r -> walk(r, out, true));
    return out.contains(PrimitiveType.ERROR_CONTEXT);
  }

  /** Whether {@code type} has a stream, future or error-context anywhere. */
  public static boolean usesAsyncTypes(ComponentFuncType type) {
    List<ComponentValType> out = new ArrayList<>();
    for (Field p : type.params()) {
      walk(p.type(), out, true);
    }
    type.result().ifPresent(r -> walk(r, out, true));
    return !out.isEmpty();
  }

  private static void walk(ComponentValType type, List<ComponentValType> out) {
    walk(type, out, false);
  }

  private static void walk(ComponentValType type, List<ComponentValType> out, boolean errors) {
    ComponentValType t = type.unwrap();
    if (errors && t == PrimitiveType.ERROR_CONTEXT) {
      out.add(t);
    } else if (t instanceof StreamType s) {
      s.element().ifPresent(e -> walk(e, out, errors));
      out.add(t);
    } else if (t instanceof FutureType f) {
      f.value().ifPresent(v -> walk(v, out, errors));
      out.add(t);
    } else if (t instanceof ListType l) {
      walk(l.element(), out, errors);
    } else if (t instanceof OptionType o) {
      walk(o.some(), out, errors);
    } else if (t instanceof ResultType r) {
      r.ok().ifPresent(ok -> walk(ok, out, errors));
      r.error().ifPresent(e -> walk(e, out, errors));
    } else if (t instanceof TupleType tuple) {
      tuple.elements().forEach(e -> walk(e, out, errors));
    } else if (t instanceof RecordType record) {
      record.fields().forEach(f -> walk(f.type(), out, errors));
    } else if (t instanceof VariantType variant) {
      variant.cases().forEach(c -> c.payload().ifPresent(p -> walk(p, out, errors)));
    }
  }

  /** The payload of a stream's elements or a future's value, if it has one. */
  public static Optional<ComponentValType> payload(ComponentValType handle) {
    ComponentValType t = handle.unwrap();
    if (t instanceof StreamType s) {
      return s.element();
    }
    return ((FutureType) t).value();
  }
}
