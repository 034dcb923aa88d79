package dev.componentize.core.component.binary;

import java.util.Objects;

/**
 * A declarator inside an instance or component type (Binary.md, {@code instancedecl} and {@code
 * componentdecl}): a type, an alias, an export or (component types only) an import.
 */
public sealed interface Declaration {

  void write(BinaryWriter w);

  /** {@code 0x01 t:<type>}. */
  record Type(IndexedTypeDef type) implements Declaration {
    public Type {
      if (type instanceof IndexedTypeDef.Resource) {
        throw new IllegalArgumentException("resource types cannot be defined inside a type");
      }
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x01);
      type.write(w);
    }
  }

  /** {@code 0x02 a:<alias>}; validation allows only outer aliases of types here. */
  record Alias(dev.componentize.core.component.binary.Alias alias) implements Declaration {
    @Override
    public void write(BinaryWriter w) {
      w.u8(0x02);
      alias.write(w);
    }
  }

  /** {@code 0x04 exportdecl}. */
  record Export(String name, ExternDesc desc) implements Declaration {
    public Export {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(desc, "desc");
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x04);
      ExternNames.write(w, name);
      desc.write(w);
    }
  }

  /** {@code 0x03 importdecl} (component types only). */
  record Import(String name, ExternDesc desc) implements Declaration {
    public Import {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(desc, "desc");
    }

    @Override
    public void write(BinaryWriter w) {
      w.u8(0x03);
      ExternNames.write(w, name);
      desc.write(w);
    }
  }
}
