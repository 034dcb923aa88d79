package dev.componentize.core.dylink;

import dev.componentize.core.wasm.ByteReader;
import dev.componentize.core.wasm.ByteWriter;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code producers} custom section (tool-conventions ProducersSection.md): for each field
 * ({@code language}, {@code processed-by}, {@code sdk}) a list of tool names with versions. It is
 * the weaker evidence of which compiler built a library when our toolchain section is missing.
 */
public record ProducersSection(List<Field> fields) {

  public static final String NAME = "producers";
  public static final String LANGUAGE = "language";
  public static final String PROCESSED_BY = "processed-by";
  public static final String SDK = "sdk";

  public ProducersSection {
    fields = List.copyOf(fields);
  }

  /** One field: its name and the (name, version) pairs listed under it. */
  public record Field(String name, List<Value> values) {
    public Field {
      values = List.copyOf(values);
    }
  }

  public record Value(String name, String version) {}

  public static Optional<ProducersSection> of(WasmModule module) {
    return module
        .customSection(NAME)
        .map(s -> read(module.source(), s, module.contentOffset(s).orElse(0)));
  }

  public static ProducersSection read(String file, CustomSection section, long contentOffset) {
    ByteReader in = section.content().reader(file, NAME, contentOffset);
    int count = in.count("field count", 2);
    List<Field> fields = new ArrayList<>(count);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < count; i++) {
      long at = in.offset();
      String name = in.name();
      // ProducersSection.md: each field name appears at most once.
      if (!names.add(name)) {
        throw in.error(at, "field '" + name + "' appears twice");
      }
      int valueCount = in.count("value count", 2);
      List<Value> values = new ArrayList<>(valueCount);
      for (int j = 0; j < valueCount; j++) {
        values.add(new Value(in.name(), in.name()));
      }
      fields.add(new Field(name, values));
    }
    in.expectEnd("section 'producers'");
    return new ProducersSection(fields);
  }

  public CustomSection toCustomSection() {
    ByteWriter out = new ByteWriter();
    out.u32(fields.size());
    for (Field field : fields) {
      out.name(field.name()).u32(field.values().size());
      for (Value value : field.values()) {
        out.name(value.name()).name(value.version());
      }
    }
    return new CustomSection(NAME, out.toBytes());
  }

  /** The values listed under {@code field}, empty if absent. */
  public List<Value> values(String field) {
    for (Field f : fields) {
      if (f.name().equals(field)) {
        return f.values();
      }
    }
    return List.of();
  }

  /** The version string recorded for tool {@code tool} under {@code field}. */
  public Optional<String> version(String field, String tool) {
    for (Value value : values(field)) {
      if (value.name().equals(tool)) {
        return Optional.of(value.version());
      }
    }
    return Optional.empty();
  }
}
