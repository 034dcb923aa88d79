package dev.componentize.core.component;

import static dev.componentize.core.component.types.PrimitiveType.BOOL;
import static dev.componentize.core.component.types.PrimitiveType.CHAR;
import static dev.componentize.core.component.types.PrimitiveType.F32;
import static dev.componentize.core.component.types.PrimitiveType.F64;
import static dev.componentize.core.component.types.PrimitiveType.S16;
import static dev.componentize.core.component.types.PrimitiveType.S32;
import static dev.componentize.core.component.types.PrimitiveType.S64;
import static dev.componentize.core.component.types.PrimitiveType.S8;
import static dev.componentize.core.component.types.PrimitiveType.STRING;
import static dev.componentize.core.component.types.PrimitiveType.U16;
import static dev.componentize.core.component.types.PrimitiveType.U32;
import static dev.componentize.core.component.types.PrimitiveType.U64;
import static dev.componentize.core.component.types.PrimitiveType.U8;

import dev.componentize.core.component.types.Case;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.EnumType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FlagsType;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.ResultType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.VariantType;
import dev.componentize.core.component.types.WorldType;
import java.util.ArrayList;
import java.util.List;

/**
 * The world of {@code src/test/c/component/kitchen.wit}, built with the component type model the
 * way the WIT-to-component mapping will build it.
 */
final class KitchenWorld {
  static final String HOST = "test:kitchen/host@0.1.0";
  static final String API = "test:kitchen/api@0.1.0";

  private KitchenWorld() {}

  static WorldType world() {
    InterfaceType host =
        new InterfaceType(
            HOST,
            List.of(),
            List.of(
                fn("log", params("msg", STRING), null),
                fn("random", params(), U32),
                fn("name", params(), STRING)));

    NamedType point = named("point", RecordType.of(new Field("x", S32), new Field("y", S32)));
    NamedType shape =
        named(
            "shape",
            VariantType.of(Case.of("circle", U32), Case.of("rect", point), Case.empty("none")));
    NamedType color = named("color", EnumType.of("red", "green", "blue"));
    NamedType perms = named("perms", FlagsType.of("read", "write", "exec"));
    ResourceType counter = new ResourceType(new TypeName(API, "counter"));

    List<Field> many = new ArrayList<>();
    for (int i = 1; i <= 17; i++) {
      many.add(new Field("a" + i, U32));
    }
    InterfaceType api =
        new InterfaceType(
            API,
            List.of(point, shape, color, perms, counter),
            List.of(
                fn("[constructor]counter", params("start", U32), counter.own()),
                fn("[method]counter.inc", params("self", counter.borrow()), U32),
                fn("[static]counter.zero", params(), counter.own()),
                fn("add", params("a", U32, "b", U32), U32),
                fn("negate", params("x", S64), S64),
                fn("scale", params("x", F64, "k", F32), F64),
                fn("invert", params("b", BOOL), BOOL),
                fn("next-char", params("c", CHAR), CHAR),
                fn("mix-small", params("a", S8, "b", U8, "c", S16, "d", U16), S32),
                fn("greet", params("name", STRING), STRING),
                fn("sum", params("xs", new ListType(U32)), U64),
                fn("reverse-words", params("words", new ListType(STRING)), new ListType(STRING)),
                fn("translate", params("p", point, "dx", S32), point),
                fn("swap", params("t", TupleType.of(U32, STRING)), TupleType.of(STRING, U32)),
                fn("area", params("s", shape), U32),
                fn("make-shape", params("kind", U8), shape),
                fn("next-color", params("c", color), color),
                fn("toggle", params("p", perms), perms),
                fn("find", params("xs", new ListType(U32), "x", U32), new OptionType(U32)),
                fn("divide", params("a", U32, "b", U32), ResultType.of(U32, STRING)),
                new ComponentFunction("many", ComponentFuncType.of(many, U32)),
                fn("call-host", params(), STRING),
                fn("drops", params(), U32)));

    return new WorldType(
        List.of(host, fn("now", params(), U64)), List.of(api, fn("version", params(), U32)));
  }

  private static NamedType named(String name, ComponentValType definition) {
    return new NamedType(new TypeName(API, name), definition);
  }

  private static ComponentFunction fn(String name, List<Field> params, ComponentValType result) {
    return new ComponentFunction(name, ComponentFuncType.of(params, result));
  }

  private static List<Field> params(Object... nameTypePairs) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      fields.add(new Field((String) nameTypePairs[i], (ComponentValType) nameTypePairs[i + 1]));
    }
    return fields;
  }
}
