package dev.componentize.core.wit;

/**
 * The feature gates on an item (WIT.md, "Feature Gates"). Gates are source-level only: items behind
 * a disabled {@code @unstable} feature never reach the resolved model, and the rest keep their
 * gates so that bindings can warn about deprecated APIs and a printer can reproduce the source.
 *
 * @param since the version from {@code @since(version = ...)}, or {@code null}
 * @param unstableFeature the feature from {@code @unstable(feature = ...)}, or {@code null}
 * @param deprecated the version from {@code @deprecated(version = ...)}, or {@code null}
 */
public record Stability(String since, String unstableFeature, String deprecated) {
  /** No gate at all. */
  public static final Stability UNKNOWN = new Stability(null, null, null);

  public boolean isUnknown() {
    return since == null && unstableFeature == null && deprecated == null;
  }
}
