package dev.componentize.core.link;

import dev.componentize.core.ComponentizeException;
import java.util.List;

/**
 * Linking failed. Carries every problem found, not just the first, so a user fixes them in one
 * round.
 */
public final class LinkException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public LinkException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one sentence naming the library concerned. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.size() == 1) {
      return "link failed: " + problems.get(0);
    }
    StringBuilder text = new StringBuilder("link failed with " + problems.size() + " problems:");
    for (String problem : problems) {
      text.append("\n  - ").append(problem);
    }
    return text.toString();
  }
}
