package dev.componentize.core.component.types;

import java.util.Objects;

/** A named record field or function parameter: {@code labelvaltype} in Binary.md. */
public record Field(String name, ComponentValType type) {
  public Field {
    Labels.requireLabel(name);
    Objects.requireNonNull(type, "type");
  }
}
