package dev.componentize.core.component.binary;

import dev.componentize.core.component.types.ExportedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Collects the declarators of an instance or component type and numbers its type index space, which
 * starts empty for every such type (Binary.md, notes on type definitions: "each component and
 * instance type is validated with an initially-empty type index space").
 */
public final class TypeDeclarations {
  private final List<Declaration> declarations = new ArrayList<>();
  private int types;

  /** Number of types declared so far. */
  public int typeCount() {
    return types;
  }

  public int type(IndexedTypeDef def) {
    declarations.add(new Declaration.Type(def));
    return types++;
  }

  /** {@code (alias outer count index (type))}: a type of an enclosing scope. */
  public int outerType(int count, int index) {
    declarations.add(new Declaration.Alias(new Alias.Outer(Sort.TYPE, count, index)));
    return types++;
  }

  /** Exports a type; the export introduces a new type index, which is returned. */
  public int exportType(String name, ExternDesc bound) {
    requireTypeBound(bound);
    declarations.add(new Declaration.Export(name, bound));
    return types++;
  }

  /** Exports a function of type {@code funcType}. */
  public void exportFunc(String name, int funcType) {
    declarations.add(new Declaration.Export(name, new ExternDesc.Func(funcType)));
  }

  /** Exports a non-type item (instance, component, module). */
  public void export(String name, ExternDesc desc) {
    Objects.requireNonNull(desc, "desc");
    if (desc.sort() == Sort.TYPE) {
      exportType(name, desc);
      return;
    }
    declarations.add(new Declaration.Export(name, desc));
  }

  /** Imports a type (component types only); returns the new type index. */
  public int importType(String name, ExternDesc bound) {
    requireTypeBound(bound);
    declarations.add(new Declaration.Import(name, bound));
    return types++;
  }

  public IndexedTypeDef.Instance toInstanceType() {
    return new IndexedTypeDef.Instance(declarations);
  }

  public IndexedTypeDef.Component toComponentType() {
    return new IndexedTypeDef.Component(declarations);
  }

  /** A scope whose anonymous types are declared here and whose named types {@code named} maps. */
  public TypeIndexScope scope(ToIntFunction<ExportedType> named) {
    TypeDeclarations self = this;
    return new TypeIndexScope() {
      @Override
      protected int define(IndexedTypeDef def) {
        return self.type(def);
      }

      @Override
      protected int named(ExportedType type) {
        return named.applyAsInt(type);
      }
    };
  }

  private static void requireTypeBound(ExternDesc bound) {
    if (!(bound instanceof ExternDesc.TypeEq) && !(bound instanceof ExternDesc.SubResource)) {
      throw new IllegalArgumentException("not a type bound: " + bound);
    }
  }
}
