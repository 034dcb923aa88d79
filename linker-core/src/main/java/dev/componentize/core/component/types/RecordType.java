package dev.componentize.core.component.types;

import java.util.List;

/** {@code record}: named fields in declaration order, at least one (Binary.md 0x72). */
public record RecordType(List<Field> fields) implements ComponentValType {
  public RecordType {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a record needs at least one field");
    }
    Labels.requireUnique("record field", fields.stream().map(Field::name).toList());
  }

  public static RecordType of(Field... fields) {
    return new RecordType(List.of(fields));
  }
}
