package dev.componentize.core.component.binary;

import dev.componentize.core.component.types.BorrowType;
import dev.componentize.core.component.types.Case;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.EnumType;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FlagsType;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.OwnType;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResultType;
import dev.componentize.core.component.types.StreamType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.component.types.VariantType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns structural {@link ComponentValType}s into indexed type definitions of one type index space:
 * a component's, or the declarators of an instance or component type.
 *
 * <p>Anonymous types (lists, options, records, ...) are defined on first use and reused after that,
 * so each distinct type is defined once per scope. Named types and resources are not defined here:
 * the scope's owner decides what index they have ({@link #named}), e.g. an export inside an
 * instance type, an alias of an imported instance's export, or an imported type.
 */
public abstract class TypeIndexScope {
  private final Map<ComponentValType, Integer> anonymous = new HashMap<>();
  private final Map<ComponentFuncType, Integer> functions = new HashMap<>();

  /** Adds {@code def} to this scope's type index space and returns its index. */
  protected abstract int define(IndexedTypeDef def);

  /** The index that stands for the named type or resource {@code type} in this scope. */
  protected abstract int named(ExportedType type);

  /** The {@code valtype} for {@code type}: inline if primitive, else an index. */
  public TypeRef valType(ComponentValType type) {
    if (type instanceof PrimitiveType p) {
      return TypeRef.of(p);
    }
    return TypeRef.index(index(type));
  }

  /**
   * A type index for {@code type}, defining a primitive as its own type if needed (used as the body
   * of WIT aliases such as {@code type id = u64}).
   */
  public int index(ComponentValType type) {
    if (type instanceof NamedType named) {
      return named(named);
    }
    Integer known = anonymous.get(type);
    if (known != null) {
      return known;
    }
    // Define the parts first: their indices must precede this definition.
    IndexedTypeDef def = definition(type);
    int index = define(def);
    anonymous.put(type, index);
    return index;
  }

  /** The index of a named type or resource in this scope. */
  public int indexOf(ExportedType type) {
    return named(type);
  }

  /** A function type index, defined once per distinct {@link ComponentFuncType} in this scope. */
  public int funcType(ComponentFuncType type) {
    Integer known = functions.get(type);
    if (known != null) {
      return known;
    }
    List<IndexedTypeDef.Labelled> params =
        type.params().stream()
            .map(p -> new IndexedTypeDef.Labelled(p.name(), valType(p.type())))
            .toList();
    Optional<TypeRef> result = type.result().map(this::valType);
    int index = define(new IndexedTypeDef.Func(params, result, type.async()));
    functions.put(type, index);
    return index;
  }

  private IndexedTypeDef definition(ComponentValType type) {
    if (type instanceof PrimitiveType p) {
      return new IndexedTypeDef.Primitive(p);
    } else if (type instanceof ListType l) {
      return new IndexedTypeDef.ListOf(valType(l.element()));
    } else if (type instanceof OptionType o) {
      return new IndexedTypeDef.Option(valType(o.some()));
    } else if (type instanceof ResultType r) {
      return new IndexedTypeDef.Result(r.ok().map(this::valType), r.error().map(this::valType));
    } else if (type instanceof TupleType t) {
      return new IndexedTypeDef.Tuple(t.elements().stream().map(this::valType).toList());
    } else if (type instanceof RecordType r) {
      return new IndexedTypeDef.Record(r.fields().stream().map(this::labelled).toList());
    } else if (type instanceof VariantType v) {
      return new IndexedTypeDef.Variant(v.cases().stream().map(this::caseDef).toList());
    } else if (type instanceof EnumType e) {
      return new IndexedTypeDef.Enum(e.cases());
    } else if (type instanceof FlagsType f) {
      return new IndexedTypeDef.Flags(f.flags());
    } else if (type instanceof OwnType o) {
      return new IndexedTypeDef.Own(named(o.resource()));
    } else if (type instanceof BorrowType b) {
      return new IndexedTypeDef.Borrow(named(b.resource()));
    } else if (type instanceof StreamType s) {
      return new IndexedTypeDef.StreamOrFuture(false, s.element().map(this::valType));
    } else if (type instanceof FutureType f) {
      return new IndexedTypeDef.StreamOrFuture(true, f.value().map(this::valType));
    }
    throw new IllegalArgumentException("no definition for " + type);
  }

  private IndexedTypeDef.Labelled labelled(Field field) {
    return new IndexedTypeDef.Labelled(field.name(), valType(field.type()));
  }

  private IndexedTypeDef.CaseDef caseDef(Case c) {
    return new IndexedTypeDef.CaseDef(c.name(), c.payload().map(this::valType));
  }
}
