package dev.componentize.core.wasm;

import java.util.List;
import java.util.stream.Collectors;

/** A function type (spec 5.3.6), including multi-value results. */
public record FuncType(List<ValType> params, List<ValType> results) {

  public FuncType {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  public static FuncType of(List<ValType> params, List<ValType> results) {
    return new FuncType(params, results);
  }

  @Override
  public String toString() {
    return "("
        + params.stream().map(ValType::toString).collect(Collectors.joining(", "))
        + ") -> ("
        + results.stream().map(ValType::toString).collect(Collectors.joining(", "))
        + ")";
  }
}
