package dev.componentize.core.wasm;

/** A table type (spec 5.3.9): element reference type and limits. */
public record TableType(ValType elementType, Limits limits) {

  public TableType {
    if (!elementType.isReference()) {
      throw new IllegalArgumentException("table element type must be a reference: " + elementType);
    }
  }

  static TableType read(ByteReader in) {
    ValType type = ValType.readReference(in);
    return new TableType(type, Limits.read(in));
  }

  void write(ByteWriter out) {
    out.u8(elementType.code());
    limits.write(out);
  }
}
