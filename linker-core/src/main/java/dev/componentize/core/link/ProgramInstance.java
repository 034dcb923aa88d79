package dev.componentize.core.link;

import dev.componentize.core.wasm.WasmModule;
import java.util.List;

/**
 * One core module instance of a linked program, and where each of its imports comes from.
 *
 * @param name unique within the program: the library's name, or {@code main} / {@code init} for the
 *     synthesized modules
 * @param module the module to instantiate
 * @param imports one binding per import of {@code module}, in the module's import order
 */
public record ProgramInstance(String name, WasmModule module, List<ImportBinding> imports) {
  public ProgramInstance {
    imports = List.copyOf(imports);
  }
}
