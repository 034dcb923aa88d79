package dev.componentize.core.component.binary;

import dev.componentize.core.component.canon.CoreSignature;
import dev.componentize.core.component.canon.FlatType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the two small core modules that break the cycle between a core module and the lowered
 * imports that need its memory or {@code cabi_realloc} (the same technique wit-component uses):
 *
 * <ul>
 *   <li>the <em>shim</em> exports one function per such import, {@code "0"}, {@code "1"}, ..., each
 *       forwarding its arguments through {@code call_indirect} into slot {@code i} of a funcref
 *       table it also exports as {@code "$imports"}; the main module is instantiated against these
 *       forwarders;
 *   <li>the <em>fixup</em> imports the table and the real lowered functions and fills the table
 *       with an active element segment once the main instance (and so its memory) exists; its start
 *       function, if any, is the main module's initializer, which then runs with every import
 *       working.
 * </ul>
 *
 * Encodings from the core spec, chapter 5 ("Binary Format").
 */
public final class CoreModuleWriter {
  public static final String TABLE_NAME = "$imports";

  private static final int TYPE_SECTION = 1;
  private static final int IMPORT_SECTION = 2;
  private static final int FUNCTION_SECTION = 3;
  private static final int TABLE_SECTION = 4;
  private static final int EXPORT_SECTION = 7;
  private static final int START_SECTION = 8;
  private static final int ELEMENT_SECTION = 9;
  private static final int CODE_SECTION = 10;

  private static final int FUNCREF = 0x70;

  private CoreModuleWriter() {}

  /** The shim for slots whose functions have {@code signatures}, in slot order. */
  public static byte[] shim(List<CoreSignature> signatures) {
    List<CoreSignature> types = distinct(signatures);
    BinaryWriter module = preamble();
    module.section(TYPE_SECTION, typeSection(types));

    BinaryWriter functions = new BinaryWriter().u32(signatures.size());
    signatures.forEach(s -> functions.u32(types.indexOf(s)));
    module.section(FUNCTION_SECTION, functions.toByteArray());

    BinaryWriter tables = new BinaryWriter().u32(1);
    tableType(tables, signatures.size());
    module.section(TABLE_SECTION, tables.toByteArray());

    BinaryWriter exports = new BinaryWriter().u32(signatures.size() + 1);
    for (int i = 0; i < signatures.size(); i++) {
      exports.name(Integer.toString(i)).u8(0x00).u32(i);
    }
    exports.name(TABLE_NAME).u8(0x01).u32(0);
    module.section(EXPORT_SECTION, exports.toByteArray());

    BinaryWriter code = new BinaryWriter().u32(signatures.size());
    for (int slot = 0; slot < signatures.size(); slot++) {
      CoreSignature signature = signatures.get(slot);
      BinaryWriter body = new BinaryWriter().u32(0); // no locals
      for (int p = 0; p < signature.params().size(); p++) {
        body.u8(0x20).u32(p); // local.get p
      }
      body.u8(0x41).s32(slot); // i32.const slot
      body.u8(0x11).u32(types.indexOf(signature)).u32(0); // call_indirect (type t) table 0
      body.u8(0x0b); // end
      byte[] bytes = body.toByteArray();
      code.u32(bytes.length).bytes(bytes);
    }
    module.section(CODE_SECTION, code.toByteArray());
    return module.toByteArray();
  }

  /**
   * The fixup: imports {@code "" "0".."n-1"} (the real functions), {@code "" "$imports"} (the
   * shim's table) and, if {@code initializer} is present, {@code "" <initializer>} as its start
   * function.
   */
  public static byte[] fixup(List<CoreSignature> signatures, Optional<String> initializer) {
    List<CoreSignature> all = new ArrayList<>(signatures);
    CoreSignature init = CoreSignature.of(List.of(), List.of());
    initializer.ifPresent(i -> all.add(init));
    List<CoreSignature> types = distinct(all);
    BinaryWriter module = preamble();
    module.section(TYPE_SECTION, typeSection(types));

    int importCount =
        signatures.size() + (signatures.isEmpty() ? 0 : 1) + (initializer.isPresent() ? 1 : 0);
    BinaryWriter imports = new BinaryWriter().u32(importCount);
    for (int i = 0; i < signatures.size(); i++) {
      imports.name("").name(Integer.toString(i)).u8(0x00).u32(types.indexOf(signatures.get(i)));
    }
    if (initializer.isPresent()) {
      imports.name("").name(initializer.get()).u8(0x00).u32(types.indexOf(init));
    }
    if (!signatures.isEmpty()) {
      imports.name("").name(TABLE_NAME).u8(0x01);
      tableType(imports, signatures.size());
    }
    module.section(IMPORT_SECTION, imports.toByteArray());

    if (initializer.isPresent()) {
      module.section(START_SECTION, new BinaryWriter().u32(signatures.size()).toByteArray());
    }
    if (!signatures.isEmpty()) {
      // One active segment for table 0 at offset 0 (flags 0: "expr vec(funcidx)").
      BinaryWriter elements = new BinaryWriter().u32(1).u32(0);
      elements.u8(0x41).s32(0).u8(0x0b); // i32.const 0; end
      elements.u32(signatures.size());
      for (int i = 0; i < signatures.size(); i++) {
        elements.u32(i);
      }
      module.section(ELEMENT_SECTION, elements.toByteArray());
    }
    return module.toByteArray();
  }

  /**
   * A {@code cabi_realloc} for a main module that exports none (a plain wasi-libc command): it
   * serves each request of at most 64 KiB with a fresh page from {@code memory.grow} on the
   * imported memory {@code "" "memory"}, and traps on anything else (reallocation of an existing
   * block, larger requests, memory exhausted). The preview1 adapter needs only two such blocks (its
   * stack and its state).
   */
  public static byte[] pageRealloc() {
    BinaryWriter module = preamble();
    module.section(
        TYPE_SECTION,
        typeSection(
            List.of(
                CoreSignature.of(
                    List.of(FlatType.I32, FlatType.I32, FlatType.I32, FlatType.I32),
                    List.of(FlatType.I32)))));
    BinaryWriter imports = new BinaryWriter().u32(1);
    imports.name("").name("memory").u8(0x02).u8(0x00).u32(0); // memory, limits {min 0}
    module.section(IMPORT_SECTION, imports.toByteArray());
    module.section(FUNCTION_SECTION, new BinaryWriter().u32(1).u32(0).toByteArray());
    BinaryWriter exports = new BinaryWriter().u32(1);
    exports.name("cabi_realloc").u8(0x00).u32(0);
    module.section(EXPORT_SECTION, exports.toByteArray());

    BinaryWriter body = new BinaryWriter().u32(1).u32(1).u8(FlatType.I32.opcode()); // 1 local
    body.u8(0x20).u32(0).u8(0x04).u8(0x40).u8(0x00).u8(0x0b); // if old != 0: unreachable
    body.u8(0x20).u32(3).u8(0x41).s32(65536).u8(0x4b); // new_size > 65536 (unsigned)
    body.u8(0x04).u8(0x40).u8(0x00).u8(0x0b); // if: unreachable
    body.u8(0x41).s32(1).u8(0x40).u8(0x00).u8(0x22).u32(4); // memory.grow 1; local.tee 4
    body.u8(0x41).s32(-1).u8(0x46); // == -1 (out of memory)
    body.u8(0x04).u8(0x40).u8(0x00).u8(0x0b); // if: unreachable
    body.u8(0x20).u32(4).u8(0x41).s32(16).u8(0x74); // old page count << 16 = the new page
    body.u8(0x0b);
    byte[] bytes = body.toByteArray();
    module.section(
        CODE_SECTION, new BinaryWriter().u32(1).u32(bytes.length).bytes(bytes).toByteArray());
    return module.toByteArray();
  }

  private static BinaryWriter preamble() {
    return new BinaryWriter().bytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
  }

  private static byte[] typeSection(List<CoreSignature> types) {
    BinaryWriter w = new BinaryWriter().u32(types.size());
    for (CoreSignature t : types) {
      w.u8(0x60).u32(t.params().size());
      t.params().forEach(p -> w.u8(p.opcode()));
      w.u32(t.results().size());
      t.results().forEach(r -> w.u8(r.opcode()));
    }
    return w.toByteArray();
  }

  /** {@code funcref} with limits min = max = size (core spec 5.3.7, 5.3.9). */
  private static void tableType(BinaryWriter w, int size) {
    w.u8(FUNCREF).u8(0x01).u32(size).u32(size);
  }

  private static List<CoreSignature> distinct(List<CoreSignature> signatures) {
    List<CoreSignature> types = new ArrayList<>();
    for (CoreSignature s : signatures) {
      if (!types.contains(s)) {
        types.add(s);
      }
    }
    return types;
  }
}
