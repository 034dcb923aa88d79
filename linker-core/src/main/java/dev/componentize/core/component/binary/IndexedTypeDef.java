package dev.componentize.core.component.binary;

import dev.componentize.core.component.types.PrimitiveType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a type section or a type declarator, with indices already resolved (Binary.md, "Type
 * Definitions": {@code deftype}, {@code defvaltype}, {@code functype}, {@code resourcetype}, {@code
 * componenttype}, {@code instancetype}).
 */
public sealed interface IndexedTypeDef {

  void write(BinaryWriter w);

  /** A primitive given its own type index, e.g. for a WIT {@code type id = u64}. */
  record Primitive(PrimitiveType type) implements IndexedTypeDef {
    @Override
    public void write(BinaryWriter w) {
      w.u8(type.opcode());
    }
  }

  /** A labelled value type: a record field or a function parameter. */
  record Labelled(String label, TypeRef type) {
    public Labelled {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(type, "type");
    }

    void write(BinaryWriter w) {
      w.name(label);
      type.write(w);
    }
  }

  /** A variant case; the trailing 0x00 is the always-absent {@code refines} slot. */
  record CaseDef(String label, Optional<TypeRef> payload) {
    public CaseDef {
      Objects.requireNonNull(label, "label");
      payload = Optional.ofNullable(payload).flatMap(p -> p);
    }
  }

  record Record(List<Labelled> fields) implements IndexedTypeDef {
    public Record {
      fields = List.copyOf(fields);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x72).u32(fields.size());
      fields.forEach(f -> f.write(w));
    }
  }

  record Variant(List<CaseDef> cases) implements IndexedTypeDef {
    public Variant {
      cases = List.copyOf(cases);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x71).u32(cases.size());
      for (CaseDef c : cases) {
        w.name(c.label());
        writeOptional(w, c.payload());
        w.u8(0x00);
      }
    }
  }

  record ListOf(TypeRef element) implements IndexedTypeDef {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x70);
      element.write(w);
    }
  }

  record Tuple(List<TypeRef> elements) implements IndexedTypeDef {
    public Tuple {
      elements = List.copyOf(elements);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x6f).u32(elements.size());
      elements.forEach(e -> e.write(w));
    }
  }

  record Flags(List<String> labels) implements IndexedTypeDef {
    public Flags {
      labels = List.copyOf(labels);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x6e).u32(labels.size());
      labels.forEach(w::name);
    }
  }

  record Enum(List<String> labels) implements IndexedTypeDef {
    public Enum {
      labels = List.copyOf(labels);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x6d).u32(labels.size());
      labels.forEach(w::name);
    }
  }

  record Option(TypeRef some) implements IndexedTypeDef {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x6b);
      some.write(w);
    }
  }

  record Result(Optional<TypeRef> ok, Optional<TypeRef> error) implements IndexedTypeDef {
    public Result {
      ok = Optional.ofNullable(ok).flatMap(o -> o);
      error = Optional.ofNullable(error).flatMap(e -> e);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x6a);
      writeOptional(w, ok);
      writeOptional(w, error);
    }
  }

  /** {@code own}: the index must name a resource type. */
  record Own(int resource) implements IndexedTypeDef {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x69).u32(resource);
    }
  }

  /** {@code borrow}: the index must name a resource type. */
  record Borrow(int resource) implements IndexedTypeDef {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x68).u32(resource);
    }
  }

  /**
   * {@code stream<T>} (0x66) or {@code future<T>} (0x65), the payload optional (component-model
   * async).
   */
  record StreamOrFuture(boolean future, Optional<TypeRef> payload) implements IndexedTypeDef {
    public StreamOrFuture {
      payload = Optional.ofNullable(payload).flatMap(p -> p);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(future ? 0x65 : 0x66);
      writeOptional(w, payload);
    }
  }

  /**
   * {@code functype}. Results are written in the two forms every decoder accepts: {@code 0x00 t}
   * for one result and {@code 0x01 0x00} (an empty list) for none.
   */
  record Func(List<Labelled> params, Optional<TypeRef> result, boolean async)
      implements IndexedTypeDef {
    public Func {
      params = List.copyOf(params);
      result = Optional.ofNullable(result).flatMap(r -> r);
    }

    /** A synchronous function type. */
    public Func(List<Labelled> params, Optional<TypeRef> result) {
      this(params, result, false);
    }

    @Override
    public void write(BinaryWriter w) {
      // 0x43: an async function type (Binary.md, component-model async); 0x40 otherwise.
      w.u8(async ? 0x43 : 0x40).u32(params.size());
      params.forEach(p -> p.write(w));
      if (result.isPresent()) {
        w.u8(0x00);
        result.get().write(w);
      } else {
        w.u8(0x01).u32(0);
      }
    }
  }

  /**
   * {@code resourcetype}: {@code 0x3f 0x7f} (representation i32) and an optional destructor, a core
   * function index of type {@code [i32] -> []}.
   */
  record Resource(Optional<Integer> destructor) implements IndexedTypeDef {
    public Resource {
      destructor = Optional.ofNullable(destructor).flatMap(d -> d);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x3f).u8(0x7f);
      if (destructor.isPresent()) {
        w.u8(0x01).u32(destructor.get());
      } else {
        w.u8(0x00);
      }
    }
  }

  /** {@code instancetype}: {@code 0x42} and its declarators. */
  record Instance(List<Declaration> declarations) implements IndexedTypeDef {
    public Instance {
      declarations = List.copyOf(declarations);
      for (Declaration d : declarations) {
        if (d instanceof Declaration.Import) {
          throw new IllegalArgumentException("an instance type cannot declare imports");
        }
      }
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x42).u32(declarations.size());
      declarations.forEach(d -> d.write(w));
    }
  }

  /** {@code componenttype}: {@code 0x41} and its declarators. */
  record Component(List<Declaration> declarations) implements IndexedTypeDef {
    public Component {
      declarations = List.copyOf(declarations);
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x41).u32(declarations.size());
      declarations.forEach(d -> d.write(w));
    }
  }

  private static void writeOptional(BinaryWriter w, Optional<TypeRef> type) {
    if (type.isPresent()) {
      w.u8(0x01);
      type.get().write(w);
    } else {
      w.u8(0x00);
    }
  }
}
