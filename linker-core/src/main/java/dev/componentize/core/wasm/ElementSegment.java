package dev.componentize.core.wasm;

import java.util.List;
import java.util.Optional;

/**
 * An element segment in any of the eight binary forms (spec 5.5.12). The form is a 3-bit flag
 * field: bit 0 set means passive or declarative; for active segments bit 1 means an explicit table
 * index, for the others it means declarative; bit 2 means the items are constant expressions rather
 * than function indices. The form is recorded so a read segment is written back in the same form;
 * the factories pick the shortest form for new segments.
 *
 * <p>Exactly one of {@link #functionIndices} and {@link #expressions} is used, as the form says.
 */
public record ElementSegment(
    int form,
    SegmentMode mode,
    int tableIndex,
    Optional<ConstExpr> offset,
    ValType type,
    List<Integer> functionIndices,
    List<ConstExpr> expressions) {

  private static final int NOT_ACTIVE = 0x1;
  private static final int EXPLICIT_OR_DECLARATIVE = 0x2;
  private static final int USES_EXPRESSIONS = 0x4;
  private static final int ELEMKIND_FUNCREF = 0x00;

  public ElementSegment {
    functionIndices = List.copyOf(functionIndices);
    expressions = List.copyOf(expressions);
    if (form < 0 || form > 7) {
      throw new IllegalArgumentException("element segment form " + form + " not in 0..7");
    }
    SegmentMode implied =
        (form & NOT_ACTIVE) == 0
            ? SegmentMode.ACTIVE
            : (form & EXPLICIT_OR_DECLARATIVE) != 0 ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
    if (implied != mode) {
      throw new IllegalArgumentException("form " + form + " is " + implied + ", not " + mode);
    }
    if ((mode == SegmentMode.ACTIVE) != offset.isPresent()) {
      throw new IllegalArgumentException("exactly the active segments have an offset");
    }
    if ((form & USES_EXPRESSIONS) == 0 && (!expressions.isEmpty() || type != ValType.FUNCREF)) {
      throw new IllegalArgumentException("form " + form + " holds funcref function indices only");
    }
    if ((form & USES_EXPRESSIONS) != 0 && !functionIndices.isEmpty()) {
      throw new IllegalArgumentException("form " + form + " holds expressions only");
    }
    if (mode == SegmentMode.ACTIVE
        && (form & EXPLICIT_OR_DECLARATIVE) == 0
        && (tableIndex != 0 || type != ValType.FUNCREF)) {
      throw new IllegalArgumentException("form " + form + " implies table 0 and funcref");
    }
    if (!type.isReference()) {
      throw new IllegalArgumentException("element type must be a reference type: " + type);
    }
  }

  /** Active function indices placed into {@code tableIndex} at {@code offset}. */
  public static ElementSegment active(int tableIndex, ConstExpr offset, List<Integer> functions) {
    int form = tableIndex == 0 ? 0 : 2;
    return new ElementSegment(
        form,
        SegmentMode.ACTIVE,
        tableIndex,
        Optional.of(offset),
        ValType.FUNCREF,
        functions,
        List.of());
  }

  public static ElementSegment passive(List<Integer> functions) {
    return new ElementSegment(
        1, SegmentMode.PASSIVE, 0, Optional.empty(), ValType.FUNCREF, functions, List.of());
  }

  public static ElementSegment declarative(List<Integer> functions) {
    return new ElementSegment(
        3, SegmentMode.DECLARATIVE, 0, Optional.empty(), ValType.FUNCREF, functions, List.of());
  }

  public boolean usesExpressions() {
    return (form & USES_EXPRESSIONS) != 0;
  }

  /** Number of table entries the segment provides. */
  public int size() {
    return usesExpressions() ? expressions.size() : functionIndices.size();
  }

  static ElementSegment read(ByteReader in) {
    long at = in.offset();
    int form = in.u32();
    if (form < 0 || form > 7) {
      throw in.error(
          at, "element segment flags " + Integer.toUnsignedString(form) + " not in 0..7");
    }
    boolean active = (form & NOT_ACTIVE) == 0;
    SegmentMode mode =
        active
            ? SegmentMode.ACTIVE
            : (form & EXPLICIT_OR_DECLARATIVE) != 0 ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
    boolean explicit = active && (form & EXPLICIT_OR_DECLARATIVE) != 0;
    int table = explicit ? in.index("table index") : 0;
    Optional<ConstExpr> offset = active ? Optional.of(ConstExpr.read(in)) : Optional.empty();
    boolean expressions = (form & USES_EXPRESSIONS) != 0;
    ValType type = ValType.FUNCREF;
    if (expressions) {
      // Forms 4 has no reference type byte (funcref implied); 5, 6, 7 carry one.
      if (form != 4) {
        type = ValType.readReference(in);
      }
      int count = in.count("element expression count", 2);
      ConstExpr[] items = new ConstExpr[count];
      for (int i = 0; i < count; i++) {
        items[i] = ConstExpr.read(in);
      }
      return new ElementSegment(form, mode, table, offset, type, List.of(), List.of(items));
    }
    if (form != 0) {
      long kindAt = in.offset();
      int elemkind = in.u8();
      if (elemkind != ELEMKIND_FUNCREF) {
        throw in.error(kindAt, String.format("unknown element kind 0x%02x", elemkind));
      }
    }
    int count = in.count("element function count", 1);
    Integer[] functions = new Integer[count];
    for (int i = 0; i < count; i++) {
      functions[i] = in.index("function index");
    }
    return new ElementSegment(form, mode, table, offset, type, List.of(functions), List.of());
  }

  void write(ByteWriter out) {
    out.u32(form);
    if (mode == SegmentMode.ACTIVE && (form & EXPLICIT_OR_DECLARATIVE) != 0) {
      out.u32(tableIndex);
    }
    offset.ifPresent(expr -> expr.write(out));
    if (usesExpressions()) {
      if (form != 4) {
        out.u8(type.code());
      }
      out.u32(expressions.size());
      for (ConstExpr expr : expressions) {
        expr.write(out);
      }
    } else {
      if (form != 0) {
        out.u8(ELEMKIND_FUNCREF);
      }
      out.u32(functionIndices.size());
      for (int function : functionIndices) {
        out.u32(function);
      }
    }
  }
}
