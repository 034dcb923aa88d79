package dev.componentize.core.component.types;

import java.util.Optional;

/** {@code result<T, E>}: the variant {@code ok(T?) | error(E?)} (Binary.md 0x6a). */
public record ResultType(Optional<ComponentValType> ok, Optional<ComponentValType> error)
    implements ComponentValType {
  public ResultType {
    ok = Optional.ofNullable(ok).flatMap(o -> o);
    error = Optional.ofNullable(error).flatMap(e -> e);
  }

  public static ResultType of(ComponentValType ok, ComponentValType error) {
    return new ResultType(Optional.ofNullable(ok), Optional.ofNullable(error));
  }
}
