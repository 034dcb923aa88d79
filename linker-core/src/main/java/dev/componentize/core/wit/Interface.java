package dev.componentize.core.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved interface.
 *
 * @param id its index in {@link Resolve#interfaces()}
 * @param name its name, or {@code null} for an inline {@code import x: interface { ... }}
 * @param pkg the package it belongs to (for inline interfaces, the world's package)
 * @param types named types in source order, including {@code use} aliases
 * @param functions functions in source order, keyed by {@link Function#externName()}
 * @param docs the doc comment, or {@code null}
 * @param stability feature gates
 * @param span where its name is written (for an inline interface, the name of the world item)
 */
public record Interface(
    InterfaceId id,
    String name,
    PackageId pkg,
    Map<String, TypeId> types,
    Map<String, Function> functions,
    String docs,
    Stability stability,
    SourceSpan span) {

  public Interface {
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
  }
}
