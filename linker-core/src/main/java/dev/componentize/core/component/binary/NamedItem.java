package dev.componentize.core.component.binary;

import java.util.Objects;

/**
 * A name bound to an indexed item: an instantiation argument ({@code with n si}) or an inline
 * export ({@code export n si}) of a core or component instance (Binary.md, "Instance Definitions").
 */
public record NamedItem(String name, Sort sort, int index) {
  public NamedItem {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sort, "sort");
    if (index < 0) {
      throw new IllegalArgumentException("negative index " + index);
    }
  }
}
