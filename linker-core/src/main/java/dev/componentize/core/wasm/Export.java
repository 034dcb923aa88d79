package dev.componentize.core.wasm;

/** An export (spec 5.5.10): a unique name and an index into one of the index spaces. */
public record Export(String name, ExternalKind kind, int index) {

  static Export read(ByteReader in) {
    String name = in.name();
    ExternalKind kind = ExternalKind.read(in);
    return new Export(name, kind, in.index("export index"));
  }

  void write(ByteWriter out) {
    out.name(name).u8(kind.code()).u32(index);
  }
}
