package dev.componentize.core.link;

import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.wasm.Export;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import java.util.List;
import java.util.Optional;

/** A library read and checked: its module and its {@code dylink.0} metadata. */
record LoadedLibrary(String name, WasmModule module, DylinkSection dylink, boolean dlOpenable) {

  /**
   * Reads {@code library}; a problem that makes it unlinkable is added to {@code problems} and the
   * result is empty.
   */
  static Optional<LoadedLibrary> load(Library library, List<String> problems) {
    WasmModule module;
    try {
      module = WasmReader.read(library.name(), library.bytes());
    } catch (WasmFormatException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
    Optional<DylinkSection> dylink;
    try {
      dylink = DylinkSection.of(module);
    } catch (WasmFormatException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
    if (dylink.isEmpty()) {
      problems.add(
          library.name()
              + " is not a position-independent library (no dylink.0 section): build it with"
              + " -fPIC and link it with -shared");
      return Optional.empty();
    }
    for (Export export : module.exports()) {
      if (export.kind() == ExternalKind.MEMORY) {
        problems.add(
            library.name()
                + " exports its own memory '"
                + export.name()
                + "': a shared library must import env.memory; rebuild it with -shared"
                + " (Rust: a cdylib for wasm32-wasip1 with -C relocation-model=pic)");
        return Optional.empty();
      }
    }
    if (!module.memories().isEmpty()) {
      problems.add(
          library.name()
              + " defines its own memory instead of importing env.memory; rebuild it with -shared");
      return Optional.empty();
    }
    return Optional.of(
        new LoadedLibrary(library.name(), module, dylink.get(), library.dlOpenable()));
  }

  /**
   * Whether import {@code module.field} may stay unresolved. wasm-ld records the binding per symbol
   * under {@code env} in dylink.0 import-info, also when the library reaches the symbol through
   * {@code GOT.func}/{@code GOT.mem}, so both entries are consulted.
   */
  boolean isWeak(Import anImport) {
    return dylink.isWeakImport(anImport.module(), anImport.name())
        || dylink.isWeakImport("env", anImport.name());
  }
}
