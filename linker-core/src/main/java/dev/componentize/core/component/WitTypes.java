package dev.componentize.core.component;

import dev.componentize.core.component.types.Case;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.EnumType;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FlagsType;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.ResultType;
import dev.componentize.core.component.types.StreamType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.UsedType;
import dev.componentize.core.component.types.VariantType;
import dev.componentize.core.wit.Function;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.Type;
import dev.componentize.core.wit.TypeDef;
import dev.componentize.core.wit.TypeDefKind;
import dev.componentize.core.wit.TypeId;
import dev.componentize.core.wit.TypeOwner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one translation of resolved WIT types ({@code dev.componentize.core.wit} {@link Type} and
 * {@link TypeDef}) into the component-model types of {@code component.types}. The world encoder
 * ({@link WitWorlds}) and the bindings (their canonical ABI signatures) both take their types from
 * here, so both see the same model of a world's types.
 *
 * <ul>
 *   <li>a type WIT declares with a name is a {@link NamedType} under its owner's name ({@code
 *       ns:pkg/name@version}, or empty for a world-level type); the canonical ABI sees through the
 *       name ({@link ComponentValType#unwrap()});
 *   <li>a reference to a type follows {@code use} aliases to the defining interface, so a
 *       function's types always name the original definition; {@code type a = b} inside one
 *       interface stays a named alias, except when {@code b} is a resource ({@code type headers =
 *       fields} in wasi:http/types): that is a {@link UsedType} of the same interface, and handles
 *       name the resource itself.
 * </ul>
 *
 * {@code stream<T>}, {@code future<T>} and {@code error-context} are their component types
 * (handles). Not supported yet: fixed-size lists; a function using one raises an {@link
 * UnsupportedWitException} that names the construct and the function ({@link
 * UnsupportedWitException#construct()}, {@link UnsupportedWitException#where()}). One instance
 * translates each named type once.
 */
public final class WitTypes {
  private final Resolve resolve;
  private final Map<TypeId, ComponentValType> values = new HashMap<>();

  public WitTypes(Resolve resolve) {
    this.resolve = resolve;
  }

  /**
   * The component function type of {@code function}.
   *
   * @throws UnsupportedWitException if one of its types cannot be carried yet
   */
  public ComponentFuncType functionType(Function function) {
    try {
      List<Field> params = new ArrayList<>();
      for (Function.Param p : function.params()) {
        params.add(new Field(p.name(), value(p.type())));
      }
      Optional<ComponentValType> result = Optional.ofNullable(function.result()).map(this::value);
      return new ComponentFuncType(params, result, function.async());
    } catch (UnsupportedWitException e) {
      throw located(e, function.name());
    }
  }

  /** {@code e} naming {@code where}, if it is an unsupported type that does not name it yet. */
  private static UnsupportedWitException located(UnsupportedWitException e, String where) {
    return e.construct() != null && e.where() == null
        ? UnsupportedWitException.type(e.construct(), where)
        : e;
  }

  /** {@code function} under the name it is exported or imported by. */
  public ComponentFunction function(Function function) {
    return new ComponentFunction(function.externName(), functionType(function));
  }

  /**
   * A type as its owner exports it.
   *
   * @throws UnsupportedWitException if the type cannot be carried yet
   */
  public ExportedType exported(TypeId id) {
    try {
      return exportedType(id);
    } catch (UnsupportedWitException e) {
      throw located(e, "type '" + resolve.type(id).name() + "'");
    }
  }

  private ExportedType exportedType(TypeId id) {
    TypeDef def = resolve.type(id);
    TypeName name = new TypeName(owner(def), def.name());
    if (def.kind() instanceof TypeDefKind.Resource) {
      return new ResourceType(name);
    }
    TypeId target = useTarget(def);
    if (target != null) {
      return new UsedType(name, exportedType(target));
    }
    if (def.kind() instanceof TypeDefKind.Alias alias
        && alias.target() instanceof Type.Named named
        && resolve.unalias(named.id()).kind() instanceof TypeDefKind.Resource) {
      // type headers = fields: the same resource under a second name of the same interface.
      return new UsedType(name, exportedType(named.id()));
    }
    return (NamedType) value(id);
  }

  /** For {@code use} (an alias of a type another owner defines), that type; else null. */
  private TypeId useTarget(TypeDef def) {
    if (def.kind() instanceof TypeDefKind.Alias alias
        && alias.target() instanceof Type.Named named
        && !resolve.type(named.id()).owner().equals(def.owner())) {
      return named.id();
    }
    return null;
  }

  private ComponentValType value(Type type) {
    if (type instanceof Type.Primitive p) {
      return PrimitiveType.valueOf(p.name()); // error-context too: a handle, Binary.md 0x64
    } else if (type instanceof Type.Named named) {
      return value(named.id());
    } else if (type instanceof Type.ListType l) {
      return new ListType(value(l.element()));
    } else if (type instanceof Type.OptionType o) {
      return new OptionType(value(o.some()));
    } else if (type instanceof Type.ResultType r) {
      return new ResultType(
          Optional.ofNullable(r.ok()).map(this::value),
          Optional.ofNullable(r.err()).map(this::value));
    } else if (type instanceof Type.TupleType t) {
      return new TupleType(t.elements().stream().map(this::value).toList());
    } else if (type instanceof Type.Handle h) {
      ResourceType resource = resource(h.resource());
      return h.kind() == Type.HandleKind.OWN ? resource.own() : resource.borrow();
    } else if (type instanceof Type.StreamType s) {
      return new StreamType(Optional.ofNullable(s.payload()).map(this::value));
    } else if (type instanceof Type.FutureType f) {
      return new FutureType(Optional.ofNullable(f.payload()).map(this::value));
    }
    throw UnsupportedWitException.type("fixed-size list", null);
  }

  /**
   * The component type of {@code type}, used by {@code where} (named in the error).
   *
   * @throws UnsupportedWitException if it cannot be carried yet
   */
  public ComponentValType valueType(Type type, String where) {
    try {
      return value(type);
    } catch (UnsupportedWitException e) {
      throw located(e, where);
    }
  }

  /** A reference to a named type: {@code use} aliases lead to the defining interface's type. */
  private ComponentValType value(TypeId id) {
    ComponentValType known = values.get(id);
    if (known != null) {
      return known;
    }
    TypeDef def = resolve.type(id);
    TypeId target = useTarget(def);
    ComponentValType result;
    if (target != null) {
      result = value(target);
    } else {
      result = new NamedType(new TypeName(owner(def), def.name()), definition(def));
    }
    values.put(id, result);
    return result;
  }

  private ComponentValType definition(TypeDef def) {
    TypeDefKind kind = def.kind();
    if (kind instanceof TypeDefKind.Record r) {
      return new RecordType(
          r.fields().stream().map(f -> new Field(f.name(), value(f.type()))).toList());
    } else if (kind instanceof TypeDefKind.Variant v) {
      return new VariantType(
          v.cases().stream()
              .map(c -> new Case(c.name(), Optional.ofNullable(c.payload()).map(this::value)))
              .toList());
    } else if (kind instanceof TypeDefKind.Enum e) {
      return new EnumType(e.cases().stream().map(TypeDefKind.Label::name).toList());
    } else if (kind instanceof TypeDefKind.Flags f) {
      return new FlagsType(f.flags().stream().map(TypeDefKind.Label::name).toList());
    } else if (kind instanceof TypeDefKind.Alias alias) {
      return value(alias.target());
    }
    throw new UnsupportedWitException("resource '" + def.name() + "' used as a value type");
  }

  private ResourceType resource(TypeId id) {
    TypeDef def = resolve.unalias(id);
    if (!(def.kind() instanceof TypeDefKind.Resource)) {
      throw new UnsupportedWitException("handle to '" + def.name() + "', which is no resource");
    }
    return new ResourceType(new TypeName(owner(def), def.name()));
  }

  private String owner(TypeDef def) {
    if (def.owner() instanceof TypeOwner.OfInterface i) {
      String name = resolve.interfaceName(i.id());
      if (name == null) {
        throw new UnsupportedWitException(
            "type '" + def.name() + "' of an inline interface is not supported yet");
      }
      return name;
    }
    return "";
  }
}
