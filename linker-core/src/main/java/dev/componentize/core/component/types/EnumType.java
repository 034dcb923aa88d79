package dev.componentize.core.component.types;

import java.util.List;

/** {@code enum}: a variant whose cases carry no payload (Binary.md 0x6d). */
public record EnumType(List<String> cases) implements ComponentValType {
  public EnumType {
    cases = List.copyOf(cases);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("an enum needs at least one case");
    }
    cases.forEach(Labels::requireLabel);
    Labels.requireUnique("enum case", cases);
  }

  public static EnumType of(String... cases) {
    return new EnumType(List.of(cases));
  }
}
