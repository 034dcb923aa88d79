package dev.componentize.core.component.types;

import java.util.List;
import java.util.Optional;

/**
 * A component function type: named parameters and at most one result (Binary.md {@code functype};
 * WIT functions have either no result or one, possibly a tuple or a result type).
 *
 * <p>Validation rule enforced here (Binary.md, notes on type definitions): a result never contains
 * a {@code borrow} handle, transitively.
 *
 * @param async whether it is an {@code async func} (Binary.md {@code functype} {@code 0x43},
 *     Async.md "Sync and Async Functions"): a caller may let it block without blocking itself
 */
public record ComponentFuncType(
    List<Field> params, Optional<ComponentValType> result, boolean async) {
  /** A synchronous function type. */
  public ComponentFuncType(List<Field> params, Optional<ComponentValType> result) {
    this(params, result, false);
  }

  public ComponentFuncType {
    params = List.copyOf(params);
    result = Optional.ofNullable(result).flatMap(r -> r);
    Labels.requireUnique("parameter", params.stream().map(Field::name).toList());
    result.ifPresent(
        r -> {
          if (Types.containsBorrow(r)) {
            throw new IllegalArgumentException("a function result may not contain a borrow handle");
          }
        });
  }

  public static ComponentFuncType of(List<Field> params, ComponentValType result) {
    return new ComponentFuncType(params, Optional.ofNullable(result));
  }

  public List<ComponentValType> paramTypes() {
    return params.stream().map(Field::type).toList();
  }

  /** The result as a list of zero or one types, the form the canonical ABI flattens. */
  public List<ComponentValType> resultTypes() {
    return result.map(List::of).orElse(List.of());
  }
}
