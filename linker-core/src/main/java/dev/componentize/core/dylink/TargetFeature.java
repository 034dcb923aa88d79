package dev.componentize.core.dylink;

/**
 * One entry of the {@code target_features} section ({@link TargetFeaturesSection}): a feature name
 * and its prefix.
 *
 * <p>A top-level type, not nested in the section's record: {@code abi.RuntimeIdentity} (exported)
 * names it, and JDK 17's javadoc fails with an internal error (AssertionError: unknown element) on
 * a type of an undocumented package that is nested in a record.
 */
public record TargetFeature(TargetFeaturesSection.Prefix prefix, String name) {
  @Override
  public String toString() {
    return prefix.symbol() + name;
  }
}
