package dev.componentize.core.component.binary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a component binary definition by definition (Binary.md, "Component Definitions"), and
 * keeps the index spaces: every method that defines something returns the index it received in its
 * sort, so callers never count by hand.
 *
 * <p>Definitions are written in call order; consecutive definitions of the same vector section
 * share one section. The output depends only on the calls, so equal inputs give equal bytes.
 */
public final class ComponentBuilder {
  private static final byte[] PREAMBLE = {
    0x00,
    0x61,
    0x73,
    0x6d, // magic "\0asm"
    0x0d,
    0x00, // version 0xd (pre-standard component binary)
    0x01,
    0x00 // layer 1: a component, not a core module
  };

  private static final int CUSTOM = 0;
  private static final int CORE_MODULE = 1;
  private static final int CORE_INSTANCE = 2;
  private static final int CORE_TYPE = 3;
  private static final int COMPONENT = 4;
  private static final int INSTANCE = 5;
  private static final int ALIAS = 6;
  private static final int TYPE = 7;
  private static final int CANON = 8;
  private static final int START = 9;
  private static final int IMPORT = 10;
  private static final int EXPORT = 11;

  private final BinaryWriter out = new BinaryWriter();
  private final Map<Sort, Integer> counts = new EnumMap<>(Sort.class);
  private int openSection = -1;
  private final List<byte[]> openItems = new ArrayList<>();

  public ComponentBuilder() {
    out.bytes(PREAMBLE);
  }

  /** Number of items defined so far in {@code sort}'s index space. */
  public int count(Sort sort) {
    return counts.getOrDefault(sort, 0);
  }

  /** Embeds a core module (section 1) given its complete binary. */
  public int coreModule(byte[] module) {
    Objects.requireNonNull(module, "module");
    flush();
    out.section(CORE_MODULE, module);
    return next(Sort.CORE_MODULE);
  }

  /** {@code (core instance (instantiate m (with n (instance i))*))}. */
  public int coreInstantiate(int module, List<NamedItem> args) {
    BinaryWriter w = new BinaryWriter().u8(0x00).u32(module).u32(args.size());
    for (NamedItem arg : args) {
      if (arg.sort() != Sort.CORE_INSTANCE) {
        throw new IllegalArgumentException("core instantiation takes instances: " + arg);
      }
      w.name(arg.name()).u8(Sort.CORE_INSTANCE.coreCode()).u32(arg.index());
    }
    item(CORE_INSTANCE, w);
    return next(Sort.CORE_INSTANCE);
  }

  /** {@code (core instance (export n (sort i))*)}: a core instance made of existing items. */
  public int coreInstanceOf(List<NamedItem> exports) {
    BinaryWriter w = new BinaryWriter().u8(0x01).u32(exports.size());
    for (NamedItem e : exports) {
      w.name(e.name()).u8(e.sort().coreCode()).u32(e.index());
    }
    item(CORE_INSTANCE, w);
    return next(Sort.CORE_INSTANCE);
  }

  /** Embeds a nested component (section 4) given its complete binary. */
  public int component(byte[] component) {
    flush();
    out.section(COMPONENT, component);
    return next(Sort.COMPONENT);
  }

  /** {@code (instance (instantiate c (with n si)*))}. */
  public int instantiate(int component, List<NamedItem> args) {
    BinaryWriter w = new BinaryWriter().u8(0x00).u32(component).u32(args.size());
    for (NamedItem arg : args) {
      w.name(arg.name());
      arg.sort().write(w);
      w.u32(arg.index());
    }
    item(INSTANCE, w);
    return next(Sort.INSTANCE);
  }

  /** {@code (instance (export n si)*)}: a component instance made of existing items. */
  public int instanceOf(List<NamedItem> exports) {
    BinaryWriter w = new BinaryWriter().u8(0x01).u32(exports.size());
    for (NamedItem e : exports) {
      ExternNames.write(w, e.name());
      e.sort().write(w);
      w.u32(e.index());
    }
    item(INSTANCE, w);
    return next(Sort.INSTANCE);
  }

  /** An alias; returns the new index in the alias's sort. */
  public int alias(Alias alias) {
    BinaryWriter w = new BinaryWriter();
    alias.write(w);
    item(ALIAS, w);
    return next(alias.sort());
  }

  /** A component-level type definition. */
  public int type(IndexedTypeDef type) {
    BinaryWriter w = new BinaryWriter();
    type.write(w);
    item(TYPE, w);
    return next(Sort.TYPE);
  }

  /** {@code (canon lift f opts (type t))}: a component function from core function {@code f}. */
  public int canonLift(int coreFunc, List<CanonOption> options, int funcType) {
    BinaryWriter w = new BinaryWriter().u8(0x00).u8(0x00).u32(coreFunc);
    writeOptions(w, options);
    w.u32(funcType);
    item(CANON, w);
    return next(Sort.FUNC);
  }

  /** {@code (canon lower f opts)}: a core function from component function {@code f}. */
  public int canonLower(int func, List<CanonOption> options) {
    BinaryWriter w = new BinaryWriter().u8(0x01).u8(0x00).u32(func);
    writeOptions(w, options);
    item(CANON, w);
    return next(Sort.CORE_FUNC);
  }

  /** {@code (canon resource.new t)}: {@code [rep:i32] -> [handle:i32]}. */
  public int resourceNew(int resourceType) {
    item(CANON, new BinaryWriter().u8(0x02).u32(resourceType));
    return next(Sort.CORE_FUNC);
  }

  /** {@code (canon resource.drop t)}: {@code [handle:i32] -> []}. */
  public int resourceDrop(int resourceType) {
    item(CANON, new BinaryWriter().u8(0x03).u32(resourceType));
    return next(Sort.CORE_FUNC);
  }

  /** {@code (canon resource.rep t)}: {@code [handle:i32] -> [rep:i32]}. */
  public int resourceRep(int resourceType) {
    item(CANON, new BinaryWriter().u8(0x04).u32(resourceType));
    return next(Sort.CORE_FUNC);
  }

  /**
   * {@code (canon task.return (result t)? opts)} (CanonicalABI.md "canon task.return"): the async
   * export's results, flattened as parameters.
   */
  public int taskReturn(Optional<TypeRef> result, List<CanonOption> options) {
    BinaryWriter w = new BinaryWriter().u8(0x09);
    if (result.isPresent()) {
      w.u8(0x00);
      result.get().write(w);
    } else {
      w.u8(0x01).u32(0);
    }
    writeOptions(w, options);
    item(CANON, w);
    return next(Sort.CORE_FUNC);
  }

  /** The task and waitable built-ins without immediates (Binary.md, {@code canon}). */
  public enum AsyncBuiltin {
    /** {@code subtask.drop}: {@code [subtask:i32] -> []}. */
    SUBTASK_DROP(0x0d),
    /** {@code waitable-set.new}: {@code [] -> [set:i32]}. */
    WAITABLE_SET_NEW(0x1f),
    /** {@code waitable-set.drop}: {@code [set:i32] -> []}. */
    WAITABLE_SET_DROP(0x22),
    /** {@code waitable.join}: {@code [waitable:i32 set:i32] -> []}. */
    WAITABLE_JOIN(0x23);

    final int opcode;

    AsyncBuiltin(int opcode) {
      this.opcode = opcode;
    }
  }

  /** {@code (canon <builtin>)} for a built-in without immediates. */
  public int asyncBuiltin(AsyncBuiltin builtin) {
    item(CANON, new BinaryWriter().u8(builtin.opcode));
    return next(Sort.CORE_FUNC);
  }

  /**
   * {@code (canon context.get i32 slot)} or {@code context.set}: the current task's context-local
   * storage (CanonicalABI.md "canon context.get").
   */
  public int context(boolean set, int slot) {
    item(CANON, new BinaryWriter().u8(set ? 0x0b : 0x0a).u8(0x7f).u32(slot));
    return next(Sort.CORE_FUNC);
  }

  /**
   * A built-in of the stream or future type {@code type} (Binary.md, {@code canon}: {@code
   * stream.new} 0x0e to {@code stream.drop-writable} 0x14, {@code future.new} 0x15 to {@code
   * future.drop-writable} 0x1b). Read and write take the options (async, memory, realloc, string
   * encoding); the two cancels are synchronous (a trailing 0x00: async cancels need wasmtime 49's
   * "more async builtins" feature).
   */
  public int handleBuiltin(
      HandleBuiltin builtin, boolean future, int type, List<CanonOption> options) {
    BinaryWriter w = new BinaryWriter().u8(builtin.opcode + (future ? 7 : 0)).u32(type);
    switch (builtin) {
      case READ, WRITE -> writeOptions(w, options);
      case CANCEL_READ, CANCEL_WRITE -> w.u8(0x00); // synchronous: async needs a later feature
      default -> {}
    }
    item(CANON, w);
    return next(Sort.CORE_FUNC);
  }

  /** The built-ins of one stream or future type, in opcode order (stream opcodes). */
  public enum HandleBuiltin {
    NEW(0x0e),
    READ(0x0f),
    WRITE(0x10),
    CANCEL_READ(0x11),
    CANCEL_WRITE(0x12),
    DROP_READABLE(0x13),
    DROP_WRITABLE(0x14);

    final int opcode;

    HandleBuiltin(int opcode) {
      this.opcode = opcode;
    }
  }

  /** {@code error-context.new} (0x1c): {@code [ptr:i32 len:i32] -> [i32]}, with its options. */
  public int errorContextNew(List<CanonOption> options) {
    BinaryWriter w = new BinaryWriter().u8(0x1c);
    writeOptions(w, options);
    item(CANON, w);
    return next(Sort.CORE_FUNC);
  }

  /** {@code error-context.debug-message} (0x1d): {@code [i32 retptr:i32] -> []}. */
  public int errorContextDebugMessage(List<CanonOption> options) {
    BinaryWriter w = new BinaryWriter().u8(0x1d);
    writeOptions(w, options);
    item(CANON, w);
    return next(Sort.CORE_FUNC);
  }

  /** {@code error-context.drop} (0x1e): {@code [i32] -> []}. */
  public int errorContextDrop() {
    item(CANON, new BinaryWriter().u8(0x1e));
    return next(Sort.CORE_FUNC);
  }

  /**
   * A start definition calling component function {@code func} with no arguments and no results
   * (Binary.md, "Start Definitions"; value arguments are not supported here).
   */
  public void start(int func) {
    flush();
    out.section(START, new BinaryWriter().u32(func).u32(0).u32(0).toByteArray());
  }

  /** An import; returns the new index in the descriptor's sort. */
  public int importItem(String name, ExternDesc desc) {
    BinaryWriter w = new BinaryWriter();
    ExternNames.write(w, name);
    desc.write(w);
    item(IMPORT, w);
    return next(desc.sort());
  }

  /**
   * An export of item {@code index} of {@code sort}, optionally ascribed a (super)type; returns the
   * new index the export introduces in {@code sort} (Binary.md: "All exports ... introduce a new
   * index that aliases the exported definition").
   */
  public int export(String name, Sort sort, int index, Optional<ExternDesc> ascribed) {
    BinaryWriter w = new BinaryWriter();
    ExternNames.write(w, name);
    sort.write(w);
    w.u32(index);
    if (ascribed.isPresent()) {
      if (ascribed.get().sort() != sort) {
        throw new IllegalArgumentException(
            "ascribed " + ascribed.get() + " does not match " + sort);
      }
      w.u8(0x01);
      ascribed.get().write(w);
    } else {
      w.u8(0x00);
    }
    item(EXPORT, w);
    return next(sort);
  }

  /** A custom section (section 0): a name and uninterpreted bytes. */
  public void custom(String name, byte[] data) {
    flush();
    out.section(CUSTOM, new BinaryWriter().name(name).bytes(data).toByteArray());
  }

  /** The finished component binary. The builder stays usable; later calls append. */
  public byte[] toBytes() {
    flush();
    return out.toByteArray();
  }

  private int next(Sort sort) {
    int index = count(sort);
    counts.put(sort, index + 1);
    return index;
  }

  private void item(int section, BinaryWriter contents) {
    if (openSection != section) {
      flush();
      openSection = section;
    }
    openItems.add(contents.toByteArray());
  }

  /** Closes the vector section being collected: {@code section_N(vec(item))}. */
  private void flush() {
    if (openSection < 0) {
      return;
    }
    BinaryWriter body = new BinaryWriter().u32(openItems.size());
    openItems.forEach(body::bytes);
    out.section(openSection, body.toByteArray());
    openSection = -1;
    openItems.clear();
  }

  private static void writeOptions(BinaryWriter w, List<CanonOption> options) {
    w.u32(options.size());
    options.forEach(o -> o.write(w));
  }
}
