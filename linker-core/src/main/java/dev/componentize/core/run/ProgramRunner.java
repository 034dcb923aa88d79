package dev.componentize.core.run;

import dev.componentize.core.link.ImportBinding;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.WasmWriter;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import run.endive.runtime.HostFunction;
import run.endive.runtime.ImportFunction;
import run.endive.runtime.ImportGlobal;
import run.endive.runtime.ImportMemory;
import run.endive.runtime.ImportTable;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;

/** Instantiates a {@link LinkedProgram}'s instances in order on Endive's interpreter. */
public final class ProgramRunner {
  private ProgramRunner() {}

  /**
   * Parses every module of {@code program} once; the result can be instantiated many times (each
   * instantiation gets fresh memory, table and globals).
   */
  public static Prepared prepare(LinkedProgram program) {
    return prepare(program, binaries(program));
  }

  /** Each instance's module in binary form, by instance name, in instantiation order. */
  public static Map<String, byte[]> binaries(LinkedProgram program) {
    Map<String, byte[]> binaries = new LinkedHashMap<>();
    for (ProgramInstance instance : program.instances()) {
      binaries.put(instance.name(), WasmWriter.write(instance.module()));
    }
    return binaries;
  }

  /**
   * {@link #prepare(LinkedProgram)} for modules already written by {@link #binaries} (a caller that
   * also hashes them writes them once).
   *
   * <p>Endive validates the modules of the dl-openable instances (the wheels' extension modules:
   * untrusted input) in full. The others are not validated again: the linker wrote them from the
   * runtime bundle's libraries, whose SHA-256 the bundle's manifest pins and the runtime stage
   * checks, from libworld.so, which the bindings generator writes, and from its own synthesized
   * {@code main} and {@code init}; validating them cost about three quarters of the parse
   * (docs/design/performance.md).
   */
  public static Prepared prepare(LinkedProgram program, Map<String, byte[]> binaries) {
    Parser validating = Parser.builder().withValidation(true).build();
    Parser known = Parser.builder().withValidation(false).build();
    Set<String> untrusted = Set.copyOf(program.dlOpenable());
    Map<String, WasmModule> modules = new LinkedHashMap<>();
    for (ProgramInstance instance : program.instances()) {
      byte[] binary = binaries.get(instance.name());
      if (binary == null) {
        throw new IllegalArgumentException("no binary for instance " + instance.name());
      }
      Parser parser = untrusted.contains(instance.name()) ? validating : known;
      modules.put(instance.name(), parser.parse(() -> new ByteArrayInputStream(binary)));
    }
    return new Prepared(program, modules);
  }

  /**
   * A program's modules in binary form and their parse, done on demand by the thread that asks for
   * it ({@link #onDemand}) or started at once on a thread of its own ({@link #inBackground}), so
   * that a caller with other work to do before it instantiates the program (scanning the app's
   * imports, hashing the inputs) does it while the modules are parsed: parsing libpython is the
   * largest part of an edited app's build-time run on a cold JVM (docs/design/performance.md).
   */
  public static final class Parsing {
    private final Map<String, byte[]> binaries;
    private final FutureTask<Prepared> task;

    private Parsing(LinkedProgram program, Map<String, byte[]> binaries) {
      // In instance order (Map.copyOf would not keep it): cache keys digest them in this order.
      this.binaries = Collections.unmodifiableMap(new LinkedHashMap<>(binaries));
      this.task = new FutureTask<>(() -> prepare(program, this.binaries));
    }

    /** Parses {@code program}'s {@code binaries} when {@link #join} is first called. */
    public static Parsing onDemand(LinkedProgram program, Map<String, byte[]> binaries) {
      return new Parsing(program, binaries);
    }

    /**
     * Starts parsing {@code program}'s {@code binaries} now on a daemon thread. A caller that then
     * does not need the program (a snapshot cache hit) just drops this: the thread ends when the
     * parse does and its result becomes garbage.
     */
    public static Parsing inBackground(LinkedProgram program, Map<String, byte[]> binaries) {
      Parsing parsing = new Parsing(program, binaries);
      Thread thread = new Thread(parsing.task, "componentize-parse");
      thread.setDaemon(true);
      thread.start();
      return parsing;
    }

    /** Each instance's module in binary form ({@link ProgramRunner#binaries}). */
    public Map<String, byte[]> binaries() {
      return binaries;
    }

    /**
     * The parsed program: waits for the background parse, or parses now in this thread. A module
     * that cannot be parsed throws here what {@link ProgramRunner#prepare} throws.
     */
    public Prepared join() {
      task.run(); // does nothing when the background thread has started it
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the program was parsed", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** A program whose modules are parsed, ready to instantiate. */
  public static final class Prepared {
    private final LinkedProgram program;
    private final Map<String, WasmModule> modules;

    private Prepared(LinkedProgram program, Map<String, WasmModule> modules) {
      this.program = program;
      this.modules = Map.copyOf(modules);
    }

    /**
     * Instantiates every instance in order; imports the program leaves to its host come from {@code
     * host} (e.g. {@code WasiPreview1.toHostFunctions()}). Start functions run, so the libraries'
     * relocations and constructors have run when this returns.
     *
     * @throws UnsatisfiedImportException if the program imports something {@code host} lacks
     */
    public RunningProgram instantiate(List<HostFunction> host) {
      Map<String, HostFunction> hostFunctions = new HashMap<>();
      for (HostFunction function : host) {
        hostFunctions.put(function.module() + "\0" + function.name(), function);
      }
      for (ImportBinding.External external : program.externalImports()) {
        if (!hostFunctions.containsKey(external.module() + "\0" + external.name())) {
          throw new UnsatisfiedImportException(external.module(), external.name());
        }
      }
      Map<String, Instance> instances = new LinkedHashMap<>();
      for (ProgramInstance programInstance : program.instances()) {
        ImportValues imports = importValues(programInstance, instances, hostFunctions);
        Instance instance =
            Instance.builder(modules.get(programInstance.name())).withImportValues(imports).build();
        instances.put(programInstance.name(), instance);
      }
      return new RunningProgram(instances);
    }
  }

  /** Parses and instantiates {@code program} once; see {@link Prepared#instantiate}. */
  public static RunningProgram instantiate(LinkedProgram program, List<HostFunction> host) {
    return prepare(program).instantiate(host);
  }

  private static ImportValues importValues(
      ProgramInstance programInstance,
      Map<String, Instance> instances,
      Map<String, HostFunction> hostFunctions) {
    List<Import> imports = programInstance.module().imports();
    List<ImportFunction> functions = new ArrayList<>();
    List<ImportGlobal> globals = new ArrayList<>();
    List<ImportMemory> memories = new ArrayList<>();
    List<ImportTable> tables = new ArrayList<>();
    for (int i = 0; i < imports.size(); i++) {
      Import anImport = imports.get(i);
      ImportBinding binding = programInstance.imports().get(i);
      String module = anImport.module();
      String name = anImport.name();
      if (binding.source() instanceof ImportBinding.External external) {
        HostFunction function = hostFunctions.get(external.module() + "\0" + external.name());
        functions.add(new HostFunction(module, name, function.functionType(), function.handle()));
        continue;
      }
      ImportBinding.FromInstance from = (ImportBinding.FromInstance) binding.source();
      Instance source = instances.get(from.instance());
      switch (anImport.kind()) {
        case FUNC ->
            functions.add(ImportFunction.exportAsImport(module, name, source, from.export()));
        case GLOBAL ->
            globals.add(new ImportGlobal(module, name, source.exports().global(from.export())));
        case MEMORY ->
            memories.add(new ImportMemory(module, name, source.exports().memory(from.export())));
        case TABLE ->
            tables.add(new ImportTable(module, name, source.exports().table(from.export())));
        case TAG ->
            throw new UnsupportedOperationException(
                programInstance.name()
                    + " imports tag "
                    + module
                    + "."
                    + name
                    + ": exception handling is not supported");
      }
    }
    return ImportValues.builder()
        .withFunctions(functions)
        .withGlobals(globals)
        .withMemories(memories)
        .withTables(tables)
        .build();
  }
}
