package dev.componentize.core.component.types;

import java.util.Optional;

/** A variant case: a label with an optional payload type (Binary.md {@code case}). */
public record Case(String name, Optional<ComponentValType> payload) {
  public Case {
    Labels.requireLabel(name);
    payload = Optional.ofNullable(payload).flatMap(p -> p);
  }

  public static Case of(String name, ComponentValType payload) {
    return new Case(name, Optional.of(payload));
  }

  public static Case empty(String name) {
    return new Case(name, Optional.empty());
  }
}
