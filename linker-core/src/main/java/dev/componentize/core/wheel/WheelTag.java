package dev.componentize.core.wheel;

import java.util.Objects;

/**
 * One compatibility tag triple (PEP 425): interpreter, ABI and platform, e.g. {@code
 * cp313-cp313-wasi_0_0_0_wasm32} or {@code py3-none-any}. Compressed tag sets ({@code
 * py2.py3-none-any}) are expanded into several triples before they become {@code WheelTag}s.
 */
public record WheelTag(String python, String abi, String platform) {
  public WheelTag {
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(abi, "abi");
    Objects.requireNonNull(platform, "platform");
  }

  /** The tag as PEP 425 writes it: {@code python-abi-platform}. */
  @Override
  public String toString() {
    return python + "-" + abi + "-" + platform;
  }
}
