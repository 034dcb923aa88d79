package dev.componentize.core.component.binary;

import dev.componentize.core.component.canon.CoreSignature;
import dev.componentize.core.component.canon.FlatType;
import dev.componentize.core.wasm.ExportSection;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.ImportSection;
import dev.componentize.core.wasm.Section;
import dev.componentize.core.wasm.SectionId;
import dev.componentize.core.wasm.TypeSection;
import dev.componentize.core.wasm.ValType;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The imports and exports of a core module, which is all the component encoder needs to know about
 * it (core spec 5.5.5 "Import Section" and 5.5.10 "Export Section"), read by the {@code wasm}
 * package's reader.
 */
public record CoreModuleInterface(
    List<Import> imports, List<Export> exports, List<Optional<CoreSignature>> importSignatures) {
  /** Import and export kinds (core spec 5.5.5, {@code importdesc}). */
  public enum Kind {
    FUNC,
    TABLE,
    MEMORY,
    GLOBAL,
    TAG
  }

  public record Import(String module, String field, Kind kind) {}

  public record Export(String name, Kind kind, int index) {}

  public CoreModuleInterface {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
    importSignatures = List.copyOf(importSignatures);
    if (importSignatures.size() != imports.size()) {
      throw new IllegalArgumentException("one signature (or none) per import");
    }
  }

  /** The core function type of the {@code index}th import, empty for non-function imports. */
  public Optional<CoreSignature> signature(int index) {
    return importSignatures.get(index);
  }

  public Optional<Export> export(String name) {
    return exports.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public boolean exportsFunc(String name) {
    return export(name).map(e -> e.kind() == Kind.FUNC).orElse(false);
  }

  /**
   * Reads the type, import and export sections of {@code module} through the wasm reader ({@link
   * WasmReader#sections}); the other sections are skipped by their declared size.
   *
   * @throws ComponentEncodingException if the module is malformed, naming the section and offset
   */
  public static CoreModuleInterface read(byte[] module) throws ComponentEncodingException {
    List<Section> sections;
    try {
      sections =
          WasmReader.sections(
              "core module",
              module,
              EnumSet.of(SectionId.TYPE, SectionId.IMPORT, SectionId.EXPORT));
    } catch (WasmFormatException e) {
      throw new ComponentEncodingException(e.getMessage());
    }
    List<FuncType> types = List.of();
    List<dev.componentize.core.wasm.Import> imports = List.of();
    List<dev.componentize.core.wasm.Export> exports = List.of();
    for (Section section : sections) {
      if (section instanceof TypeSection t) {
        types = t.types();
      } else if (section instanceof ImportSection i) {
        imports = i.imports();
      } else if (section instanceof ExportSection e) {
        exports = e.exports();
      }
    }
    return of(types, imports, exports);
  }

  /** The imports, exports and imported function signatures of {@code module}. */
  public static CoreModuleInterface of(WasmModule module) throws ComponentEncodingException {
    return of(module.types(), module.imports(), module.exports());
  }

  private static CoreModuleInterface of(
      List<FuncType> types,
      List<dev.componentize.core.wasm.Import> moduleImports,
      List<dev.componentize.core.wasm.Export> moduleExports)
      throws ComponentEncodingException {
    List<Import> imports = new ArrayList<>();
    List<Optional<CoreSignature>> signatures = new ArrayList<>();
    for (dev.componentize.core.wasm.Import imp : moduleImports) {
      imports.add(new Import(imp.module(), imp.name(), kind(imp.kind())));
      if (imp.type() instanceof dev.componentize.core.wasm.Import.Func f) {
        if (f.typeIndex() >= types.size()) {
          throw new ComponentEncodingException(
              "core module: import '"
                  + imp.module()
                  + "' '"
                  + imp.name()
                  + "' has unknown type "
                  + f.typeIndex());
        }
        signatures.add(Optional.of(signature(types.get(f.typeIndex()), imp)));
      } else {
        signatures.add(Optional.empty());
      }
    }
    List<Export> exports = new ArrayList<>();
    for (dev.componentize.core.wasm.Export export : moduleExports) {
      exports.add(new Export(export.name(), kind(export.kind()), export.index()));
    }
    return new CoreModuleInterface(imports, exports, signatures);
  }

  private static Kind kind(ExternalKind kind) {
    return Kind.valueOf(kind.name());
  }

  /** A function type of number types only: the canonical ABI's flat types. */
  private static CoreSignature signature(FuncType type, dev.componentize.core.wasm.Import imp)
      throws ComponentEncodingException {
    return CoreSignature.of(flat(type.params(), imp), flat(type.results(), imp));
  }

  private static List<FlatType> flat(List<ValType> types, dev.componentize.core.wasm.Import imp)
      throws ComponentEncodingException {
    List<FlatType> flat = new ArrayList<>(types.size());
    for (ValType type : types) {
      switch (type) {
        case I32 -> flat.add(FlatType.I32);
        case I64 -> flat.add(FlatType.I64);
        case F32 -> flat.add(FlatType.F32);
        case F64 -> flat.add(FlatType.F64);
        default ->
            throw new ComponentEncodingException(
                "core module: import '"
                    + imp.module()
                    + "' '"
                    + imp.name()
                    + "' has a parameter or result of type "
                    + type
                    + ", which is not a number type");
      }
    }
    return flat;
  }
}
