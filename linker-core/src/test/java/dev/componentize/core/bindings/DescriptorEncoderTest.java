package dev.componentize.core.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads the descriptor of demo.wit back the way docs/design/python-glue.md says the glue reads it.
 */
class DescriptorEncoderTest {

  /** A reader of the blob: u32 words and strings at offsets from its start. */
  record Blob(ByteBuffer bytes) {
    static Blob of(byte[] blob) {
      return new Blob(ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN));
    }

    int word(int offset) {
      return bytes.getInt(offset);
    }

    String string(int offset) {
      byte[] utf8 = new byte[word(offset)];
      bytes.get(offset + 4, utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }

    int type(int index) {
      return word(word(12) + 4 * index);
    }

    int export(int index) {
      return word(word(20) + 4 * index);
    }

    int imported(int index) {
      return word(word(28) + 4 * index);
    }
  }

  static final WorldPlan PLAN;
  static final Descriptor DESCRIPTOR;

  static {
    try {
      PLAN = PythonBindingsGeneratorTest.demoPlan();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    DESCRIPTOR = DescriptorEncoder.encode(PLAN);
  }

  final Blob blob = Blob.of(DESCRIPTOR.blob());

  @Test
  void headerCountsMatchThePlanAndNamesTheAppModule() {
    assertEquals(DescriptorEncoder.MAGIC, blob.word(0));
    assertEquals(DescriptorEncoder.VERSION, blob.word(4));
    assertEquals(PLAN.exports().size(), blob.word(16));
    assertEquals(PLAN.imports().size(), blob.word(24));
    assertEquals("app", blob.string(blob.word(32)));
  }

  @Test
  void functionRecordsCarryNamesCallablesAndFlags() {
    for (WorldPlan.Export e : PLAN.exports()) {
      int record = blob.export(e.index());
      assertEquals(e.coreName(), blob.string(blob.word(record)));
      assertEquals(e.pythonCallable(), blob.string(blob.word(record + 4)));
      int params = blob.word(record + 8);
      assertEquals(e.function().params().size(), params);
      assertEquals(e.flags(), blob.word(record + 16 + 4 * params));
    }
    int increment = blob.export(1);
    assertEquals("Counter.increment", blob.string(blob.word(increment + 4)));
    assertEquals(WorldPlan.FLAG_METHOD, blob.word(increment + 8 + 4 * 3 + 4));
    WorldPlan.Import log = PLAN.imports().get(3);
    assertEquals("example:demo/host@0.1.0.log", blob.string(blob.word(blob.imported(log.index()))));
  }

  @Test
  void recordFieldsAreSnakeCaseNamesWithTypeIndices() {
    // greet: func(name: string) -> greeting
    int greet = blob.export(3);
    int stringType = blob.type(blob.word(greet + 12));
    assertEquals(DescriptorEncoder.STRING, blob.word(stringType));
    int greeting = blob.type(blob.word(greet + 16));
    assertEquals(DescriptorEncoder.RECORD, blob.word(greeting));
    assertEquals(
        "wit_world.exports.api.Greeting", DESCRIPTOR.classes().get(blob.word(greeting + 4)));
    assertEquals(3, blob.word(greeting + 8));
    List<String> fields = new ArrayList<>();
    List<Integer> kinds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fields.add(blob.string(blob.word(greeting + 12 + 8 * i)));
      kinds.add(blob.word(blob.type(blob.word(greeting + 16 + 8 * i))));
    }
    assertEquals(List.of("text", "times", "in_"), fields);
    assertEquals(
        List.of(DescriptorEncoder.STRING, DescriptorEncoder.U8, DescriptorEncoder.BOOL), kinds);
  }

  @Test
  void resourcesComeFirstWithTheirIntrinsicIndices() {
    int file = blob.type(0);
    assertArrayEquals(
        new int[] {DescriptorEncoder.RESOURCE, 0, 0, 13, -1, -1},
        new int[] {
          blob.word(file),
          blob.word(file + 4),
          blob.word(file + 8),
          blob.word(file + 12),
          blob.word(file + 16),
          blob.word(file + 20)
        });
    assertEquals("file", blob.string(blob.word(file + 24)));
    int counter = blob.type(1);
    assertEquals(1, blob.word(counter + 8), "exported");
    assertEquals(
        List.of(14, 15, 16),
        List.of(blob.word(counter + 12), blob.word(counter + 16), blob.word(counter + 20)));
  }

  @Test
  void typeReferencesPointBackwardsAndSharedTypesAppearOnce() {
    int count = blob.word(8);
    for (int index = 0; index < count; index++) {
      int record = blob.type(index);
      int kind = blob.word(record);
      if (kind == DescriptorEncoder.LIST || kind == DescriptorEncoder.OPTION) {
        assertTrue(blob.word(record + 4) < index, "dependencies first");
      }
    }
    long strings =
        java.util.stream.IntStream.range(0, count)
            .filter(i -> blob.word(blob.type(i)) == DescriptorEncoder.STRING)
            .count();
    assertEquals(1, strings);
  }

  @Test
  void variantsRegisterATupleOfTheirCaseClasses() {
    assertTrue(
        DESCRIPTOR
            .classes()
            .contains(
                "(wit_world.imports.types.ShapeCircle, wit_world.imports.types.ShapeRect,"
                    + " wit_world.imports.types.ShapeNone)"),
        DESCRIPTOR.classes().toString());
  }

  @Test
  void theBlobIsTheSameForTheSameWorld() throws IOException {
    assertArrayEquals(
        DESCRIPTOR.blob(), DescriptorEncoder.encode(PythonBindingsGeneratorTest.demoPlan()).blob());
  }
}
