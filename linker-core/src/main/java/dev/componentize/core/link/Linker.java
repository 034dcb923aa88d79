package dev.componentize.core.link;

import dev.componentize.core.dylink.DylinkSubsection.MemInfo;
import dev.componentize.core.dylink.SymbolFlags;
import dev.componentize.core.link.ImportBinding.External;
import dev.componentize.core.link.ImportBinding.FromInstance;
import dev.componentize.core.link.SlotAllocator.FunctionRef;
import dev.componentize.core.wasm.Export;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.Global;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Links position-independent wasm libraries into a {@link LinkedProgram} (shared-everything dynamic
 * linking, tool-conventions DynamicLinking.md). The design is described in docs/design/linker.md.
 */
public final class Linker {

  /** Symbols a library may define for itself only; they are never shared between libraries. */
  private static final Set<String> PRIVATE_SYMBOLS =
      Set.of(
          "__wasm_call_ctors",
          "__wasm_apply_data_relocs",
          "__wasm_apply_global_relocs",
          "__wasm_apply_tls_relocs",
          "__wasm_init_tls",
          "__wasm_init_memory",
          "_initialize",
          "_start",
          "__dso_handle",
          "__memory_base",
          "__table_base",
          "__stack_pointer",
          "__tls_base",
          "__tls_size",
          "__tls_align",
          "__indirect_function_table");

  private static final String DL_TABLE_SYMBOL = "__componentize_dl_table";

  private final LinkOptions options;

  public Linker(LinkOptions options) {
    this.options = options;
  }

  /** Links {@code libraries}; every problem found is reported together in one exception. */
  public LinkedProgram link(List<Library> libraries) throws LinkException {
    List<String> problems = new ArrayList<>();
    Map<String, LoadedLibrary> byName = new LinkedHashMap<>();
    for (Library library : libraries) {
      if (byName.containsKey(library.name())) {
        problems.add("two libraries are called " + library.name());
        continue;
      }
      LoadedLibrary.load(library, problems).ifPresent(l -> byName.put(l.name(), l));
    }
    Map<String, List<String>> needed = new LinkedHashMap<>();
    for (LoadedLibrary library : byName.values()) {
      List<String> dependencies = new ArrayList<>();
      for (String dependency : library.dylink().needed()) {
        Optional<String> found = findNeeded(dependency, byName.keySet());
        if (found.isPresent()) {
          dependencies.add(found.get());
        } else {
          problems.add(
              library.name()
                  + " needs library "
                  + dependency
                  + ", which is not among the libraries to link (have: "
                  + String.join(", ", byName.keySet())
                  + ")");
        }
      }
      needed.put(library.name(), dependencies);
    }
    if (!problems.isEmpty()) {
      throw new LinkException(problems);
    }
    List<LoadedLibrary> order = DependencyOrder.of(needed).stream().map(byName::get).toList();
    List<LoadedLibrary> scope =
        DependencyOrder.lookupScope(needed).stream().map(byName::get).toList();
    return new Session(order, scope, problems).run();
  }

  /**
   * The library a {@code needed} entry names: the one called exactly that, else the only one whose
   * file name (last path segment) is that. wasm-ld records the file name given on its command line,
   * while dl-openable libraries are called by the full path CPython opens them with.
   */
  private static Optional<String> findNeeded(String needed, Set<String> names) {
    if (names.contains(needed)) {
      return Optional.of(needed);
    }
    List<String> byFileName = names.stream().filter(name -> name.endsWith("/" + needed)).toList();
    return byFileName.size() == 1 ? Optional.of(byFileName.get(0)) : Optional.empty();
  }

  /** The state of one link. */
  private final class Session {
    private final List<LoadedLibrary> order;
    private final List<LoadedLibrary> scope;
    private final Map<String, Integer> position = new HashMap<>();
    private final List<String> problems;
    private final Map<String, Definition> functions = new HashMap<>();
    private final Map<String, Definition> data = new HashMap<>();
    private final MainModule main = new MainModule();
    private final InitModule init = new InitModule();
    private final Map<FunctionRef, FuncType> slotTypes = new HashMap<>();
    private final List<String> stubbed = new ArrayList<>();
    private SlotAllocator slots;
    private Layout layout;

    /** A symbol and the library that defines it (the first in dependency order). */
    private record Definition(LoadedLibrary library, Export export) {}

    Session(List<LoadedLibrary> order, List<LoadedLibrary> scope, List<String> problems) {
      this.order = order;
      this.scope = scope;
      this.problems = problems;
      for (int i = 0; i < order.size(); i++) {
        position.put(order.get(i).name(), i);
      }
    }

    LinkedProgram run() throws LinkException {
      collectDefinitions();
      List<DlTable.Entry> dlPlan = dlOpenableExports();
      layout = layOut(dlPlan);
      List<ProgramInstance> instances = new ArrayList<>();
      List<ProgramInstance> libraries = new ArrayList<>();
      Optional<Long> maxPages = Optional.empty();
      for (LoadedLibrary library : order) {
        libraries.add(new ProgramInstance(library.name(), library.module(), bind(library)));
        maxPages = tighterMax(maxPages, library);
      }
      byte[] dlTable = DlTable.encode(layout.dlTable(), withAddresses(dlPlan));
      for (LoadedLibrary library : order) {
        library
            .module()
            .export("__wasm_apply_data_relocs")
            .filter(e -> e.kind() == ExternalKind.FUNC)
            .ifPresent(e -> init.applyRelocations(library.name(), e.name()));
      }
      for (LoadedLibrary library : order) {
        constructorExport(library).ifPresent(name -> init.runConstructors(library.name(), name));
      }
      if (!problems.isEmpty()) {
        throw new LinkException(problems);
      }
      layout = layout.withTableSize(slots.end());
      if (maxPages.isPresent() && maxPages.get() < layout.initialPages()) {
        throw new LinkException(
            List.of(
                "the libraries need "
                    + layout.initialPages()
                    + " pages of memory but one of them limits env.memory to "
                    + maxPages.get()));
      }
      instances.add(
          new ProgramInstance(
              MainModule.INSTANCE, main.build(layout, maxPages, dlTable), List.of()));
      instances.addAll(libraries);
      instances.add(
          new ProgramInstance(
              InitModule.INSTANCE,
              init.build(layout.tableSize(), slots.slots(), slotTypes),
              init.bindings(slots.slots())));
      List<String> dlNames = dlPlan.stream().map(DlTable.Entry::name).sorted().toList();
      return new LinkedProgram(instances, layout, dlNames, stubbed);
    }

    /**
     * Each symbol's definition: the first in lookup scope order (see {@link
     * DependencyOrder#lookupScope}), except that a strong definition replaces a weak one.
     */
    private void collectDefinitions() {
      for (LoadedLibrary library : scope) {
        for (Export export : library.module().exports()) {
          if (PRIVATE_SYMBOLS.contains(export.name())) {
            continue;
          }
          Definition definition = new Definition(library, export);
          switch (export.kind()) {
            case FUNC -> {
              Definition first = functions.get(export.name());
              if (first == null) {
                functions.put(export.name(), definition);
              } else {
                checkSameSignature(first, definition);
                if (isWeak(first) && !isWeak(definition)) {
                  functions.put(export.name(), definition);
                }
              }
            }
            case GLOBAL -> {
              Definition first = data.get(export.name());
              if (first == null || (isWeak(first) && !isWeak(definition))) {
                data.put(export.name(), definition);
              }
            }
            default -> {
              // Tables and tags are not shared by name between libraries.
            }
          }
        }
      }
    }

    private boolean isWeak(Definition definition) {
      return SymbolFlags.isWeak(
          definition.library().dylink().exportFlags(definition.export().name()));
    }

    /** Two definitions of one function: the first wins, but only if they agree. */
    private void checkSameSignature(Definition first, Definition other) {
      FuncType a = typeOf(first);
      FuncType b = typeOf(other);
      if (!a.equals(b)) {
        problems.add(
            "function "
                + first.export().name()
                + " is defined by "
                + first.library().name()
                + " as "
                + a
                + " and by "
                + other.library().name()
                + " as "
                + b);
      }
    }

    private FuncType typeOf(Definition definition) {
      return definition.library().module().functionType(definition.export().index());
    }

    /** The exports of each dl-openable library that dlsym must find (addresses filled later). */
    private List<DlTable.Entry> dlOpenableExports() {
      List<DlTable.Entry> entries = new ArrayList<>();
      for (LoadedLibrary library : order) {
        if (!library.dlOpenable()) {
          continue;
        }
        List<DlTable.Symbol> symbols = new ArrayList<>();
        for (Export export : library.module().exports()) {
          boolean shared =
              export.kind() == ExternalKind.FUNC || export.kind() == ExternalKind.GLOBAL;
          if (shared && !PRIVATE_SYMBOLS.contains(export.name())) {
            symbols.add(new DlTable.Symbol(export.name(), 0));
          }
        }
        entries.add(new DlTable.Entry(library.name(), symbols));
      }
      return entries;
    }

    private List<DlTable.Entry> withAddresses(List<DlTable.Entry> plan) {
      List<DlTable.Entry> entries = new ArrayList<>();
      for (DlTable.Entry entry : plan) {
        LoadedLibrary library = order.get(position.get(entry.name()));
        List<DlTable.Symbol> symbols = new ArrayList<>();
        for (DlTable.Symbol symbol : entry.symbols()) {
          Export export = library.module().export(symbol.name()).orElseThrow();
          Definition own = new Definition(library, export);
          int address =
              export.kind() == ExternalKind.FUNC ? slotFor(own) : dataAddress(own).orElse(0);
          symbols.add(new DlTable.Symbol(symbol.name(), address));
        }
        entries.add(new DlTable.Entry(entry.name(), symbols));
      }
      return entries;
    }

    private Layout layOut(List<DlTable.Entry> dlPlan) {
      int stackTop = align(options.stackSize(), 16);
      int dlTableAt = stackTop;
      // The table is written even when empty, so libdl always finds a valid header.
      int dlSize =
          DlTable.size(
              dlPlan.stream().map(DlTable.Entry::name).toList(),
              dlPlan.stream()
                  .map(e -> e.symbols().stream().map(DlTable.Symbol::name).toList())
                  .toList());
      long memory = dlTableAt + dlSize;
      int table = 1; // slot 0 stays null so that a null function pointer traps
      Map<String, Integer> memoryBases = new LinkedHashMap<>();
      Map<String, Integer> tableBases = new LinkedHashMap<>();
      for (LoadedLibrary library : order) {
        MemInfo info = library.dylink().memInfo();
        memory = alignLong(memory, 1L << Math.min(info.memoryAlignment(), 16));
        memoryBases.put(library.name(), (int) memory);
        memory += Integer.toUnsignedLong(info.memorySize());
        table = align(table, 1 << Math.min(info.tableAlignment(), 16));
        tableBases.put(library.name(), table);
        table += info.tableSize();
      }
      long heapBase = alignLong(memory, 16);
      if (heapBase >= (1L << 32) - Layout.PAGE_SIZE) {
        problems.add("the libraries' static data (" + heapBase + " bytes) exceed 4 GiB");
        heapBase = 0;
      }
      int pages = (int) Math.max(1, (heapBase + Layout.PAGE_SIZE - 1) / Layout.PAGE_SIZE);
      slots = new SlotAllocator(table);
      return new Layout(stackTop, dlTableAt, memoryBases, tableBases, (int) heapBase, pages, table);
    }

    private List<ImportBinding> bind(LoadedLibrary library) {
      List<ImportBinding> bindings = new ArrayList<>();
      for (Import anImport : library.module().imports()) {
        ImportBinding.Source source = resolve(library, anImport);
        bindings.add(new ImportBinding(anImport.module(), anImport.name(), source));
      }
      return bindings;
    }

    private ImportBinding.Source resolve(LoadedLibrary library, Import anImport) {
      String module = anImport.module();
      String name = anImport.name();
      return switch (module) {
        case "env" -> resolveEnv(library, anImport);
        case "GOT.mem" -> fromMain(resolveGotMem(library, anImport));
        case "GOT.func" -> fromMain(resolveGotFunc(library, anImport));
        default -> new External(module, name);
      };
    }

    private ImportBinding.Source resolveEnv(LoadedLibrary library, Import anImport) {
      String name = anImport.name();
      switch (anImport.kind()) {
        case MEMORY:
          return fromMain(MainModule.MEMORY);
        case TABLE:
          if (name.equals(MainModule.TABLE)) {
            return fromMain(MainModule.TABLE);
          }
          break;
        case GLOBAL:
          boolean mutable = ((Import.Global) anImport.type()).globalType().mutable();
          switch (name) {
            case "__stack_pointer":
              return fromMain(MainModule.STACK_POINTER);
            case "__memory_base":
              return fromMain(
                  main.global(
                      library.name() + ":memory_base",
                      false,
                      layout.memoryBases().get(library.name())));
            case "__table_base":
              return fromMain(
                  main.global(
                      library.name() + ":table_base",
                      false,
                      layout.tableBases().get(library.name())));
            default:
              OptionalInt value = linkerDefined(name);
              if (value.isPresent()) {
                return fromMain(
                    main.global(
                        "env." + name + (mutable ? ":mut" : ""), mutable, value.getAsInt()));
              }
          }
          break;
        case FUNC:
          return resolveFunction(library, anImport);
        default:
          break;
      }
      problems.add(
          library.name()
              + " imports env."
              + name
              + " ("
              + anImport.kind()
              + "), which no linker convention provides");
      return new External(anImport.module(), name);
    }

    private ImportBinding.Source resolveFunction(LoadedLibrary library, Import anImport) {
      String name = anImport.name();
      FuncType wanted = library.module().types().get(((Import.Func) anImport.type()).typeIndex());
      Definition definition = functions.get(name);
      if (definition == null) {
        if (data.containsKey(name)) {
          problems.add(
              library.name()
                  + " needs function "
                  + name
                  + " "
                  + wanted
                  + " but "
                  + data.get(name).library().name()
                  + " defines it as data");
          return new External(anImport.module(), name);
        }
        if (library.isWeak(anImport) || options.stubMissingFunctions()) {
          stubbed.add(library.name() + " needs " + name + " " + wanted);
          return fromMain(main.stub(name, wanted));
        }
        problems.add(
            library.name()
                + " needs function "
                + name
                + " "
                + wanted
                + ", which no library defines");
        return new External(anImport.module(), name);
      }
      FuncType actual = typeOf(definition);
      if (!actual.equals(wanted)) {
        problems.add(
            library.name()
                + " needs function "
                + name
                + " "
                + wanted
                + " but "
                + definition.library().name()
                + " defines it as "
                + actual);
        return new External(anImport.module(), name);
      }
      if (position.get(definition.library().name()) < position.get(library.name())) {
        return new FromInstance(definition.library().name(), name);
      }
      // The definer is instantiated after the importer (a cycle): call through the table.
      return fromMain(main.trampoline(name, wanted, slotFor(definition)));
    }

    private String resolveGotMem(LoadedLibrary library, Import anImport) {
      String name = anImport.name();
      boolean mutable = isMutableGlobal(library, anImport);
      OptionalInt special = linkerDefined(name);
      if (special.isPresent()) {
        return main.global(
            "GOT.mem." + name + (mutable ? "" : ":const"), mutable, special.getAsInt());
      }
      Definition definition = data.get(name);
      int address = 0;
      if (definition != null) {
        address = dataAddress(definition).orElse(0);
      } else if (functions.containsKey(name)) {
        problems.add(
            library.name()
                + " needs the address of data symbol "
                + name
                + " but "
                + functions.get(name).library().name()
                + " defines it as a function");
      } else if (!library.isWeak(anImport)) {
        problems.add(library.name() + " needs data symbol " + name + ", which no library defines");
      }
      return main.global("GOT.mem." + name + (mutable ? "" : ":const"), mutable, address);
    }

    private String resolveGotFunc(LoadedLibrary library, Import anImport) {
      String name = anImport.name();
      boolean mutable = isMutableGlobal(library, anImport);
      String exportName = "GOT.func." + name + (mutable ? "" : ":const");
      Definition definition = functions.get(name);
      if (definition != null) {
        return main.global(exportName, mutable, slotFor(definition));
      }
      if (library.isWeak(anImport)) {
        return main.global(exportName, mutable, 0); // a weak undefined function's address is null
      }
      // A stub needs a signature, and a GOT.func import carries none.
      problems.add(
          library.name()
              + " takes the address of function "
              + name
              + ", which no library defines"
              + (options.stubMissingFunctions()
                  ? " (its signature is unknown, so it cannot be stubbed)"
                  : ""));
      return main.global(exportName, mutable, 0);
    }

    private boolean isMutableGlobal(LoadedLibrary library, Import anImport) {
      if (anImport.type() instanceof Import.Global global
          && global.globalType().type() == ValType.I32) {
        return global.globalType().mutable();
      }
      problems.add(
          library.name()
              + " imports "
              + anImport.module()
              + "."
              + anImport.name()
              + " as "
              + anImport.kind()
              + "; GOT entries must be i32 globals");
      return true;
    }

    private int slotFor(Definition definition) {
      FunctionRef ref = new FunctionRef(definition.library().name(), definition.export().name());
      slotTypes.putIfAbsent(ref, typeOf(definition));
      return slots.slotOf(ref);
    }

    /** {@code __memory_base} of the definer plus the exported global's offset. */
    private OptionalInt dataAddress(Definition definition) {
      LoadedLibrary library = definition.library();
      int imported = library.module().importCount(ExternalKind.GLOBAL);
      int index = definition.export().index() - imported;
      if (index < 0) {
        problems.add(
            library.name()
                + " re-exports imported global "
                + definition.export().name()
                + " as a data symbol; only defined globals can be");
        return OptionalInt.empty();
      }
      Global global = library.module().globals().get(index);
      OptionalInt offset = global.init().asI32Const();
      if (global.type().type() != ValType.I32 || offset.isEmpty()) {
        problems.add(
            library.name()
                + " exports "
                + definition.export().name()
                + " as a global that is not an i32 constant offset; it cannot be a data symbol");
        return OptionalInt.empty();
      }
      int flags = library.dylink().exportFlags(definition.export().name());
      if ((flags & SymbolFlags.ABSOLUTE) != 0) {
        return offset;
      }
      return OptionalInt.of(layout.memoryBases().get(library.name()) + offset.getAsInt());
    }

    /** Addresses the linker itself defines. */
    private OptionalInt linkerDefined(String name) {
      return switch (name) {
        case "__heap_base" -> OptionalInt.of(layout.heapBase());
        case "__heap_end" -> OptionalInt.of(layout.heapEnd());
        case "__stack_low" -> OptionalInt.of(0);
        case "__stack_high" -> OptionalInt.of(layout.stackPointer());
        case DL_TABLE_SYMBOL -> OptionalInt.of(layout.dlTable());
        default -> OptionalInt.empty();
      };
    }

    private Optional<String> constructorExport(LoadedLibrary library) {
      for (String name : List.of("_initialize", "__wasm_call_ctors")) {
        Optional<Export> export = library.module().export(name);
        if (export.isPresent()
            && export.get().kind() == ExternalKind.FUNC
            && library.module().functionType(export.get().index()).params().isEmpty()
            && library.module().functionType(export.get().index()).results().isEmpty()) {
          return Optional.of(name);
        }
      }
      return Optional.empty();
    }

    private Optional<Long> tighterMax(Optional<Long> current, LoadedLibrary library) {
      for (Import anImport : library.module().imports()) {
        if (anImport.type() instanceof Import.Memory memory) {
          OptionalLong max = memory.memoryType().limits().max();
          if (max.isPresent()) {
            long value = max.getAsLong();
            current = Optional.of(current.map(c -> Math.min(c, value)).orElse(value));
          }
        }
      }
      return current;
    }

    private ImportBinding.Source fromMain(String export) {
      return new FromInstance(MainModule.INSTANCE, export);
    }
  }

  private static int align(int value, int alignment) {
    return (value + alignment - 1) & -alignment;
  }

  private static long alignLong(long value, long alignment) {
    return (value + alignment - 1) & -alignment;
  }
}
