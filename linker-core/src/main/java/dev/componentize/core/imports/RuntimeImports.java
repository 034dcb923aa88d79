package dev.componentize.core.imports;

import dev.componentize.core.imports.ModuleIndex.Kind;
import dev.componentize.core.imports.ModuleIndex.Module;
import dev.componentize.core.imports.ModuleIndex.Origin;
import dev.componentize.core.imports.ModuleIndex.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides which modules the component carries besides those the build imported, and writes them as
 * an {@link EmbeddedArchive} that the build-time run installs behind a {@code sys.meta_path} finder
 * (docs/runtime-imports.md). Always embedded, except in {@link StdlibMode#IMPORTED} mode: every
 * module of the app's source directories, of the bindings and of the wheels (with the wheels' data
 * files and {@code .dist-info} directories); then the standard library's modules that {@link
 * ImportClosure} reaches from them ({@link StdlibMode#REACHABLE}) or all of it ({@link
 * StdlibMode#ALL}). In every mode the app's sources go along for tracebacks unless left out.
 */
public final class RuntimeImports {
  /** Where the archive is preopened during the build-time run. */
  public static final String GUEST_PATH = "/embedded";

  /** {@code sys.implementation.cache_tag} of the runtime's CPython. */
  static final String CACHE_TAG = "cpython-313";

  /** The header of a pyc (PEP 552): magic, flags, hash or time and size. */
  private static final int PYC_HEADER = 16;

  /**
   * Modules the interpreter itself imports at start-up or when printing an error, whose own lazy
   * imports are then reachable too, and packages whose modules the standard library imports by a
   * computed name ({@code encodings}: {@code codecs.lookup("idna")}).
   */
  static final List<String> ALWAYS_REACHED =
      List.of("os", "io", "codecs", "abc", "stat", "posixpath", "traceback", "linecache");

  static final List<String> WHOLE_PACKAGES = List.of("encodings");

  /** Names the runtime knows without a file besides its {@code PyInit_*} exports. */
  private static final Set<String> CORE_BUILTINS =
      Set.of(
          "sys",
          "builtins",
          "_imp",
          "_frozen_importlib",
          "_frozen_importlib_external",
          "_componentize",
          "__main__");

  /**
   * What was embedded.
   *
   * @param modules the number of modules embedded (not counting data and dist-info files)
   * @param bytes the compressed size of everything embedded
   * @param missing imports in the app's and the wheels' code found nowhere
   * @param unscannable files whose imports could not be read
   */
  public record Plan(
      int modules,
      long bytes,
      List<ImportClosure.Missing> missing,
      List<ImportClosure.Unscannable> unscannable) {
    public Plan {
      missing = List.copyOf(missing);
      unscannable = List.copyOf(unscannable);
    }

    /** One line per import found nowhere and per file that could not be scanned. */
    public List<String> warnings() {
      List<String> lines = new ArrayList<>();
      missing.forEach(m -> lines.add(m.toString()));
      unscannable.forEach(u -> lines.add(u.toString()));
      return lines;
    }

    /** The stage summary's part, e.g. {@code "embedded 212 modules (1234567 bytes)"}. */
    public String summary() {
      return "embedded "
          + modules
          + " modules ("
          + bytes
          + " bytes), "
          + missing.size()
          + " imports found nowhere";
    }
  }

  private RuntimeImports() {}

  /**
   * The modules compiled into libpython: its {@code PyInit_<name>} exports, plus {@code sys},
   * {@code builtins}, the frozen import machinery and the glue's {@code _componentize}.
   */
  public static Set<String> builtinModules(List<String> libpythonExports) {
    Set<String> names = new LinkedHashSet<>(CORE_BUILTINS);
    for (String export : libpythonExports) {
      if (export.startsWith("PyInit_")) {
        names.add(export.substring("PyInit_".length()));
      }
    }
    return names;
  }

  /**
   * Writes the archive for {@code roots} ({@code sys.path} order) into {@code target}.
   *
   * @param mode which standard-library modules to embed
   * @param appSources whether the app's sources travel with the component (for tracebacks and
   *     {@code inspect}); without them the app's modules are embedded as bytecode
   * @param builtins modules the runtime has without a file ({@link #builtinModules})
   */
  public static Plan prepare(
      StdlibMode mode, boolean appSources, List<Root> roots, Set<String> builtins, Path target)
      throws IOException {
    Objects.requireNonNull(mode, "mode");
    ModuleIndex index = ModuleIndex.of(roots);
    List<Module> own = index.modules().stream().filter(m -> m.origin() != Origin.STDLIB).toList();
    ImportClosure closure = new ImportClosure(index, builtins).addAll(own);
    for (String name : ALWAYS_REACHED) {
      closure.add(name);
    }
    for (String name : WHOLE_PACKAGES) {
      closure.addAll(index.packageTree(name));
    }
    List<EmbeddedArchive.Entry> entries = new ArrayList<>();
    int modules = 0;
    for (Module module : index.modules()) {
      boolean embed =
          switch (mode) {
            case IMPORTED -> false;
            case ALL -> true;
            case REACHABLE -> module.origin() != Origin.STDLIB || closure.contains(module.name());
          };
      if (module.origin() == Origin.STDLIB && module.kind() == Kind.EXTENSION) {
        embed = false; // not in the component's dlopen table: only wheels' modules are linked
      }
      if (module.origin() == Origin.APP && appSources && module.kind() != Kind.NAMESPACE) {
        // Served to linecache whether or not the module is embedded to be imported.
        entries.add(
            new EmbeddedArchive.Entry(
                embed ? "s" : "t",
                module.name(),
                (module.isPackage() ? "p" : "") + "l",
                module.guestPath(),
                Files.readAllBytes(module.file())));
        modules += embed ? 1 : 0;
        continue;
      }
      if (embed) {
        entries.add(entry(module, appSources));
        modules++;
      }
    }
    if (mode != StdlibMode.IMPORTED) {
      for (Root root : roots) {
        if (root.origin() == Origin.WHEEL) {
          wheelFiles(root, entries);
        }
      }
    }
    long bytes = entries.isEmpty() ? 0 : EmbeddedArchive.write(target, entries);
    return new Plan(
        entries.isEmpty() ? 0 : modules, bytes, closure.missing(), closure.unscannable());
  }

  private static EmbeddedArchive.Entry entry(Module module, boolean appSources) throws IOException {
    String flags = module.isPackage() ? "p" : "";
    return switch (module.kind()) {
      case NAMESPACE ->
          new EmbeddedArchive.Entry("n", module.name(), flags, module.guestPath(), new byte[0]);
      case EXTENSION ->
          new EmbeddedArchive.Entry("x", module.name(), flags, module.guestPath(), new byte[0]);
      case SOURCE, PACKAGE -> {
        Path pyc = pycOf(module.file());
        if (module.origin() == Origin.STDLIB && Files.isRegularFile(pyc)) {
          byte[] bytes = Files.readAllBytes(pyc);
          yield new EmbeddedArchive.Entry(
              "c",
              module.name(),
              flags,
              module.guestPath(),
              Arrays.copyOfRange(bytes, PYC_HEADER, bytes.length));
        }
        if (module.origin() == Origin.APP && !appSources) {
          flags += "k";
        }
        yield new EmbeddedArchive.Entry(
            "s", module.name(), flags, module.guestPath(), Files.readAllBytes(module.file()));
      }
    };
  }

  /**
   * A wheel's files other than its modules: {@code .dist-info} files (for {@code
   * importlib.metadata}) and data files in its packages (for the loader's {@code get_data}).
   */
  private static void wheelFiles(Root root, List<EmbeddedArchive.Entry> entries)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root.host())) {
      files =
          walk.filter(Files::isRegularFile)
              .sorted(Comparator.comparing(p -> root.host().relativize(p).toString()))
              .toList();
    }
    for (Path file : files) {
      Path relative = root.host().relativize(file);
      String name = file.getFileName().toString();
      String top = relative.getName(0).toString();
      if (top.endsWith(".dist-info") && relative.getNameCount() == 2) {
        entries.add(new EmbeddedArchive.Entry("d", top, "", name, Files.readAllBytes(file)));
      } else if (relative.getNameCount() > 1
          && !top.endsWith(".dist-info")
          && !name.endsWith(".py")
          && !name.endsWith(".pyc")
          && !name.endsWith(".so")) {
        String guest = root.guest() + "/" + relative.toString().replace('\\', '/');
        entries.add(new EmbeddedArchive.Entry("f", "", "", guest, Files.readAllBytes(file)));
      }
    }
  }

  /** Where the runtime's bundle keeps the bytecode of {@code source} (PEP 3147). */
  static Path pycOf(Path source) {
    String name = source.getFileName().toString();
    String stem = name.substring(0, name.length() - ".py".length());
    return source.resolveSibling("__pycache__").resolve(stem + "." + CACHE_TAG + ".pyc");
  }

  /**
   * The Python statements the build-time run executes after the app was imported: load the finder's
   * module from the archive and install it (docs/runtime-imports.md).
   */
  public static String installScript() {
    return "def _componentize_embed():\n"
        + "    import sys\n"
        + "    module = type(sys)('_componentize_embedded')\n"
        + "    path = '"
        + GUEST_PATH
        + "/"
        + EmbeddedArchive.FINDER
        + "'\n"
        + "    with open(path, 'rb') as file:\n"
        + "        exec(compile(file.read(), path, 'exec'), module.__dict__)\n"
        + "    sys.modules[module.__name__] = module\n"
        + "    module.install('"
        + GUEST_PATH
        + "')\n"
        + "_componentize_embed()\n"
        + "del _componentize_embed\n";
  }
}
