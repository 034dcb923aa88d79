package dev.componentize.core.component;

import dev.componentize.core.component.types.Case;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.EnumType;
import dev.componentize.core.component.types.ExportedType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FlagsType;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.component.types.InterfaceType;
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
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Interface;
import dev.componentize.core.wit.InterfaceId;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.Type;
import dev.componentize.core.wit.TypeDef;
import dev.componentize.core.wit.TypeDefKind;
import dev.componentize.core.wit.TypeId;
import dev.componentize.core.wit.TypeOwner;
import dev.componentize.core.wit.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a resolved WIT world ({@code dev.componentize.core.wit}) to the component type model the
 * encoder takes (component-model WIT.md to Explainer.md: "interfaces become instance types, worlds
 * become component types").
 *
 * <ul>
 *   <li>an interface becomes an {@link InterfaceType} named {@code ns:pkg/name@version}, with its
 *       types in source order: resources as {@link ResourceType}, {@code use}d names as {@link
 *       UsedType}, everything else as {@link NamedType};
 *   <li>a reference to a type follows {@code use} aliases to the defining interface, so a
 *       function's types always name the original definition; {@code type a = b} inside one
 *       interface stays a named alias, except when {@code b} is a resource ({@code type headers =
 *       fields} in wasi:http/types): that is a {@link UsedType} of the same interface, and handles
 *       name the resource itself;
 *   <li>world-level functions become {@link ComponentFunction}s; world-level types are imported by
 *       name when a function refers to them.
 * </ul>
 *
 * {@code async func} becomes an async {@link FuncType}; {@code stream}, {@code future} and {@code
 * error-context} their component types. Not supported: fixed-size lists, inline (unnamed)
 * interfaces; they raise {@link UnsupportedWitException}.
 */
public final class WitWorlds {
  private final Resolve resolve;
  private final Map<TypeId, ComponentValType> values = new HashMap<>();

  private WitWorlds(Resolve resolve) {
    this.resolve = resolve;
  }

  /**
   * The component-level shape of {@code world}.
   *
   * @throws UnsupportedWitException if the world uses a construct the encoder cannot carry yet
   */
  public static WorldType toWorldType(Resolve resolve, World world) {
    WitWorlds mapper = new WitWorlds(resolve);
    return new WorldType(mapper.items(world.imports()), mapper.items(world.exports()));
  }

  private List<ComponentWorldItem> items(Map<String, dev.componentize.core.wit.WorldItem> items) {
    List<ComponentWorldItem> out = new ArrayList<>();
    for (Map.Entry<String, dev.componentize.core.wit.WorldItem> entry : items.entrySet()) {
      dev.componentize.core.wit.WorldItem item = entry.getValue();
      if (item instanceof dev.componentize.core.wit.WorldItem.InterfaceItem i) {
        out.add(iface(i.id()));
      } else if (item instanceof dev.componentize.core.wit.WorldItem.FunctionItem f) {
        out.add(function(f.function()));
      }
      // TypeItems need no entry: a world-level type is imported when a function refers to it.
    }
    return out;
  }

  private InterfaceType iface(InterfaceId id) {
    Interface iface = resolve.iface(id);
    String name = resolve.interfaceName(id);
    if (name == null) {
      throw new UnsupportedWitException(
          "inline interfaces are not supported yet; give the interface a name");
    }
    List<ExportedType> types = new ArrayList<>();
    for (TypeId typeId : iface.types().values()) {
      types.add(exported(typeId));
    }
    List<ComponentFunction> functions = new ArrayList<>();
    for (dev.componentize.core.wit.Function f : iface.functions().values()) {
      functions.add(function(f));
    }
    return new InterfaceType(name, types, functions);
  }

  /** A type as its owner exports it. */
  private ExportedType exported(TypeId id) {
    TypeDef def = resolve.type(id);
    TypeName name = new TypeName(owner(def), def.name());
    if (def.kind() instanceof TypeDefKind.Resource) {
      return new ResourceType(name);
    }
    TypeId target = useTarget(def);
    if (target != null) {
      return new UsedType(name, exported(target));
    }
    if (def.kind() instanceof TypeDefKind.Alias alias
        && alias.target() instanceof Type.Named named
        && resolve.unalias(named.id()).kind() instanceof TypeDefKind.Resource) {
      // type headers = fields: the same resource under a second name of the same interface.
      return new UsedType(name, exported(named.id()));
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

  private ComponentFunction function(dev.componentize.core.wit.Function f) {
    List<Field> params = new ArrayList<>();
    for (dev.componentize.core.wit.Function.Param p : f.params()) {
      params.add(new Field(p.name(), value(p.type())));
    }
    Optional<ComponentValType> result = Optional.ofNullable(f.result()).map(this::value);
    return new ComponentFunction(f.externName(), new ComponentFuncType(params, result, f.async()));
  }

  private ComponentValType value(Type type) {
    if (type instanceof Type.Primitive p) {
      return primitive(p);
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
    throw new UnsupportedWitException("WIT type " + type + " is not supported yet");
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

  private static PrimitiveType primitive(Type.Primitive p) {
    return PrimitiveType.valueOf(p.name());
  }
}
