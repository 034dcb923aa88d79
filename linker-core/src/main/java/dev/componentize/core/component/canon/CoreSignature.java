package dev.componentize.core.component.canon;

import java.util.List;

/** A core function type: flat parameter and result types (core spec 2.3.5, "Function Types"). */
public record CoreSignature(List<FlatType> params, List<FlatType> results) {
  public CoreSignature {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  public static CoreSignature of(List<FlatType> params, List<FlatType> results) {
    return new CoreSignature(params, results);
  }

  @Override
  public String toString() {
    return params + " -> " + results;
  }
}
