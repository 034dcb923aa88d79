package dev.componentize.core.wit;

/**
 * Where a function or type definition uses one of the newer WIT features that the later stages may
 * not support yet, kept so that a stage can refuse it with the place it is written.
 *
 * @param feature which feature
 * @param written the construct as written, such as {@code stream<u8>} or {@code async func}
 * @param at where it starts
 */
public record FeatureUse(Feature feature, String written, SourceSpan at) {

  /** The newer features of WIT (component-model {@code WIT.md}, {@code Explainer.md}). */
  public enum Feature {
    /** {@code async func}. */
    ASYNC_FUNCTION("component-model async"),
    /** {@code stream<T>} and {@code stream}. */
    STREAM("component-model async"),
    /** {@code future<T>} and {@code future}. */
    FUTURE("component-model async"),
    /** {@code error-context}. */
    ERROR_CONTEXT("component-model async"),
    /** {@code map<K, V>}. */
    MAP("component-model map type"),
    /** {@code list<T, N>}. */
    FIXED_SIZE_LIST("component-model fixed-size lists"),
    /** {@code import name: ns:pkg/iface;}: an interface imported or exported under a plain name. */
    NAMED_INTERFACE("an interface under a plain name");

    private final String proposal;

    Feature(String proposal) {
      this.proposal = proposal;
    }

    /** The component-model proposal the feature belongs to, in words. */
    public String proposal() {
      return proposal;
    }
  }
}
