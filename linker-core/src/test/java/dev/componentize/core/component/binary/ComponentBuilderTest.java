package dev.componentize.core.component.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.componentize.core.component.types.PrimitiveType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Byte-level checks of the encoding rules in Binary.md. */
class ComponentBuilderTest {
  private static final int[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

  @Test
  void emptyComponentIsJustThePreamble() {
    assertArrayEquals(bytes(PREAMBLE), new ComponentBuilder().toBytes());
  }

  @Test
  void consecutiveTypesShareOneSectionAndGetIncreasingIndices() {
    ComponentBuilder b = new ComponentBuilder();
    assertEquals(0, b.type(new IndexedTypeDef.ListOf(TypeRef.of(PrimitiveType.U8))));
    assertEquals(1, b.type(new IndexedTypeDef.Option(TypeRef.of(PrimitiveType.U32))));
    // section 7, 5 bytes: vec of 2 = (list u8) (option u32)
    assertArrayEquals(concat(PREAMBLE, 0x07, 0x05, 0x02, 0x70, 0x7d, 0x6b, 0x79), b.toBytes());
  }

  @Test
  void typeIndexAboveSixtyThreeIsWrittenAsAPositiveSignedLeb() {
    assertArrayEquals(bytes(0x05), write(TypeRef.index(5)));
    // 68 = 0x44 has bit 6 set: as one byte it would read as SLEB128 -60, a primitive opcode.
    assertArrayEquals(bytes(0xc4, 0x00), write(TypeRef.index(68)));
    assertArrayEquals(bytes(0x73), write(TypeRef.of(PrimitiveType.STRING)));
  }

  @Test
  void functionTypeWithoutResultWritesAnEmptyResultList() {
    BinaryWriter w = new BinaryWriter();
    new IndexedTypeDef.Func(
            List.of(new IndexedTypeDef.Labelled("x", TypeRef.of(PrimitiveType.U32))),
            Optional.empty())
        .write(w);
    assertArrayEquals(bytes(0x40, 0x01, 0x01, 'x', 0x79, 0x01, 0x00), w.toByteArray());
  }

  @Test
  void importNameCarriesThePlainNamePrefixAndVersion() {
    ComponentBuilder b = new ComponentBuilder();
    String name = "wasi:cli/run@0.2.6";
    assertEquals(0, b.importItem(name, new ExternDesc.Instance(3)));
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(bytes(PREAMBLE));
    expected.writeBytes(bytes(0x0a, 1 + 1 + 1 + utf8.length + 2, 0x01, 0x00, utf8.length));
    expected.writeBytes(utf8);
    expected.writeBytes(bytes(0x05, 0x03));
    assertArrayEquals(expected.toByteArray(), b.toBytes());
  }

  @Test
  void everyDefinitionCountsInItsOwnIndexSpace() {
    ComponentBuilder b = new ComponentBuilder();
    assertEquals(0, b.coreModule(bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)));
    assertEquals(0, b.coreInstantiate(0, List.of()));
    assertEquals(0, b.alias(new Alias.CoreInstanceExport(Sort.CORE_FUNC, 0, "f")));
    assertEquals(0, b.alias(new Alias.CoreInstanceExport(Sort.CORE_MEMORY, 0, "memory")));
    assertEquals(0, b.type(new IndexedTypeDef.Func(List.of(), Optional.empty())));
    assertEquals(0, b.canonLift(0, List.of(new CanonOption.Memory(0)), 0));
    assertEquals(1, b.canonLower(0, List.of()));
    assertEquals(1, b.type(new IndexedTypeDef.Resource(Optional.empty())));
    assertEquals(2, b.resourceNew(1));
    assertEquals(1, b.export("f", Sort.FUNC, 0, Optional.empty()));
    assertEquals(2, b.count(Sort.FUNC));
    assertEquals(3, b.count(Sort.CORE_FUNC));
    assertEquals(1, b.count(Sort.CORE_MEMORY));
  }

  @Test
  void canonLiftWritesFunctionOptionsAndType() {
    ComponentBuilder b = new ComponentBuilder();
    b.canonLift(
        2,
        List.of(
            new CanonOption.Memory(0),
            new CanonOption.Realloc(1),
            new CanonOption.Utf8(),
            new CanonOption.PostReturn(3)),
        4);
    // 0x00 0x00 lift of core func 2, 4 options, type 4
    assertArrayEquals(
        concat(
            PREAMBLE, 0x08, 0x0d, 0x01, 0x00, 0x00, 0x02, 0x04, 0x03, 0x00, 0x04, 0x01, 0x00, 0x05,
            0x03, 0x04),
        b.toBytes());
  }

  @Test
  void componentTypeDeclaresImportsExportsAndNumbersItsOwnTypes() {
    TypeDeclarations decls = new TypeDeclarations();
    int resource = decls.importType("r", new ExternDesc.SubResource());
    int own = decls.type(new IndexedTypeDef.Own(resource));
    int func = decls.type(new IndexedTypeDef.Func(List.of(), Optional.of(TypeRef.index(own))));
    decls.exportFunc("make", func);
    assertEquals(List.of(0, 1, 2), List.of(resource, own, func));
    BinaryWriter w = new BinaryWriter();
    decls.toComponentType().write(w);
    assertArrayEquals(
        bytes(
            0x41, 0x04, // component type, 4 declarators
            0x03, 0x00, 0x01, 'r', 0x03, 0x01, // import "r" (type (sub resource))
            0x01, 0x69, 0x00, // type (own 0)
            0x01, 0x40, 0x00, 0x00, 0x01, // type (func (result 1))
            0x04, 0x00, 0x04, 'm', 'a', 'k', 'e', 0x01, 0x02), // export "make" (func (type 2))
        w.toByteArray());
    assertThrows(IllegalArgumentException.class, () -> decls.toInstanceType());
  }

  @Test
  void exportAscriptionMustMatchTheSort() {
    ComponentBuilder b = new ComponentBuilder();
    assertThrows(
        IllegalArgumentException.class,
        () -> b.export("x", Sort.FUNC, 0, Optional.of(new ExternDesc.Instance(0))));
  }

  @Test
  void outerAliasesAreLimitedToTypesAndModules() {
    assertThrows(IllegalArgumentException.class, () -> new Alias.Outer(Sort.FUNC, 1, 0));
  }

  @Test
  void customSectionIsNamedAndKeptVerbatim() {
    ComponentBuilder b = new ComponentBuilder();
    b.custom("hi", bytes(1, 2));
    assertArrayEquals(concat(PREAMBLE, 0x00, 0x05, 0x02, 'h', 'i', 0x01, 0x02), b.toBytes());
  }

  private static byte[] write(TypeRef ref) {
    BinaryWriter w = new BinaryWriter();
    ref.write(w);
    return w.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] concat(int[] head, int... tail) {
    int[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return bytes(all);
  }
}
