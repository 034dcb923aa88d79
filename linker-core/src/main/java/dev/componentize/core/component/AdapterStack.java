package dev.componentize.core.component;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.wasm.ByteReader;
import dev.componentize.core.wasm.ByteWriter;
import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CodeBuilder;
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
    Map<String, Integer> globals;
    try {
      module = WasmReader.read("preview1 adapter", adapter);
      globals = globalNames(module);
    } catch (WasmFormatException e) {
      throw new ComponentEncodingException("preview1 adapter: " + e.getMessage());
    }
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
    Bytes prologue = new CodeBuilder().call(allocate).fragment(); // call $allocate_stack
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
                new FunctionBody(
                    body.locals(), new ByteWriter().bytes(prologue).bytes(body.code()).toBytes()));
          }
        }
        bodies.add(
            new FunctionBody(
                List.of(),
                allocateStack(globals.get(STACK_POINTER), globals.get(ALLOCATION_STATE), realloc)));
        sections.set(i, new CodeSection(bodies));
      }
    }
    return WasmWriter.write(module.withSections(sections));
  }

  /** The body of {@code allocate_stack}. */
  private static Bytes allocateStack(int stackPointer, int state, int realloc) {
    return new CodeBuilder()
        .globalGet(state)
        .i32Eqz()
        .ifThen()
        .i32Const(1) // "allocating"
        .globalSet(state)
        .i32Const(0) // old pointer
        .i32Const(0) // old size
        .i32Const(8) // alignment
        .i32Const(STACK_SIZE) // new size
        .call(realloc)
        .i32Const(STACK_SIZE) // the stack grows down
        .i32Add()
        .globalSet(stackPointer)
        .i32Const(2) // "stack allocated"
        .globalSet(state)
        .end() // if
        .end() // function
        .build();
  }

  /** Global index by name, from subsection 7 of the {@code name} custom section. */
  private static Map<String, Integer> globalNames(WasmModule module) {
    Map<String, Integer> names = new HashMap<>();
    for (Section section : module.sections()) {
      if (section instanceof CustomSection custom && custom.name().equals("name")) {
        ByteReader in = ByteReader.of("preview1 adapter", custom.content().toArray());
        while (!in.atEnd()) {
          int id = in.u8();
          ByteReader subsection = in.slice(in.index("name subsection size"), "name");
          if (id == 7) {
            int count = subsection.index("global name count");
            for (int i = 0; i < count; i++) {
              int index = subsection.u32();
              names.put(subsection.name(), index);
            }
          }
        }
      }
    }
    return names;
  }
}
