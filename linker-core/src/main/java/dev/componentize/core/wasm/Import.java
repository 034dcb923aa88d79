package dev.componentize.core.wasm;

/** An import (spec 5.5.5): module name, field name and what is imported. */
public record Import(String module, String name, ImportType type) {

  public ExternalKind kind() {
    return type.kind();
  }

  /** The import's descriptor; the index spaces fill with imports first, in import order. */
  public sealed interface ImportType {
    ExternalKind kind();
  }

  /** An imported function of the given type index. */
  public record Func(int typeIndex) implements ImportType {
    @Override
    public ExternalKind kind() {
      return ExternalKind.FUNC;
    }
  }

  public record Table(TableType tableType) implements ImportType {
    @Override
    public ExternalKind kind() {
      return ExternalKind.TABLE;
    }
  }

  public record Memory(MemoryType memoryType) implements ImportType {
    @Override
    public ExternalKind kind() {
      return ExternalKind.MEMORY;
    }
  }

  public record Global(GlobalType globalType) implements ImportType {
    @Override
    public ExternalKind kind() {
      return ExternalKind.GLOBAL;
    }
  }

  /** An exception-handling tag whose parameters are the given function type's. */
  public record Tag(int typeIndex) implements ImportType {
    @Override
    public ExternalKind kind() {
      return ExternalKind.TAG;
    }
  }

  static Import read(ByteReader in) {
    String module = in.name();
    String name = in.name();
    ExternalKind kind = ExternalKind.read(in);
    ImportType type =
        switch (kind) {
          case FUNC -> new Func(in.index("type index"));
          case TABLE -> new Table(TableType.read(in));
          case MEMORY -> new Memory(MemoryType.read(in));
          case GLOBAL -> new Global(GlobalType.read(in));
          case TAG -> new Tag(TagType.read(in).typeIndex());
        };
    return new Import(module, name, type);
  }

  void write(ByteWriter out) {
    out.name(module).name(name).u8(kind().code());
    if (type instanceof Func f) {
      out.u32(f.typeIndex());
    } else if (type instanceof Table t) {
      t.tableType().write(out);
    } else if (type instanceof Memory m) {
      m.memoryType().write(out);
    } else if (type instanceof Global g) {
      g.globalType().write(out);
    } else if (type instanceof Tag t) {
      new TagType(t.typeIndex()).write(out);
    }
  }
}
