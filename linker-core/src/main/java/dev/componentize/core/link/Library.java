package dev.componentize.core.link;

import java.util.Objects;

/**
 * One position-independent wasm library to link.
 *
 * @param name the library's name as other libraries list it in {@code dylink.0} "needed" (for
 *     example {@code libc.so}); for a dl-openable library, the exact path CPython will pass to
 *     {@code dlopen}
 * @param bytes the library's binary
 * @param dlOpenable whether {@code dlopen}/{@code dlsym} must find this library and its exports at
 *     run time (native extension modules are)
 */
public record Library(String name, byte[] bytes, boolean dlOpenable) {
  public Library {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bytes, "bytes");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("library name is empty");
    }
  }

  /** A library that is linked because others need it, not opened with {@code dlopen}. */
  public static Library of(String name, byte[] bytes) {
    return new Library(name, bytes, false);
  }

  /** A library that {@code dlopen} must be able to find under {@code name}. */
  public static Library dlOpenable(String name, byte[] bytes) {
    return new Library(name, bytes, true);
  }
}
