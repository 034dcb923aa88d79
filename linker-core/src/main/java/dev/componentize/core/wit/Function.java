package dev.componentize.core.wit;

import java.util.List;

/**
 * A function of an interface or world.
 *
 * @param name the name as written in WIT ({@code read} for method {@code read} of {@code file}; the
 *     resource's name for a constructor)
 * @param externName the name a component uses (Explainer.md, "Import and Export Definitions"):
 *     {@code [constructor]r}, {@code [method]r.name}, {@code [static]r.name}, or {@code name}
 * @param kind freestanding, or a resource's method, static function or constructor
 * @param params parameters in order; a method's first one is {@code self: borrow<resource>}
 * @param result the result type, or {@code null} for none
 * @param async whether declared {@code async func}
 * @param docs the doc comment, or {@code null}
 * @param stability feature gates
 * @param span where the function's name is written
 * @param features the newer WIT features its signature uses ({@code async}, streams...)
 */
public record Function(
    String name,
    String externName,
    FunctionKind kind,
    List<Param> params,
    Type result,
    boolean async,
    String docs,
    Stability stability,
    SourceSpan span,
    List<FeatureUse> features) {

  /** A named parameter. */
  public record Param(String name, Type type) {}

  public Function {
    params = List.copyOf(params);
    features = List.copyOf(features);
  }
}
