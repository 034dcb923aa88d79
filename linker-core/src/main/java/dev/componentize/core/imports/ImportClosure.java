package dev.componentize.core.imports;

import dev.componentize.core.imports.ModuleIndex.Kind;
import dev.componentize.core.imports.ModuleIndex.Module;
import dev.componentize.core.imports.ModuleIndex.Origin;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The modules a set of root modules can import, transitively ({@link PythonImports} on each
 * module's source), and the imports that name a module found nowhere. Importing {@code a.b.c}
 * imports {@code a} and {@code a.b} too; {@code from a import b} imports {@code a.b} when that is a
 * module. A file that cannot be scanned is reported, not fatal: CPython reports it only if
 * something imports it at run time.
 */
public final class ImportClosure {
  /**
   * An import in the app's or a wheel's code whose module is neither in the index nor built into
   * the runtime.
   *
   * @param file the importing file (host path)
   * @param line its line
   * @param module the absolute name that was not found
   */
  public record Missing(Path file, int line, String module) {
    public Missing {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(module, "module");
    }

    @Override
    public String toString() {
      return file
          + ":"
          + line
          + ": imports '"
          + module
          + "', which is in no source directory,"
          + " wheel or the standard library (fine if the import is optional)";
    }
  }

  /**
   * A file the scanner could not read; its own imports are then unknown.
   *
   * @param file the file
   * @param line where
   * @param problem what
   */
  public record Unscannable(Path file, int line, String problem) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + problem + " (its imports are not followed)";
    }
  }

  private final ModuleIndex index;
  private final Set<String> builtins;
  private final Set<String> reached = new LinkedHashSet<>();
  private final Set<String> scanned = new LinkedHashSet<>();
  private final List<Missing> missing = new ArrayList<>();
  private final List<Unscannable> unscannable = new ArrayList<>();
  private final Deque<Module> queue = new ArrayDeque<>();
  private final Map<String, String> reachedFrom = new HashMap<>();
  private String current = "";

  /**
   * @param index the modules on {@code sys.path}
   * @param builtins the names of modules compiled into the runtime (never missing)
   */
  public ImportClosure(ModuleIndex index, Set<String> builtins) {
    this.index = Objects.requireNonNull(index, "index");
    this.builtins = Set.copyOf(builtins);
  }

  /** Adds {@code name} (and its parent packages) and everything it can import. */
  public ImportClosure add(String name) throws IOException {
    current = "";
    reach(name);
    drain();
    return this;
  }

  /** Adds every module in {@code modules} and everything they can import. */
  public ImportClosure addAll(Collection<Module> modules) throws IOException {
    current = "";
    for (Module module : modules) {
      reach(module.name());
    }
    drain();
    return this;
  }

  /** Every module reached, in the order reached. */
  public Set<String> reached() {
    return Set.copyOf(reached);
  }

  public boolean contains(String name) {
    return reached.contains(name);
  }

  /**
   * How {@code name} was reached: the chain of importing modules from a root, root first (empty for
   * a root), for messages that explain why a module is in the component.
   */
  public List<String> chain(String name) {
    List<String> chain = new ArrayList<>();
    for (String at = reachedFrom.get(name); at != null && !at.isEmpty(); at = reachedFrom.get(at)) {
      chain.add(0, at);
      if (chain.size() > 100) {
        break;
      }
    }
    return chain;
  }

  public List<Missing> missing() {
    return List.copyOf(missing);
  }

  public List<Unscannable> unscannable() {
    return List.copyOf(unscannable);
  }

  /** Marks {@code name} and its parents reached; false if {@code name} is not in the index. */
  private boolean reach(String name) {
    String[] parts = name.split("\\.");
    StringBuilder prefix = new StringBuilder();
    boolean found = true;
    for (String part : parts) {
      if (prefix.length() > 0) {
        prefix.append('.');
      }
      prefix.append(part);
      var module = index.find(prefix.toString());
      if (module.isEmpty()) {
        found = false;
        break;
      }
      if (reached.add(module.get().name())) {
        reachedFrom.put(module.get().name(), current);
        queue.add(module.get());
      }
    }
    return found;
  }

  /**
   * Modules whose own imports are not followed: the import system's bootstrap, which CPython runs
   * from its frozen copy. Its lazy imports ({@code importlib.metadata} in {@code
   * PathFinder.find_distributions}, {@code importlib.readers} in {@code get_resource_reader}) serve
   * only {@code importlib.metadata} and {@code importlib.resources}, which are reached directly
   * when the app imports them.
   */
  static final Set<String> NOT_FOLLOWED =
      Set.of("importlib._bootstrap", "importlib._bootstrap_external");

  private void drain() throws IOException {
    while (!queue.isEmpty()) {
      Module module = queue.poll();
      if ((module.kind() == Kind.SOURCE || module.kind() == Kind.PACKAGE)
          && !NOT_FOLLOWED.contains(module.name())) {
        if (scanned.add(module.name())) {
          scan(module);
        }
      }
    }
  }

  private void scan(Module module) throws IOException {
    current = module.name();
    String source;
    try {
      source =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(module.file())))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("REPLACE never throws", e);
    }
    List<PythonImports.Import> imports;
    try {
      imports = PythonImports.scan(source);
    } catch (PythonImports.ScanException e) {
      unscannable.add(new Unscannable(module.file(), e.line(), e.getMessage()));
      return;
    }
    boolean report = module.origin() == Origin.APP || module.origin() == Origin.WHEEL;
    for (PythonImports.Import anImport : imports) {
      if (!anImport.fallbackFor().isEmpty()
          && anImport.fallbackFor().stream().allMatch(builtins::contains)) {
        continue; // a fallback for a module compiled into the runtime: never imported
      }
      String base = absolute(module, anImport);
      if (base == null) {
        continue; // beyond the top-level package: CPython raises ImportError there
      }
      boolean found = base.isEmpty() || reach(base);
      // A relative import names a module of the importing package itself: no leniency there.
      if (!found && report && (anImport.level() > 0 || !known(base))) {
        missing.add(new Missing(module.file(), anImport.line(), base));
      }
      for (String name : anImport.names()) {
        if (!name.equals("*")) {
          String child = base.isEmpty() ? name : base + "." + name;
          if (index.find(child).isPresent()) {
            reach(child);
          }
        }
      }
    }
  }

  /**
   * Whether {@code name} may exist although the index has no file for it: a built-in module, a
   * submodule of a module that is found (which may put it into {@code sys.modules} itself, as
   * {@code os} does with {@code os.path}).
   */
  private boolean known(String name) {
    String top = name.split("\\.")[0];
    if (builtins.contains(top) || builtins.contains(name)) {
      return true;
    }
    return !top.equals(name) && index.find(top).isPresent();
  }

  /** The absolute name an import statement's module resolves to, or null if it escapes. */
  private static String absolute(Module module, PythonImports.Import anImport) {
    if (anImport.level() == 0) {
      return anImport.module();
    }
    String pkg = module.isPackage() ? module.name() : parent(module.name());
    for (int i = 1; i < anImport.level(); i++) {
      if (pkg.isEmpty()) {
        return null;
      }
      pkg = parent(pkg);
    }
    if (pkg.isEmpty()) {
      return null; // a relative import outside a package: CPython raises ImportError
    }
    return anImport.module().isEmpty() ? pkg : pkg + "." + anImport.module();
  }

  private static String parent(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }
}
