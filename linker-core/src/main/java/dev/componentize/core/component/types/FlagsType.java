package dev.componentize.core.component.types;

import java.util.List;

/**
 * {@code flags}: a set of named bits (Binary.md 0x6e). The component model limits a flags type to
 * 32 labels (Explainer.md, "Fundamental value types": "flags ... at most 32 labels"), so it always
 * fits one i32.
 */
public record FlagsType(List<String> flags) implements ComponentValType {
  /** Upper bound on the number of labels. */
  public static final int MAX_FLAGS = 32;

  public FlagsType {
    flags = List.copyOf(flags);
    if (flags.isEmpty() || flags.size() > MAX_FLAGS) {
      throw new IllegalArgumentException(
          "a flags type needs 1 to " + MAX_FLAGS + " labels, got " + flags.size());
    }
    flags.forEach(Labels::requireLabel);
    Labels.requireUnique("flag", flags);
  }

  public static FlagsType of(String... flags) {
    return new FlagsType(List.of(flags));
  }
}
