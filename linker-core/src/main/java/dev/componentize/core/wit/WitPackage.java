package dev.componentize.core.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved package.
 *
 * @param id its index in {@link Resolve#packages()}
 * @param name its name
 * @param interfaces named interfaces in source order
 * @param worlds worlds in source order
 * @param docs the doc comment on the package declaration, or {@code null}
 */
public record WitPackage(
    PackageId id,
    PackageName name,
    Map<String, InterfaceId> interfaces,
    Map<String, WorldId> worlds,
    String docs) {

  public WitPackage {
    interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
    worlds = Collections.unmodifiableMap(new LinkedHashMap<>(worlds));
  }
}
