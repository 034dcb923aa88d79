package dev.componentize.core.component.types;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named function of an interface or world. The name is a plain label ({@code greet}) or, for
 * resource functions, an annotated one (Explainer.md, "Import and Export Definitions": {@code
 * [constructor]r}, {@code [method]r.m}, {@code [static]r.m}).
 */
public record ComponentFunction(String name, ComponentFuncType type) implements ComponentWorldItem {
  private static final String LABEL = "[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*";
  private static final Pattern NAME =
      Pattern.compile(
          LABEL
              + "|\\[constructor\\]"
              + LABEL
              + "|\\[method\\]"
              + LABEL
              + "\\."
              + LABEL
              + "|\\[static\\]"
              + LABEL
              + "\\."
              + LABEL);

  public ComponentFunction {
    Objects.requireNonNull(type, "type");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a function name: '" + name + "'");
    }
  }
}
