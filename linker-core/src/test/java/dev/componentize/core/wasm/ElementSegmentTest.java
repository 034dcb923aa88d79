package dev.componentize.core.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ElementSegmentTest {

  private static ElementSegment roundTrip(ElementSegment segment) {
    ByteWriter out = new ByteWriter();
    segment.write(out);
    ByteReader in = out.toBytes().reader("elem", "element", 0);
    ElementSegment read = ElementSegment.read(in);
    in.expectEnd("segment");
    return read;
  }

  @Test
  void everyFormRoundTripsThroughItsOwnEncoding() {
    ConstExpr at = ConstExpr.i32Const(3);
    List<ConstExpr> exprs = List.of(ConstExpr.refFunc(1), ConstExpr.refNull(ValType.FUNCREF));
    List<ElementSegment> forms =
        List.of(
            ElementSegment.active(0, at, List.of(1, 2)),
            ElementSegment.passive(List.of(1)),
            ElementSegment.active(1, at, List.of(2)),
            ElementSegment.declarative(List.of(2)),
            new ElementSegment(
                4, SegmentMode.ACTIVE, 0, Optional.of(at), ValType.FUNCREF, List.of(), exprs),
            new ElementSegment(
                5,
                SegmentMode.PASSIVE,
                0,
                Optional.empty(),
                ValType.EXTERNREF,
                List.of(),
                List.of(ConstExpr.refNull(ValType.EXTERNREF))),
            new ElementSegment(
                6, SegmentMode.ACTIVE, 2, Optional.of(at), ValType.FUNCREF, List.of(), exprs),
            new ElementSegment(
                7,
                SegmentMode.DECLARATIVE,
                0,
                Optional.empty(),
                ValType.FUNCREF,
                List.of(),
                exprs));
    for (int form = 0; form < 8; form++) {
      ElementSegment segment = forms.get(form);
      assertEquals(form, segment.form());
      assertEquals(segment, roundTrip(segment));
    }
  }

  @Test
  void factoriesPickTheShortestForm() {
    assertEquals(0, ElementSegment.active(0, ConstExpr.i32Const(0), List.of()).form());
    assertEquals(2, ElementSegment.active(1, ConstExpr.i32Const(0), List.of()).form());
  }

  @Test
  void formAndContentMustAgree() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ElementSegment(
                0,
                SegmentMode.ACTIVE,
                1,
                Optional.of(ConstExpr.i32Const(0)),
                ValType.FUNCREF,
                List.of(1),
                List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ElementSegment(
                1, SegmentMode.ACTIVE, 0, Optional.empty(), ValType.FUNCREF, List.of(), List.of()));
  }

  @Test
  void rejectsUnknownFlagsWithTheirOffset() {
    ByteReader in = Bytes.of(new byte[] {0x08}).reader("elem.wasm", "element", 40);
    WasmFormatException e = assertThrows(WasmFormatException.class, () -> ElementSegment.read(in));
    assertEquals(40, e.offset());
    assertEquals("element", e.section());
  }
}
