package dev.componentize.core.wasm;

import java.util.List;

/**
 * The type section (spec 5.5.4): function types, multi-value results included. The GC proposal's
 * recursive groups, subtypes, structs and arrays are rejected with a message saying so.
 */
public record TypeSection(List<FuncType> types) implements Section {

  private static final int FUNC = 0x60;

  public TypeSection {
    types = List.copyOf(types);
  }

  @Override
  public SectionId id() {
    return SectionId.TYPE;
  }

  static TypeSection read(ByteReader in) {
    int count = in.count("type count", 3);
    FuncType[] types = new FuncType[count];
    for (int i = 0; i < count; i++) {
      long at = in.offset();
      int form = in.u8();
      if (form != FUNC) {
        throw in.error(at, describeForm(form));
      }
      types[i] = new FuncType(readTypes(in, "parameter count"), readTypes(in, "result count"));
    }
    return new TypeSection(List.of(types));
  }

  private static List<ValType> readTypes(ByteReader in, String what) {
    int count = in.count(what, 1);
    if (count == 0) {
      return List.of();
    }
    ValType[] types = new ValType[count];
    for (int i = 0; i < count; i++) {
      types[i] = ValType.read(in);
    }
    return List.of(types);
  }

  private static String describeForm(int form) {
    return switch (form) {
      case 0x4e, 0x50, 0x4f, 0x5f, 0x5e ->
          String.format(
              "GC proposal type form 0x%02x (rec/sub/struct/array) is not supported; only function"
                  + " types (0x60) are",
              form);
      default -> String.format("unknown type form 0x%02x, expected a function type (0x60)", form);
    };
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(types.size());
    for (FuncType type : types) {
      out.u8(FUNC).u32(type.params().size());
      for (ValType param : type.params()) {
        out.u8(param.code());
      }
      out.u32(type.results().size());
      for (ValType result : type.results()) {
        out.u8(result.code());
      }
    }
  }
}
