package dev.componentize.core.component;

import static dev.componentize.core.component.types.PrimitiveType.U32;
import static dev.componentize.core.component.types.PrimitiveType.U64;
import static dev.componentize.core.component.types.PrimitiveType.U8;

import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentFunction;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.UsedType;
import dev.componentize.core.component.types.WorldType;
import java.util.List;

/** The world of {@code src/test/c/component/resources.wit}, built with the type model. */
final class ResourcesWorld {
  static final String STORE = "test:res/store@0.1.0";
  static final String UTIL = "test:res/util@0.1.0";

  private ResourcesWorld() {}

  static WorldType world() {
    ResourceType blob = new ResourceType(new TypeName(STORE, "blob"));
    NamedType stats =
        new NamedType(
            new TypeName(STORE, "stats"),
            RecordType.of(new Field("count", U32), new Field("bytes", U64)));
    InterfaceType store =
        new InterfaceType(
            STORE,
            List.of(blob, stats),
            List.of(
                fn("[constructor]blob", List.of(new Field("data", new ListType(U8))), blob.own()),
                fn("[method]blob.size", List.of(new Field("self", blob.borrow())), U32),
                fn(
                    "[method]blob.read",
                    List.of(new Field("self", blob.borrow())),
                    new ListType(U8)),
                fn(
                    "[static]blob.merge",
                    List.of(new Field("a", blob.borrow()), new Field("b", blob.borrow())),
                    blob.own()),
                fn("total", List.of(), stats)));

    NamedType size = new NamedType(new TypeName(UTIL, "size"), U32);
    InterfaceType util =
        new InterfaceType(
            UTIL,
            List.of(
                new UsedType(new TypeName(UTIL, "blob"), blob),
                new UsedType(new TypeName(UTIL, "stats"), stats),
                size),
            List.of(
                fn("measure", List.of(new Field("b", blob.borrow())), size),
                fn("wrap", List.of(new Field("data", new ListType(U8))), blob.own()),
                fn("twice", List.of(new Field("b", blob.borrow())), blob.own()),
                fn("summary", List.of(), stats),
                fn("consume", List.of(new Field("b", blob.own())), U32),
                fn("first-byte", List.of(new Field("b", blob.borrow())), new OptionType(U8))));
    return new WorldType(List.of(store), List.of(util));
  }

  private static ComponentFunction fn(String name, List<Field> params, ComponentValType result) {
    return new ComponentFunction(name, ComponentFuncType.of(params, result));
  }
}
