package dev.componentize.core.wit;

import java.util.List;

/**
 * A named type definition.
 *
 * @param id its index in {@link Resolve#types()}
 * @param name its name in the owner's scope (for a {@code use b as c} alias, {@code c})
 * @param kind what it is
 * @param owner the interface or world that defines the name
 * @param docs the doc comment, or {@code null}
 * @param stability feature gates
 * @param span where the name is written (the definition, or the name a {@code use} brings in)
 * @param features the newer WIT features its definition uses (streams, maps...)
 */
public record TypeDef(
    TypeId id,
    String name,
    TypeDefKind kind,
    TypeOwner owner,
    String docs,
    Stability stability,
    SourceSpan span,
    List<FeatureUse> features) {
  public TypeDef {
    features = List.copyOf(features);
  }
}
