package dev.componentize.core.component;

import dev.componentize.core.component.binary.ComponentBuilder;
import dev.componentize.core.component.binary.ExternDesc;
import dev.componentize.core.component.binary.IndexedTypeDef;
import dev.componentize.core.component.binary.Sort;
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
import java.util.Optional;

/**
 * The nested component through which an exported interface gets its instance type.
 *
 * <p>A component may only export a function whose types are named by an import or export
 * (Binary.md, "Import and Export Definitions", validation notes), and WIT names come back from a
 * binary only through such exports. The nested component therefore imports every type the interface
 * mentions ({@code import-type-<name>}) and every lifted function ({@code import-...}), exports the
 * interface's own types under their WIT names (value types as fresh definitions, see {@link
 * #exportType}), and re-exports each function ascribed a type written with those exported names.
 * Instantiating it with the top-level types and functions gives an instance whose type is the
 * interface.
 */
final class NestedExport {
  private final InterfaceType iface;
  private final ComponentBuilder b = new ComponentBuilder();
  private final Map<TypeName, Integer> imported = new HashMap<>();
  private final Map<TypeName, Integer> exported = new HashMap<>();
  private int foreign;

  /** Import name to the type the instantiation must supply for it, in import order. */
  final Map<String, ExportedType> importedTypes = new LinkedHashMap<>();

  NestedExport(InterfaceType iface) {
    this.iface = iface;
  }

  /** The name under which the nested component imports the lifted function {@code f}. */
  static String funcImportName(ComponentFunction f) {
    String name = f.name();
    if (name.startsWith("[constructor]")) {
      return "import-constructor-" + name.substring("[constructor]".length());
    } else if (name.startsWith("[method]")) {
      return "import-method-" + name.substring("[method]".length()).replace('.', '-');
    } else if (name.startsWith("[static]")) {
      return "import-static-" + name.substring("[static]".length()).replace('.', '-');
    }
    return "import-func-" + name;
  }

  byte[] encode() {
    TypeIndexScope imports = scope(this::importType);
    TypeIndexScope exports = scope(this::exportedOrImported);
    for (ExportedType type : iface.types()) {
      importType(imports, type instanceof UsedType used ? used.origin() : type);
    }
    Map<String, Integer> funcs = new LinkedHashMap<>();
    for (ComponentFunction f : iface.functions()) {
      int type = imports.funcType(f.type());
      funcs.put(f.name(), b.importItem(funcImportName(f), new ExternDesc.Func(type)));
    }
    for (ExportedType type : iface.types()) {
      exportType(exports, type);
    }
    for (ComponentFunction f : iface.functions()) {
      int type = exports.funcType(f.type());
      b.export(f.name(), Sort.FUNC, funcs.get(f.name()), Optional.of(new ExternDesc.Func(type)));
    }
    return b.toBytes();
  }

  private interface Resolver {
    int resolve(TypeIndexScope scope, ExportedType type);
  }

  private TypeIndexScope scope(Resolver resolver) {
    ComponentBuilder builder = b;
    TypeIndexScope[] self = new TypeIndexScope[1];
    self[0] =
        new TypeIndexScope() {
          @Override
          protected int define(IndexedTypeDef def) {
            return builder.type(def);
          }

          @Override
          protected int named(ExportedType type) {
            return resolver.resolve(self[0], type);
          }
        };
    return self[0];
  }

  /** Imports {@code type} (once): a fresh resource, or a type equal to its definition. */
  private int importType(TypeIndexScope scope, ExportedType type) {
    Integer known = imported.get(type.name());
    if (known != null) {
      return known;
    }
    boolean own = type.name().owner().equals(iface.name());
    String name = "import-type-" + type.name().name() + (own ? "" : "-f" + ++foreign);
    int index;
    if (type instanceof ResourceType) {
      index = b.importItem(name, new ExternDesc.SubResource());
    } else {
      int body = scope.index(((NamedType) type).definition());
      index = b.importItem(name, new ExternDesc.TypeEq(body));
    }
    imported.put(type.name(), index);
    importedTypes.put(name, type);
    return index;
  }

  /**
   * After the exports: the interface's own types by their exported index, types it uses by the
   * local name it exports them under, others as imported.
   */
  private int exportedOrImported(TypeIndexScope scope, ExportedType type) {
    if (type.name().owner().equals(iface.name())) {
      return exportType(scope, type);
    }
    for (ExportedType t : iface.types()) {
      if (t instanceof UsedType used && used.origin().name().equals(type.name())) {
        return exportType(scope, used);
      }
    }
    return importType(scope, type);
  }

  /**
   * Exports one of the interface's own types (once). A resource is re-exported as imported. A value
   * type is exported as a fresh definition written in terms of exported names: exporting the
   * imported type itself would make the outer instance's type refer to an anonymous top-level type,
   * which validation rejects ("instance not valid to be used as export").
   */
  private int exportType(TypeIndexScope scope, ExportedType type) {
    Integer known = exported.get(type.name());
    if (known != null) {
      return known;
    }
    int definition;
    if (type instanceof NamedType named) {
      definition = scope.index(named.definition());
    } else if (type instanceof UsedType used && used.isLocal()) {
      definition = exportType(scope, used.target());
    } else if (type instanceof UsedType used) {
      definition = imported.get(used.origin().name());
    } else {
      definition = imported.get(type.name());
    }
    int index = b.export(type.name().name(), Sort.TYPE, definition, Optional.empty());
    exported.put(type.name(), index);
    return index;
  }
}
