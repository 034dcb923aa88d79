package dev.componentize.core.wasm;

/** A global definition (spec 5.5.9): its type and constant initializer. */
public record Global(GlobalType type, ConstExpr init) {

  static Global read(ByteReader in) {
    GlobalType type = GlobalType.read(in);
    return new Global(type, ConstExpr.read(in));
  }

  void write(ByteWriter out) {
    type.write(out);
    init.write(out);
  }
}
