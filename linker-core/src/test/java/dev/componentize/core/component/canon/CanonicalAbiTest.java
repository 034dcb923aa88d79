package dev.componentize.core.component.canon;

import static dev.componentize.core.component.canon.FlatType.F32;
import static dev.componentize.core.component.canon.FlatType.F64;
import static dev.componentize.core.component.canon.FlatType.I32;
import static dev.componentize.core.component.canon.FlatType.I64;
import static dev.componentize.core.component.types.PrimitiveType.BOOL;
import static dev.componentize.core.component.types.PrimitiveType.CHAR;
import static dev.componentize.core.component.types.PrimitiveType.STRING;
import static dev.componentize.core.component.types.PrimitiveType.U16;
import static dev.componentize.core.component.types.PrimitiveType.U32;
import static dev.componentize.core.component.types.PrimitiveType.U64;
import static dev.componentize.core.component.types.PrimitiveType.U8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.componentize.core.component.types.Case;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.EnumType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FlagsType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.NamedType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResourceType;
import dev.componentize.core.component.types.ResultType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.component.types.TypeName;
import dev.componentize.core.component.types.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Values worked out by hand from CanonicalABI.md ("Alignment", "Element Size", "Flattening"). */
class CanonicalAbiTest {

  @Test
  void scalarsAreNaturallyAlignedAndStringsAndListsArePointerLengthPairs() {
    assertLayout(BOOL, 1, 1);
    assertLayout(U8, 1, 1);
    assertLayout(U16, 2, 2);
    assertLayout(U32, 4, 4);
    assertLayout(CHAR, 4, 4); // a char is stored as its u32 code point
    assertLayout(U64, 8, 8);
    assertLayout(PrimitiveType.F64, 8, 8);
    assertLayout(STRING, 8, 4);
    assertLayout(new ListType(U64), 8, 4); // the elements live elsewhere
    assertLayout(resource().own(), 4, 4); // a handle is an i32 index
    assertLayout(resource().borrow(), 4, 4);
  }

  @Test
  void recordFieldsArePaddedToTheirAlignmentAndTheSizeToTheRecordAlignment() {
    RecordType record = RecordType.of(new Field("a", U8), new Field("b", U32), new Field("c", U16));
    // a at 0, b aligned up from 1 to 4, c at 8; 10 bytes rounded up to the alignment 4.
    assertArrayEquals(new int[] {0, 4, 8}, CanonicalAbi.fieldOffsets(List.of(U8, U32, U16)));
    assertLayout(record, 12, 4);
    assertLayout(RecordType.of(new Field("a", U8), new Field("b", U64)), 16, 8);
    assertLayout(TupleType.of(U8, U8), 2, 1);
  }

  @Test
  void optionPlacesThePayloadAfterAOneByteDiscriminantAlignedToThePayload() {
    assertLayout(new OptionType(U8), 2, 1);
    assertEquals(1, CanonicalAbi.payloadOffset(new OptionType(U8)));
    assertLayout(new OptionType(U64), 16, 8);
    assertEquals(8, CanonicalAbi.payloadOffset(new OptionType(U64)));
    assertLayout(new OptionType(STRING), 12, 4);
  }

  @Test
  void resultIsAVariantOfOkAndErrorAndMayHaveNoPayloadAtAll() {
    assertLayout(ResultType.of(U32, STRING), 12, 4);
    assertEquals(4, CanonicalAbi.payloadOffset(ResultType.of(U32, STRING)));
    assertLayout(ResultType.of(null, null), 1, 1);
    assertEquals(List.of(I32), CanonicalAbi.flatten(ResultType.of(null, null)));
  }

  @Test
  void discriminantGrowsFromU8ToU16ToU32WithTheNumberOfCases() {
    assertEquals(1, CanonicalAbi.discriminantSize(1));
    assertEquals(1, CanonicalAbi.discriminantSize(256));
    assertEquals(2, CanonicalAbi.discriminantSize(257));
    assertEquals(2, CanonicalAbi.discriminantSize(65536));
    assertEquals(4, CanonicalAbi.discriminantSize(65537));
    assertLayout(enumOf(3), 1, 1);
    assertLayout(enumOf(257), 2, 2);
    assertEquals(List.of(I32), CanonicalAbi.flatten(enumOf(257)));
  }

  @Test
  void flagsUseTheSmallestIntegerWithABitPerLabel() {
    assertLayout(flagsOf(1), 1, 1);
    assertLayout(flagsOf(8), 1, 1);
    assertLayout(flagsOf(9), 2, 2);
    assertLayout(flagsOf(16), 2, 2);
    assertLayout(flagsOf(17), 4, 4);
    assertLayout(flagsOf(32), 4, 4);
    assertEquals(List.of(I32), CanonicalAbi.flatten(flagsOf(32)));
    assertThrows(IllegalArgumentException.class, () -> flagsOf(33));
  }

  @Test
  void flatteningMapsScalarsToTheirCoreTypeAndStringsToTwoI32() {
    assertEquals(List.of(I32), CanonicalAbi.flatten(BOOL));
    assertEquals(List.of(I32), CanonicalAbi.flatten(CHAR));
    assertEquals(List.of(I64), CanonicalAbi.flatten(U64));
    assertEquals(List.of(F32), CanonicalAbi.flatten(PrimitiveType.F32));
    assertEquals(List.of(F64), CanonicalAbi.flatten(PrimitiveType.F64));
    assertEquals(List.of(I32, I32), CanonicalAbi.flatten(STRING));
    assertEquals(List.of(I32, I32), CanonicalAbi.flatten(new ListType(STRING)));
    assertEquals(
        List.of(I32, I64, I32, I32),
        CanonicalAbi.flatten(RecordType.of(new Field("a", U8), new Field("b", U64), field("c"))));
  }

  @Test
  void variantPayloadPositionsAreJoinedAcrossCases() {
    // join(f32, i32) = i32: the f32 is passed as its bit pattern.
    assertEquals(
        List.of(I32, I32),
        CanonicalAbi.flatten(VariantType.of(Case.of("a", PrimitiveType.F32), Case.of("b", U32))));
    // join(f32, f64) and join(i32, i64) widen to i64.
    assertEquals(
        List.of(I32, I64),
        CanonicalAbi.flatten(
            VariantType.of(Case.of("a", PrimitiveType.F32), Case.of("b", PrimitiveType.F64))));
    // string (i32, i32) against u64 (i64): first position i64, the second stays i32.
    assertEquals(
        List.of(I32, I64, I32),
        CanonicalAbi.flatten(VariantType.of(Case.of("a", STRING), Case.of("b", U64))));
    assertEquals(List.of(I32, I64), CanonicalAbi.flatten(new OptionType(U64)));
    assertEquals(
        List.of(I32), CanonicalAbi.flatten(VariantType.of(Case.empty("a"), Case.empty("b"))));
  }

  @Test
  void variantSizeIsPayloadOffsetPlusTheLargestCaseRoundedToTheAlignment() {
    VariantType variant = VariantType.of(Case.of("a", U8), Case.of("b", U64), Case.empty("c"));
    // discriminant u8 at 0, payload at 8 (alignment of u64), largest payload 8 bytes.
    assertEquals(8, CanonicalAbi.payloadOffset(variant));
    assertLayout(variant, 16, 8);
    // With only small payloads the payload follows the discriminant directly.
    assertLayout(VariantType.of(Case.of("a", U8), Case.of("b", U16)), 4, 2);
  }

  @Test
  void namedTypesHaveTheLayoutOfTheirDefinition() {
    RecordType point = RecordType.of(new Field("x", U32), new Field("y", U64));
    NamedType named = new NamedType(new TypeName("my:pkg/geo", "point"), point);
    assertLayout(named, CanonicalAbi.size(point), CanonicalAbi.alignment(point));
    assertEquals(CanonicalAbi.flatten(point), CanonicalAbi.flatten(named));
  }

  private static void assertLayout(ComponentValType type, int size, int alignment) {
    assertEquals(size, CanonicalAbi.size(type), () -> "size of " + type);
    assertEquals(alignment, CanonicalAbi.alignment(type), () -> "alignment of " + type);
  }

  private static ResourceType resource() {
    return new ResourceType(new TypeName("my:pkg/things", "thing"));
  }

  private static Field field(String name) {
    return new Field(name, STRING);
  }

  private static EnumType enumOf(int n) {
    return new EnumType(IntStream.range(0, n).mapToObj(i -> "c" + i).toList());
  }

  private static FlagsType flagsOf(int n) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels.add("f" + i);
    }
    return new FlagsType(labels);
  }
}
