package dev.componentize.core.component.types;

import java.util.Optional;

/** {@code result<T, E>}: the variant {@code ok(T?) | error(E?)} (Binary.md 0x6a). */
public record ResultType(Optional<ValType> ok, Optional<ValType> error) implements ValType {
  public ResultType {
    ok = Optional.ofNullable(ok).flatMap(o -> o);
    error = Optional.ofNullable(error).flatMap(e -> e);
  }

  public static ResultType of(ValType ok, ValType error) {
    return new ResultType(Optional.ofNullable(ok), Optional.ofNullable(error));
  }
}
