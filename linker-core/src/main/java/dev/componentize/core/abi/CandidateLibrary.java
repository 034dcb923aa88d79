package dev.componentize.core.abi;

import dev.componentize.core.wheel.ExtensionModule;
import dev.componentize.core.wheel.UnpackedWheel;
import dev.componentize.core.wheel.WheelName;
import dev.componentize.core.wheel.WheelTag;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
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
 * @param wheel the file name of the wheel it came from, if any
 * @param wheelPlatformTags the platform tags of that wheel (PEP 425), e.g. {@code
 *     wasi_0_0_0_wasm32}: weaker evidence of what the library was built for
 * @param extensionModule whether CPython imports it as an extension module, so its file name must
 *     carry an ABI tag the runtime imports
 */
public record CandidateLibrary(
    String label,
    byte[] bytes,
    Optional<String> wheel,
    List<String> wheelPlatformTags,
    boolean extensionModule) {

  public CandidateLibrary {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(wheel, "wheel");
    wheelPlatformTags = List.copyOf(wheelPlatformTags);
    if (label.isEmpty()) {
      throw new IllegalArgumentException("library label is empty");
    }
  }

  /**
   * An extension module from the wheel named {@code wheel}; the platform tags are taken from the
   * wheel's file name when it follows the wheel naming convention (PEP 427).
   */
  public static CandidateLibrary extensionFromWheel(String label, byte[] bytes, String wheel) {
    List<String> tags = WheelName.tryParse(wheel).map(WheelName::platformTags).orElse(List.of());
    return new CandidateLibrary(label, bytes, Optional.of(wheel), tags, true);
  }

  /**
   * An extension module of an unpacked wheel, read from disk; the platform tags are the ones the
   * wheel declares (its WHEEL file, else its file name), which also works for a wheel taken from a
   * Maven repository under another file name.
   */
  public static CandidateLibrary of(UnpackedWheel wheel, ExtensionModule module)
      throws IOException {
    String label = module.relativePath().toString().replace('\\', '/');
    List<String> tags = wheel.wheel().tags().stream().map(WheelTag::platform).distinct().toList();
    return new CandidateLibrary(
        label,
        Files.readAllBytes(module.path()),
        Optional.of(wheel.wheel().file().getFileName().toString()),
        tags,
        true);
  }

  /** An extension module that came from no wheel (e.g. a local build). */
  public static CandidateLibrary extension(String label, byte[] bytes) {
    return new CandidateLibrary(label, bytes, Optional.empty(), List.of(), true);
  }

  /** A library other libraries need, not imported by CPython (e.g. libc.so, a helper library). */
  public static CandidateLibrary library(String label, byte[] bytes) {
    return new CandidateLibrary(label, bytes, Optional.empty(), List.of(), false);
  }

  /** The last path element of the label. */
  public String fileName() {
    return label.substring(label.lastIndexOf('/') + 1);
  }
}
