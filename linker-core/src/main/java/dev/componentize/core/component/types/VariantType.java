package dev.componentize.core.component.types;

import java.util.List;

/** {@code variant}: a tagged union of at least one case (Binary.md 0x71). */
public record VariantType(List<Case> cases) implements ComponentValType {
  public VariantType {
    cases = List.copyOf(cases);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("a variant needs at least one case");
    }
    Labels.requireUnique("variant case", cases.stream().map(Case::name).toList());
  }

  public static VariantType of(Case... cases) {
    return new VariantType(List.of(cases));
  }
}
