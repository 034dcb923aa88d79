package dev.componentize.core.component;

import dev.componentize.core.component.binary.ExternDesc;
import dev.componentize.core.component.binary.IndexedTypeDef;
import dev.componentize.core.component.binary.TypeDeclarations;
import dev.componentize.core.component.binary.TypeIndexScope;
import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.UsedType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instance type of an imported interface (Binary.md, {@code instancetype}): its own types
 * exported by name ({@code (eq i)} for value types, {@code (sub resource)} for resources), the
 * types it uses from other interfaces reached with {@code (alias outer 1 i)} and exported under
 * their local names, then its functions.
 */
final class ImportedInstanceType {
  private final InterfaceType iface;
  private final TypeDeclarations decls = new TypeDeclarations();
  private final Map<TypeName, ExportedType> own = new LinkedHashMap<>();
  private final Map<TypeName, UsedType> usedByOrigin = new HashMap<>();
  private final Map<TypeName, Integer> local = new HashMap<>();
  private final TypeIndexScope scope;

  private final TypeIndexScope top;

  private ImportedInstanceType(InterfaceType iface, TypeIndexScope top) {
    this.iface = iface;
    this.top = top;
    for (ExportedType t : iface.types()) {
      own.put(t.name(), t);
      if (t instanceof UsedType used && !used.isLocal()) {
        usedByOrigin.put(used.origin().name(), used);
      }
    }
    this.scope = decls.scope(this::resolve);
  }

  /**
   * The instance type of {@code iface}; types of other interfaces are reached through {@code top},
   * the enclosing component's scope, which must already know them.
   */
  static IndexedTypeDef.Instance build(InterfaceType iface, TypeIndexScope top) {
    return new ImportedInstanceType(iface, top).build();
  }

  private IndexedTypeDef.Instance build() {
    for (ExportedType type : iface.types()) {
      declare(type);
    }
    for (ComponentFunction f : iface.functions()) {
      decls.exportFunc(f.name(), scope.funcType(f.type()));
    }
    return decls.toInstanceType();
  }

  /** A reference from a function or type body: local name first, else the outer scope. */
  private int resolve(ExportedType type) {
    Integer known = local.get(type.name());
    if (known != null) {
      return known;
    }
    if (own.containsKey(type.name())) {
      return declare(own.get(type.name()));
    }
    UsedType used = usedByOrigin.get(type.name());
    if (used != null) {
      int index = declare(used);
      local.put(type.name(), index);
      return index;
    }
    int index = decls.outerType(1, top.indexOf(type));
    local.put(type.name(), index);
    return index;
  }

  private int declare(ExportedType type) {
    Integer known = local.get(type.name());
    if (known != null) {
      return known;
    }
    String name = type.name().name();
    int index;
    if (type instanceof ResourceType) {
      index = decls.exportType(name, new ExternDesc.SubResource());
    } else if (type instanceof UsedType used) {
      int target =
          used.isLocal() ? declare(used.target()) : decls.outerType(1, top.indexOf(used.target()));
      index = decls.exportType(name, new ExternDesc.TypeEq(target));
    } else {
      int body = scope.index(((NamedType) type).definition());
      index = decls.exportType(name, new ExternDesc.TypeEq(body));
    }
    local.put(type.name(), index);
    return index;
  }
}
