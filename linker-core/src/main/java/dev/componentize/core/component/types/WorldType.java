package dev.componentize.core.component.types;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A world reduced to what a component's type needs: the interfaces and functions it imports and
 * exports, in WIT order (Explainer.md, "Component types"; WIT.md, "WIT Worlds").
 */
public record WorldType(List<ComponentWorldItem> imports, List<ComponentWorldItem> exports) {
  public WorldType {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
    requireUnique("import", imports);
    requireUnique("export", exports);
  }

  private static void requireUnique(String what, List<ComponentWorldItem> items) {
    Set<String> names = new HashSet<>();
    for (ComponentWorldItem item : items) {
      if (!names.add(item.name())) {
        throw new IllegalArgumentException("duplicate " + what + " '" + item.name() + "'");
      }
    }
  }
}
