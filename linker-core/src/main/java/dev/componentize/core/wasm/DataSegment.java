package dev.componentize.core.wasm;

import java.util.Optional;

/**
 * A data segment (spec 5.5.14). Form 0 is active in memory 0, form 1 passive, form 2 active with an
 * explicit memory index; the form is recorded so that form 2 naming memory 0 round-trips.
 */
public record DataSegment(
    int form, SegmentMode mode, int memoryIndex, Optional<ConstExpr> offset, Bytes init) {

  public DataSegment {
    SegmentMode implied =
        switch (form) {
          case 0, 2 -> SegmentMode.ACTIVE;
          case 1 -> SegmentMode.PASSIVE;
          default -> throw new IllegalArgumentException("data segment form " + form + " not 0..2");
        };
    if (implied != mode) {
      throw new IllegalArgumentException("form " + form + " is " + implied + ", not " + mode);
    }
    if ((mode == SegmentMode.ACTIVE) != offset.isPresent()) {
      throw new IllegalArgumentException("exactly the active segments have an offset");
    }
    if (form != 2 && memoryIndex != 0) {
      throw new IllegalArgumentException("form " + form + " implies memory 0");
    }
  }

  public static DataSegment active(int memoryIndex, ConstExpr offset, Bytes init) {
    return new DataSegment(
        memoryIndex == 0 ? 0 : 2, SegmentMode.ACTIVE, memoryIndex, Optional.of(offset), init);
  }

  public static DataSegment passive(Bytes init) {
    return new DataSegment(1, SegmentMode.PASSIVE, 0, Optional.empty(), init);
  }

  static DataSegment read(ByteReader in) {
    long at = in.offset();
    int form = in.u32();
    return switch (form) {
      case 0 ->
          new DataSegment(
              0,
              SegmentMode.ACTIVE,
              0,
              Optional.of(ConstExpr.read(in)),
              in.byteVector("data length"));
      case 1 ->
          new DataSegment(
              1, SegmentMode.PASSIVE, 0, Optional.empty(), in.byteVector("data length"));
      case 2 -> {
        int memory = in.index("memory index");
        ConstExpr offset = ConstExpr.read(in);
        yield new DataSegment(
            2, SegmentMode.ACTIVE, memory, Optional.of(offset), in.byteVector("data length"));
      }
      default ->
          throw in.error(
              at, "data segment flags " + Integer.toUnsignedString(form) + " not in 0..2");
    };
  }

  void write(ByteWriter out) {
    out.u32(form);
    if (form == 2) {
      out.u32(memoryIndex);
    }
    offset.ifPresent(expr -> expr.write(out));
    out.byteVector(init);
  }
}
