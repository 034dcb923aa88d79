package dev.componentize.core.bindings;

import dev.componentize.core.component.types.BorrowType;
import dev.componentize.core.component.types.Case;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.EnumType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FlagsType;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.OwnType;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.ResultType;
import dev.componentize.core.component.types.StreamType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.VariantType;
import dev.componentize.core.wit.Function;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.Type;
import dev.componentize.core.wit.TypeDef;
import dev.componentize.core.wit.TypeDefKind;
import dev.componentize.core.wit.TypeOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Structural component-model types of WIT types, so that the canonical ABI rules of {@code
 * component.canon} (flattening, sizes) apply to a resolved world's functions. Names are dropped:
 * the canonical ABI ignores them.
 */
final class CanonTypes {
  private final Resolve resolve;

  CanonTypes(Resolve resolve) {
    this.resolve = resolve;
  }

  /** The component function type of {@code function}. */
  ComponentFuncType function(Function function) {
    List<Field> params = new ArrayList<>();
    for (Function.Param p : function.params()) {
      params.add(new Field(p.name(), of(p.type(), function.name())));
    }
    return new ComponentFuncType(
        params,
        Optional.ofNullable(
            function.result() == null ? null : of(function.result(), function.name())),
        function.async());
  }

  /**
   * The structural type of {@code type}.
   *
   * @param where what uses the type, for the error message
   * @throws BindingsException for types the Python glue does not carry
   */
  ComponentValType of(Type type, String where) {
    if (type instanceof Type.Primitive p) {
      return PrimitiveType.valueOf(p.name());
    } else if (type instanceof Type.Named named) {
      return definition(resolve.unalias(named.id()), where);
    } else if (type instanceof Type.ListType list) {
      return new ListType(of(list.element(), where));
    } else if (type instanceof Type.OptionType option) {
      return new OptionType(of(option.some(), where));
    } else if (type instanceof Type.ResultType result) {
      return new ResultType(optional(result.ok(), where), optional(result.err(), where));
    } else if (type instanceof Type.TupleType tuple) {
      List<ComponentValType> elements = new ArrayList<>();
      for (Type element : tuple.elements()) {
        elements.add(of(element, where));
      }
      return new TupleType(elements);
    } else if (type instanceof Type.Handle handle) {
      ResourceType resource = resource(resolve.unalias(handle.resource()));
      return handle.kind() == Type.HandleKind.OWN
          ? new OwnType(resource)
          : new BorrowType(resource);
    } else if (type instanceof Type.FixedListType) {
      throw unsupported("fixed-size list", where);
    } else if (type instanceof Type.FutureType future) {
      return new FutureType(optional(future.payload(), where));
    } else {
      return new StreamType(optional(((Type.StreamType) type).payload(), where));
    }
  }

  private Optional<ComponentValType> optional(Type type, String where) {
    return type == null ? Optional.empty() : Optional.of(of(type, where));
  }

  private ComponentValType definition(TypeDef def, String where) {
    TypeDefKind kind = def.kind();
    if (kind instanceof TypeDefKind.Alias alias) {
      return of(alias.target(), where);
    } else if (kind instanceof TypeDefKind.Record record) {
      List<Field> fields = new ArrayList<>();
      for (TypeDefKind.Field f : record.fields()) {
        fields.add(new Field(f.name(), of(f.type(), where)));
      }
      return new RecordType(fields);
    } else if (kind instanceof TypeDefKind.Variant variant) {
      List<Case> cases = new ArrayList<>();
      for (TypeDefKind.Case c : variant.cases()) {
        cases.add(new Case(c.name(), optional(c.payload(), where)));
      }
      return new VariantType(cases);
    } else if (kind instanceof TypeDefKind.Enum e) {
      return new EnumType(e.cases().stream().map(TypeDefKind.Label::name).toList());
    } else if (kind instanceof TypeDefKind.Flags f) {
      return new FlagsType(f.flags().stream().map(TypeDefKind.Label::name).toList());
    }
    throw new BindingsException(
        "resource " + def.name() + " used as a value in " + where + ": expected own or borrow");
  }

  private ResourceType resource(TypeDef def) {
    String owner =
        def.owner() instanceof TypeOwner.OfInterface i ? resolve.interfaceName(i.id()) : "";
    return new ResourceType(new TypeName(owner == null ? "" : owner, def.name()));
  }

  private static BindingsException unsupported(String what, String where) {
    return new BindingsException(
        what + " in " + where + " is not supported by the Python bindings yet");
  }
}
