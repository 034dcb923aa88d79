package dev.componentize.core.component;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.CodeBuilder;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.ModuleBuilder;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stub-WASI mode (componentize-py's {@code --stub-wasi}): instead of the preview1 adapter, a
 * generated core module serves every {@value WorldEncoder#PREVIEW1} function the program imports
 * with a body that is just {@code unreachable}. The component then imports nothing from WASI, only
 * what its world imports; a guest that still calls WASI at run time traps at that call.
 *
 * <p>The module goes where the adapter would ({@link WorldEncoder#encodeProgram}): it has no
 * imports and exports each function under its preview1 name with the signature the program imports
 * it with, so the encoder wires the program's preview1 imports to it exactly as to an adapter.
 */
public final class TrappingWasi {
  private TrappingWasi() {}

  /**
   * The trapping module for {@code program}'s preview1 imports, functions in name order (so equal
   * programs give equal bytes).
   *
   * @throws ComponentEncodingException if two instances import one preview1 function with different
   *     signatures (no single export could serve both)
   */
  public static byte[] module(LinkedProgram program) throws ComponentEncodingException {
    Map<String, FuncType> functions = new TreeMap<>();
    for (ProgramInstance instance : program.instances()) {
      WasmModule module = instance.module();
      for (Import imp : module.imports()) {
        if (!imp.module().equals(WorldEncoder.PREVIEW1)
            || !(imp.type() instanceof Import.Func func)) {
          continue;
        }
        FuncType type = module.types().get(func.typeIndex());
        FuncType known = functions.putIfAbsent(imp.name(), type);
        if (known != null && !known.equals(type)) {
          throw new ComponentEncodingException(
              "instance '"
                  + instance.name()
                  + "' imports "
                  + WorldEncoder.PREVIEW1
                  + " '"
                  + imp.name()
                  + "' as "
                  + type
                  + ", another instance as "
                  + known);
        }
      }
    }
    ModuleBuilder builder = new ModuleBuilder();
    for (Map.Entry<String, FuncType> function : functions.entrySet()) {
      CodeBuilder code = new CodeBuilder().unreachable().end();
      int index = builder.function(function.getValue(), code.body(List.of()));
      builder.export(function.getKey(), ExternalKind.FUNC, index);
    }
    return WasmWriter.write(builder.build());
  }
}
