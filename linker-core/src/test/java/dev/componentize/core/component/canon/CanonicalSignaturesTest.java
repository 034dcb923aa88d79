package dev.componentize.core.component.canon;

import static dev.componentize.core.component.canon.FlatType.I32;
import static dev.componentize.core.component.canon.FlatType.I64;
import static dev.componentize.core.component.types.PrimitiveType.STRING;
import static dev.componentize.core.component.types.PrimitiveType.U32;
import static dev.componentize.core.component.types.PrimitiveType.U64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.TupleType;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cases of CanonicalABI.md "Flattening" ({@code flatten_functype}) and canon option rules. */
class CanonicalSignaturesTest {

  @Test
  void scalarExportNeedsNoMemoryOrRealloc() {
    FlatSignature sig = CanonicalSignatures.lift(func(List.of(U32, U32), U32));
    assertEquals(CoreSignature.of(List.of(I32, I32), List.of(I32)), sig.core());
    assertFalse(sig.needsMemory());
    assertFalse(sig.needsRealloc());
  }

  @Test
  void exportTakingAndReturningAStringReturnsAPointerAndNeedsRealloc() {
    FlatSignature sig = CanonicalSignatures.lift(func(List.of(STRING), STRING));
    // The string result is two i32s, more than MAX_FLAT_RESULTS = 1: a pointer to them returns.
    assertEquals(CoreSignature.of(List.of(I32, I32), List.of(I32)), sig.core());
    assertTrue(sig.resultsInMemory());
    assertTrue(sig.needsMemory());
    assertTrue(sig.needsRealloc()); // the host allocates the argument string in our memory
  }

  @Test
  void exportReturningATupleNeedsMemoryButNoRealloc() {
    FlatSignature sig = CanonicalSignatures.lift(func(List.of(), TupleType.of(U32, U32)));
    assertEquals(CoreSignature.of(List.of(), List.of(I32)), sig.core());
    assertTrue(sig.needsMemory());
    assertFalse(sig.needsRealloc()); // the callee allocates its own results
  }

  @Test
  void sixteenFlatParamsPassDirectlyAndSeventeenSpillToOnePointer() {
    FlatSignature sixteen = CanonicalSignatures.lift(func(Collections.nCopies(16, U32), null));
    assertEquals(Collections.nCopies(16, I32), sixteen.core().params());
    assertFalse(sixteen.paramsInMemory());

    FlatSignature seventeen = CanonicalSignatures.lift(func(Collections.nCopies(17, U32), null));
    assertEquals(CoreSignature.of(List.of(I32), List.of()), seventeen.core());
    assertTrue(seventeen.paramsInMemory());
    assertTrue(seventeen.needsRealloc()); // the host must allocate the spilled tuple
  }

  @Test
  void importReturningAStringTakesARetptrAndNeedsRealloc() {
    FlatSignature sig = CanonicalSignatures.lower(func(List.of(U64), STRING));
    assertEquals(CoreSignature.of(List.of(I64, I32), List.of()), sig.core());
    assertTrue(sig.resultsInMemory());
    assertTrue(sig.needsMemory());
    assertTrue(sig.needsRealloc()); // the host allocates the string in the caller's memory
  }

  @Test
  void importTakingAStringNeedsMemoryOnly() {
    FlatSignature sig = CanonicalSignatures.lower(func(List.of(STRING), U32));
    assertEquals(CoreSignature.of(List.of(I32, I32), List.of(I32)), sig.core());
    assertTrue(sig.needsMemory());
    assertFalse(sig.needsRealloc());
  }

  @Test
  void importWithSpilledParamsAndResultsTakesTwoPointers() {
    FlatSignature sig = CanonicalSignatures.lower(func(Collections.nCopies(20, U32), STRING));
    assertEquals(CoreSignature.of(List.of(I32, I32), List.of()), sig.core());
    assertTrue(sig.paramsInMemory());
    assertTrue(sig.resultsInMemory());
  }

  @Test
  void importWithSixteenFlatParamsAndARetptrHasSeventeenParams() {
    FlatSignature sig = CanonicalSignatures.lower(func(Collections.nCopies(16, U32), STRING));
    assertEquals(17, sig.core().params().size());
    assertFalse(sig.paramsInMemory());
  }

  @Test
  void postReturnTakesTheLiftedResultsAndReturnsNothing() {
    assertEquals(
        CoreSignature.of(List.of(I32), List.of()),
        CanonicalSignatures.postReturn(func(List.of(), STRING)));
    assertEquals(
        CoreSignature.of(List.of(I64), List.of()),
        CanonicalSignatures.postReturn(func(List.of(), U64)));
  }

  @Test
  void reallocHasTheFourI32ToI32Signature() {
    assertEquals(
        CoreSignature.of(List.of(I32, I32, I32, I32), List.of(I32)), CanonicalSignatures.REALLOC);
  }

  private static ComponentFuncType func(List<ComponentValType> params, ComponentValType result) {
    List<Field> fields =
        IntStream.range(0, params.size()).mapToObj(i -> new Field("p" + i, params.get(i))).toList();
    return ComponentFuncType.of(fields, result);
  }
}
