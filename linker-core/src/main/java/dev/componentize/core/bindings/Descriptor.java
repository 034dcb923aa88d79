package dev.componentize.core.bindings;

import java.util.List;

/**
 * The per-world type descriptor (docs/design/python-glue.md, "The descriptor blob") and the Python
 * classes its {@code python_class} fields index.
 *
 * @param blob the descriptor bytes, placed in libworld.so's memory as {@code componentize_world}
 * @param classes Python expressions, in {@code python_class} order, that {@code wit_world} passes
 *     to {@code _componentize.register} (a class, or a tuple of a variant's case classes)
 */
public record Descriptor(byte[] blob, List<String> classes) {
  public Descriptor {
    blob = blob.clone();
    classes = List.copyOf(classes);
  }

  @Override
  public byte[] blob() {
    return blob.clone();
  }
}
