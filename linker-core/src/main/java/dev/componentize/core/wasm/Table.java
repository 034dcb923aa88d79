package dev.componentize.core.wasm;

import java.util.Optional;

/**
 * A table definition (spec 5.5.6). The function-references proposal added a form with an explicit
 * initializer ({@code 0x40 0x00 tabletype expr}); it is read and written back as such.
 */
public record Table(TableType type, Optional<ConstExpr> init) {

  private static final int WITH_INIT = 0x40;

  public static Table of(TableType type) {
    return new Table(type, Optional.empty());
  }

  static Table read(ByteReader in) {
    if (in.peekU8() == WITH_INIT) {
      in.u8();
      long at = in.offset();
      int reserved = in.u8();
      if (reserved != 0) {
        throw in.error(at, String.format("table initializer reserved byte is 0x%02x", reserved));
      }
      TableType type = TableType.read(in);
      return new Table(type, Optional.of(ConstExpr.read(in)));
    }
    return new Table(TableType.read(in), Optional.empty());
  }

  void write(ByteWriter out) {
    if (init.isPresent()) {
      out.u8(WITH_INIT).u8(0);
      type.write(out);
      init.get().write(out);
    } else {
      type.write(out);
    }
  }
}
