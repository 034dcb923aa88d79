package dev.componentize.core.component.binary;

import java.util.Objects;

/** An alias definition (Binary.md, "Alias Definitions": {@code alias ::= sort aliastarget}). */
public sealed interface Alias {

  /** The index space the alias adds an entry to. */
  Sort sort();

  void write(BinaryWriter w);

  /** {@code 0x00 i n}: export {@code n} of component instance {@code i}. */
  record InstanceExport(Sort sort, int instance, String name) implements Alias {
    public InstanceExport {
      Objects.requireNonNull(name, "name");
      if (sort.isCore()) {
        throw new IllegalArgumentException("instance exports are component sorts: " + sort);
      }
    }

    @Override
    public void write(BinaryWriter w) {
      sort.write(w);
      w.u8(0x00).u32(instance).name(name);
    }
  }

  /** {@code 0x01 i n}: export {@code n} of core instance {@code i}. */
  record CoreInstanceExport(Sort sort, int instance, String name) implements Alias {
    public CoreInstanceExport {
      Objects.requireNonNull(name, "name");
      if (!sort.isCore()) {
        throw new IllegalArgumentException("core instance exports are core sorts: " + sort);
      }
    }

    @Override
    public void write(BinaryWriter w) {
      sort.write(w);
      w.u8(0x01).u32(instance).name(name);
    }
  }

  /**
   * {@code 0x02 ct idx}: item {@code idx} of the enclosing scope {@code ct} levels out (1 is the
   * component around a type declarator or nested component). Only types, modules and components.
   */
  record Outer(Sort sort, int count, int index) implements Alias {
    public Outer {
      if (sort != Sort.TYPE
          && sort != Sort.CORE_TYPE
          && sort != Sort.CORE_MODULE
          && sort != Sort.COMPONENT) {
        throw new IllegalArgumentException(
            "outer aliases are limited to types and modules: " + sort);
      }
    }

    @Override
    public void write(BinaryWriter w) {
      sort.write(w);
      w.u8(0x02).u32(count).u32(index);
    }
  }
}
