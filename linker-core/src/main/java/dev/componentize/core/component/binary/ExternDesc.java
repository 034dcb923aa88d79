package dev.componentize.core.component.binary;

/**
 * What an import or export is (Binary.md, {@code externdesc}); the indices point into the type
 * index space of the scope the descriptor appears in.
 */
public sealed interface ExternDesc {

  void write(BinaryWriter w);

  /** The index space an item with this descriptor joins. */
  Sort sort();

  /** {@code 0x00 0x11 i}: a core module of core type {@code i}. */
  record Module(int coreType) implements ExternDesc {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x00).u8(0x11).u32(coreType);
    }

    @Override
    public Sort sort() {
      return Sort.CORE_MODULE;
    }
  }

  /** {@code 0x01 i}: a function of type {@code i}. */
  record Func(int type) implements ExternDesc {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x01).u32(type);
    }

    @Override
    public Sort sort() {
      return Sort.FUNC;
    }
  }

  /** {@code 0x03 0x00 i}: a type equal to type {@code i}. */
  record TypeEq(int type) implements ExternDesc {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x03).u8(0x00).u32(type);
    }

    @Override
    public Sort sort() {
      return Sort.TYPE;
    }
  }

  /** {@code 0x03 0x01}: a fresh abstract resource type. */
  record SubResource() implements ExternDesc {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x03).u8(0x01);
    }

    @Override
    public Sort sort() {
      return Sort.TYPE;
    }
  }

  /** {@code 0x04 i}: a component of component type {@code i}. */
  record Component(int type) implements ExternDesc {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x04).u32(type);
    }

    @Override
    public Sort sort() {
      return Sort.COMPONENT;
    }
  }

  /** {@code 0x05 i}: an instance of instance type {@code i}. */
  record Instance(int type) implements ExternDesc {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x05).u32(type);
    }

    @Override
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }
}
