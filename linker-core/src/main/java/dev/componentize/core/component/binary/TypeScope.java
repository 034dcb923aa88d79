package dev.componentize.core.component.binary;

import dev.componentize.core.component.types.BorrowType;
import dev.componentize.core.component.types.Case;
import dev.componentize.core.component.types.EnumType;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FlagsType;
import dev.componentize.core.component.types.FuncType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.OwnType;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResultType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.component.types.ValType;
import dev.componentize.core.component.types.VariantType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns structural {@link ValType}s into indexed type definitions of one type index space: a
 * component's, or the declarators of an instance or component type.
 *
 * <p>Anonymous types (lists, options, records, ...) are defined on first use and reused after that,
 * so each distinct type is defined once per scope. Named types and resources are not defined here:
 * the scope's owner decides what index they have ({@link #named}), e.g. an export inside an
 * instance type, an alias of an imported instance's export, or an imported type.
 */
public abstract class TypeScope {
  private final Map<ValType, Integer> anonymous = new HashMap<>();
  private final Map<FuncType, Integer> functions = new HashMap<>();

  /** Adds {@code def} to this scope's type index space and returns its index. */
  protected abstract int define(TypeDef def);

  /** The index that stands for the named type or resource {@code type} in this scope. */
  protected abstract int named(ExportedType type);

  /** The {@code valtype} for {@code type}: inline if primitive, else an index. */
  public TypeRef valType(ValType type) {
    if (type instanceof PrimitiveType p) {
      return TypeRef.of(p);
    }
    return TypeRef.index(index(type));
  }

  /**
   * A type index for {@code type}, defining a primitive as its own type if needed (used as the body
   * of WIT aliases such as {@code type id = u64}).
   */
  public int index(ValType type) {
    if (type instanceof NamedType named) {
      return named(named);
    }
    Integer known = anonymous.get(type);
    if (known != null) {
      return known;
    }
    // Define the parts first: their indices must precede this definition.
    TypeDef def = definition(type);
    int index = define(def);
    anonymous.put(type, index);
    return index;
  }

  /** The index of a named type or resource in this scope. */
  public int indexOf(ExportedType type) {
    return named(type);
  }

  /** A function type index, defined once per distinct {@link FuncType} in this scope. */
  public int funcType(FuncType type) {
    Integer known = functions.get(type);
    if (known != null) {
      return known;
    }
    List<TypeDef.Labelled> params =
        type.params().stream().map(p -> new TypeDef.Labelled(p.name(), valType(p.type()))).toList();
    Optional<TypeRef> result = type.result().map(this::valType);
    int index = define(new TypeDef.Func(params, result, type.async()));
    functions.put(type, index);
    return index;
  }

  private TypeDef definition(ValType type) {
    if (type instanceof PrimitiveType p) {
      return new TypeDef.Primitive(p);
    } else if (type instanceof ListType l) {
      return new TypeDef.ListOf(valType(l.element()));
    } else if (type instanceof OptionType o) {
      return new TypeDef.Option(valType(o.some()));
    } else if (type instanceof ResultType r) {
      return new TypeDef.Result(r.ok().map(this::valType), r.error().map(this::valType));
    } else if (type instanceof TupleType t) {
      return new TypeDef.Tuple(t.elements().stream().map(this::valType).toList());
    } else if (type instanceof RecordType r) {
      return new TypeDef.Record(r.fields().stream().map(this::labelled).toList());
    } else if (type instanceof VariantType v) {
      return new TypeDef.Variant(v.cases().stream().map(this::caseDef).toList());
    } else if (type instanceof EnumType e) {
      return new TypeDef.Enum(e.cases());
    } else if (type instanceof FlagsType f) {
      return new TypeDef.Flags(f.flags());
    } else if (type instanceof OwnType o) {
      return new TypeDef.Own(named(o.resource()));
    } else if (type instanceof BorrowType b) {
      return new TypeDef.Borrow(named(b.resource()));
    }
    throw new IllegalArgumentException("no definition for " + type);
  }

  private TypeDef.Labelled labelled(Field field) {
    return new TypeDef.Labelled(field.name(), valType(field.type()));
  }

  private TypeDef.CaseDef caseDef(Case c) {
    return new TypeDef.CaseDef(c.name(), c.payload().map(this::valType));
  }
}
