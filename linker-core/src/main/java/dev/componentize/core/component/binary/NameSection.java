package dev.componentize.core.component.binary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The component {@code name} custom section (Binary.md, "Name Section"): a custom section named
 * {@code component-name} holding an optional component name (subsection 0) and, per sort, a map
 * from index to name (subsection 1, each sort at most once). Tools such as {@code wasm-tools print}
 * show these names; engines ignore them, so they only help people read our output.
 */
public final class NameSection {
  private String componentName;
  private final Map<Sort, TreeMap<Integer, String>> names = new EnumMap<>(Sort.class);

  public NameSection component(String name) {
    this.componentName = Objects.requireNonNull(name, "name");
    return this;
  }

  /** ExternNames item {@code index} of {@code sort}; a later name for the same item replaces it. */
  public NameSection name(Sort sort, int index, String name) {
    names.computeIfAbsent(sort, s -> new TreeMap<>()).put(index, Objects.requireNonNull(name));
    return this;
  }

  public boolean isEmpty() {
    return componentName == null && names.isEmpty();
  }

  /** Appends the section to {@code builder}: sorts in declaration order, indices ascending. */
  public void writeTo(ComponentBuilder builder) {
    BinaryWriter data = new BinaryWriter();
    if (componentName != null) {
      byte[] sub = new BinaryWriter().name(componentName).toByteArray();
      data.u8(0x00).u32(sub.length).bytes(sub);
    }
    List<Sort> sorts = new ArrayList<>(names.keySet());
    for (Sort sort : sorts) {
      BinaryWriter sub = new BinaryWriter();
      sort.write(sub);
      TreeMap<Integer, String> map = names.get(sort);
      sub.u32(map.size());
      map.forEach((index, name) -> sub.u32(index).name(name));
      byte[] bytes = sub.toByteArray();
      data.u8(0x01).u32(bytes.length).bytes(bytes);
    }
    builder.custom("component-name", data.toByteArray());
  }
}
