package dev.componentize.core.abi;

import java.util.Objects;
import java.util.Optional;

/**
 * One native library to compare with the runtime.
 *
 * @param label how messages name the library: for an extension module its path in site-packages
 *     (e.g. {@code fastmath/_core.cpython-313-wasm32-wasi.so}), whose file name carries the CPython
 *     ABI tag
 * @param bytes the library's binary; the check reads it and never changes it, and the caller must
 *     not change it while the check runs
 * @param wheel the file name of the wheel it came from, if any (its tags are weaker evidence)
 * @param extensionModule whether CPython imports it as an extension module, so its file name must
 *     carry an ABI tag the runtime imports
 */
public record CandidateLibrary(
    String label, byte[] bytes, Optional<String> wheel, boolean extensionModule) {

  public CandidateLibrary {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(wheel, "wheel");
    if (label.isEmpty()) {
      throw new IllegalArgumentException("library label is empty");
    }
  }

  /** An extension module unpacked from {@code wheel}. */
  public static CandidateLibrary extensionFromWheel(String label, byte[] bytes, String wheel) {
    return new CandidateLibrary(label, bytes, Optional.of(wheel), true);
  }

  /** An extension module that came from no wheel (e.g. a local build). */
  public static CandidateLibrary extension(String label, byte[] bytes) {
    return new CandidateLibrary(label, bytes, Optional.empty(), true);
  }

  /** A library other libraries need, not imported by CPython (e.g. a shared helper library). */
  public static CandidateLibrary library(String label, byte[] bytes) {
    return new CandidateLibrary(label, bytes, Optional.empty(), false);
  }

  /** The last path element of the label. */
  public String fileName() {
    return label.substring(label.lastIndexOf('/') + 1);
  }

  /** {@code label} followed by {@code (from <wheel>)} when there is a wheel. */
  public String describe() {
    return wheel.map(w -> label + " (from " + w + ")").orElse(label);
  }
}
