package dev.componentize.core.component;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CodeSection;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.Export;
import dev.componentize.core.wasm.ExportSection;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.FunctionBody;
import dev.componentize.core.wasm.FunctionSection;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.ImportSection;
import dev.componentize.core.wasm.Section;
import dev.componentize.core.wasm.TypeSection;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wasm.WasmWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the WASI preview1 adapter a stack. The adapter (wasi-preview1-component-adapter, shipped in
 * jco's {@code lib/}) is built without one: its {@code __stack_pointer} global starts at 0 and its
 * {@code allocation_state} global at 0 ("unallocated"); the tool that embeds it must allocate the
 * stack on first entry. This rewrite adds a function that, while {@code allocation_state} is 0,
 * sets it to 1, takes 64 KiB from {@code __main_module__.cabi_realloc}, points {@code
 * __stack_pointer} at its end, and sets the state to 2 ("stack allocated", the value the adapter's
 * {@code State::new} waits for); every exported function then calls it first.
 *
 * <p>The globals are found by their names in the adapter's {@code name} section (core spec appendix
 * 7.4, subsection 7: global names).
 */
final class AdapterStack {
  static final int STACK_SIZE = 64 * 1024;
  private static final String STACK_POINTER = "__stack_pointer";
  private static final String ALLOCATION_STATE = "allocation_state";

  private AdapterStack() {}

  static byte[] prepare(byte[] adapter) throws ComponentEncodingException {
    WasmModule module;
    try {
      module = WasmReader.read("preview1 adapter", adapter);
    } catch (WasmFormatException e) {
      throw new ComponentEncodingException("preview1 adapter: " + e.getMessage());
    }
    Map<String, Integer> globals = globalNames(module);
    if (!globals.containsKey(ALLOCATION_STATE) || !globals.containsKey(STACK_POINTER)) {
      return adapter; // an adapter that manages its own stack
    }
    List<Section> sections = new ArrayList<>(module.sections());
    int funcImports = 0;
    int realloc = -1;
    for (Section section : sections) {
      if (section instanceof ImportSection imports) {
        for (Import imp : imports.imports()) {
          if (imp.kind() == ExternalKind.FUNC) {
            if (imp.module().equals("__main_module__") && imp.name().equals("cabi_realloc")) {
              realloc = funcImports;
            }
            funcImports++;
          }
        }
      }
    }
    if (realloc < 0) {
      throw new ComponentEncodingException(
          "preview1 adapter has no import __main_module__.cabi_realloc to allocate its stack");
    }
    int typeIndex = -1;
    int defined = 0;
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      if (section instanceof TypeSection types) {
        List<FuncType> list = new ArrayList<>(types.types());
        typeIndex = list.indexOf(FuncType.of(List.of(), List.of()));
        if (typeIndex < 0) {
          list.add(FuncType.of(List.of(), List.of()));
          typeIndex = list.size() - 1;
          sections.set(i, new TypeSection(list));
        }
      } else if (section instanceof FunctionSection functions) {
        defined = functions.typeIndices().size();
      }
    }
    int allocate = funcImports + defined;
    byte[] prologue = concat(new byte[] {0x10}, uleb(allocate)); // call $allocate_stack
    List<Integer> exported = new ArrayList<>();
    for (Section section : sections) {
      if (section instanceof ExportSection exports) {
        for (Export e : exports.exports()) {
          if (e.kind() == ExternalKind.FUNC) {
            exported.add(e.index() - funcImports);
          }
        }
      }
    }
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      if (section instanceof FunctionSection functions) {
        List<Integer> list = new ArrayList<>(functions.typeIndices());
        list.add(typeIndex);
        sections.set(i, new FunctionSection(list));
      } else if (section instanceof CodeSection code) {
        List<FunctionBody> bodies = new ArrayList<>(code.bodies());
        for (int index : exported) {
          if (index >= 0) {
            FunctionBody body = bodies.get(index);
            bodies.set(
                index,
                new FunctionBody(body.locals(), Bytes.of(concat(prologue, body.code().toArray()))));
          }
        }
        bodies.add(
            new FunctionBody(
                List.of(),
                Bytes.of(
                    allocateStack(
                        globals.get(STACK_POINTER), globals.get(ALLOCATION_STATE), realloc))));
        sections.set(i, new CodeSection(bodies));
      }
    }
    return WasmWriter.write(module.withSections(sections));
  }

  /** The body of {@code allocate_stack} (core spec 5.4 instruction encodings). */
  private static byte[] allocateStack(int stackPointer, int state, int realloc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(concat(new byte[] {0x23}, uleb(state))); // global.get $allocation_state
    out.writeBytes(new byte[] {0x45}); // i32.eqz
    out.writeBytes(new byte[] {0x04, 0x40}); // if (no result)
    out.writeBytes(new byte[] {0x41, 0x01}); //   i32.const 1 ("allocating")
    out.writeBytes(concat(new byte[] {0x24}, uleb(state))); // global.set $allocation_state
    out.writeBytes(new byte[] {0x41, 0x00, 0x41, 0x00, 0x41, 0x08}); // old=0, old_size=0, align 8
    out.writeBytes(concat(new byte[] {0x41}, sleb(STACK_SIZE))); // new_size
    out.writeBytes(concat(new byte[] {0x10}, uleb(realloc))); // call cabi_realloc
    out.writeBytes(concat(new byte[] {0x41}, sleb(STACK_SIZE))); // the stack grows down
    out.writeBytes(new byte[] {0x6a}); // i32.add
    out.writeBytes(concat(new byte[] {0x24}, uleb(stackPointer))); // global.set $__stack_pointer
    out.writeBytes(new byte[] {0x41, 0x02}); //   i32.const 2 ("stack allocated")
    out.writeBytes(concat(new byte[] {0x24}, uleb(state))); // global.set $allocation_state
    out.writeBytes(new byte[] {0x0b, 0x0b}); // end if; end function
    return out.toByteArray();
  }

  /** Global index by name, from subsection 7 of the {@code name} custom section. */
  private static Map<String, Integer> globalNames(WasmModule module) {
    Map<String, Integer> names = new HashMap<>();
    for (Section section : module.sections()) {
      if (section instanceof CustomSection custom && custom.name().equals("name")) {
        byte[] data = custom.content().toArray();
        int[] pos = {0};
        while (pos[0] < data.length) {
          int id = data[pos[0]++] & 0xff;
          int size = readU32(data, pos);
          int end = pos[0] + size;
          if (id == 7) {
            int count = readU32(data, pos);
            for (int i = 0; i < count; i++) {
              int index = readU32(data, pos);
              int length = readU32(data, pos);
              names.put(new String(data, pos[0], length, StandardCharsets.UTF_8), index);
              pos[0] += length;
            }
          }
          pos[0] = end;
        }
      }
    }
    return names;
  }

  private static int readU32(byte[] data, int[] pos) {
    int result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = data[pos[0]++] & 0xff;
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }

  private static byte[] uleb(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
    return out.toByteArray();
  }

  private static byte[] sleb(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = value & 0x7f;
      value >>= 7;
      boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
