package dev.componentize.core.component.types;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation rules of the type model (Binary.md and Explainer.md notes on names and types). */
class TypeModelTest {
  private static final ResourceType THING = new ResourceType(new TypeName("a:b/c", "thing"));

  @Test
  void labelsAreKebabCaseWithFragmentsAllLowerOrAllUpper() {
    assertDoesNotThrow(() -> new Field("foo-bar2", PrimitiveType.U8));
    assertDoesNotThrow(() -> new Field("HTTP-client", PrimitiveType.U8));
    assertThrows(IllegalArgumentException.class, () -> new Field("fooBar", PrimitiveType.U8));
    assertThrows(IllegalArgumentException.class, () -> new Field("2d", PrimitiveType.U8));
    assertThrows(IllegalArgumentException.class, () -> new Field("a--b", PrimitiveType.U8));
  }

  @Test
  void labelsThatDifferOnlyInCaseCollide() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RecordType.of(new Field("x", PrimitiveType.U8), new Field("X", PrimitiveType.U8)));
  }

  @Test
  void functionResultsMayNotContainBorrows() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ComponentFuncType.of(List.of(), new OptionType(THING.borrow())));
    assertDoesNotThrow(
        () -> ComponentFuncType.of(List.of(new Field("t", THING.borrow())), THING.own()));
  }

  @Test
  void resourceFunctionNamesAreAnnotated() {
    ComponentFuncType f = ComponentFuncType.of(List.of(), null);
    assertDoesNotThrow(() -> new ComponentFunction("[method]thing.poke", f));
    assertDoesNotThrow(() -> new ComponentFunction("[static]thing.make", f));
    assertDoesNotThrow(() -> new ComponentFunction("[constructor]thing", f));
    assertThrows(IllegalArgumentException.class, () -> new ComponentFunction("[method]thing", f));
  }

  @Test
  void interfaceNamesNeedNamespacePackageInterfaceAndOptionalSemver() {
    assertEquals(true, InterfaceType.isInterfaceName("wasi:cli/run@0.2.6"));
    assertEquals(true, InterfaceType.isInterfaceName("wasi:io/streams"));
    assertEquals(true, InterfaceType.isInterfaceName("a:b/c@1.0.0-rc.1+build5"));
    assertEquals(false, InterfaceType.isInterfaceName("wasi:cli"));
    assertEquals(false, InterfaceType.isInterfaceName("run"));
    assertEquals(false, InterfaceType.isInterfaceName("wasi:cli/run@0.2"));
  }

  @Test
  void namedTypesWithEqualBodiesButDifferentNamesAreDifferentTypes() {
    RecordType body = RecordType.of(new Field("x", PrimitiveType.U32));
    assertNotEquals(
        new NamedType(new TypeName("a:b/c", "p"), body),
        new NamedType(new TypeName("a:b/c", "q"), body));
    assertEquals(
        new NamedType(new TypeName("a:b/c", "p"), body),
        new NamedType(new TypeName("a:b/c", "p"), body));
  }

  @Test
  void usedTypeComesFromAnotherInterfaceOrAliasesALocalResourceAndLeadsToItsOrigin() {
    NamedType record =
        new NamedType(new TypeName("a:b/c", "r"), RecordType.of(new Field("x", PrimitiveType.U32)));
    assertThrows(
        IllegalArgumentException.class, () -> new UsedType(new TypeName("a:b/c", "s"), record));
    assertThrows(
        IllegalArgumentException.class, () -> new UsedType(new TypeName("a:b/c", "thing"), THING));
    UsedType alias = new UsedType(new TypeName("a:b/c", "t"), THING);
    assertEquals(true, alias.isLocal());
    assertEquals(THING, alias.origin());
    UsedType once = new UsedType(new TypeName("a:b/d", "thing"), THING);
    UsedType twice = new UsedType(new TypeName("a:b/e", "thing"), once);
    assertEquals(THING, twice.origin());
  }

  @Test
  void worldItemNamesAreUnique() {
    ComponentFunction f = new ComponentFunction("run", ComponentFuncType.of(List.of(), null));
    assertThrows(IllegalArgumentException.class, () -> new WorldType(List.of(f, f), List.of()));
  }

  @Test
  void pointersAreFoundInsideNestedTypes() {
    assertEquals(
        true,
        Types.containsPointers(
            new OptionType(TupleType.of(PrimitiveType.U8, new ListType(PrimitiveType.U8)))));
    assertEquals(false, Types.containsPointers(RecordType.of(new Field("a", THING.own()))));
  }
}
