package dev.componentize.core.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resolved world, after {@code include}s are merged and the world is elaborated: every interface
 * that an imported or exported interface (or world type) depends on through {@code use} is imported
 * too, before its dependents, unless it is exported (the component must get those types from
 * somewhere).
 *
 * @param id its index in {@link Resolve#worlds()}
 * @param name its name
 * @param pkg its package
 * @param imports in order; interface items keyed by their qualified name ({@code
 *     wasi:io/streams@0.2.12}), everything else by its plain name
 * @param exports in order, keyed like imports
 * @param docs the doc comment, or {@code null}
 * @param stability feature gates
 * @param features the newer WIT features its own items use (an interface under a plain name)
 */
public record World(
    WorldId id,
    String name,
    PackageId pkg,
    Map<String, WorldItem> imports,
    Map<String, WorldItem> exports,
    String docs,
    Stability stability,
    List<FeatureUse> features) {

  public World {
    imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
    exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    features = List.copyOf(features);
  }
}
