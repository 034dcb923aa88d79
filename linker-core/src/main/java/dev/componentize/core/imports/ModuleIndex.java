package dev.componentize.core.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every module the component's {@code sys.path} holds, by dotted name, as CPython's path finder
 * would find it: the directories in {@code sys.path} order, the first one that has a name wins.
 * Packages are directories with {@code __init__.py}; a directory without one is a namespace package
 * (PEP 420). Extension modules ({@code .so}) are named by the part of the file name before the
 * first dot.
 */
public final class ModuleIndex {
  /** Where a directory on {@code sys.path} comes from; decides what is embedded and reported. */
  public enum Origin {
    /** The runtime's standard library ({@code .py} with unchecked-hash pycs beside them). */
    STDLIB,
    /** The app's own source directories. */
    APP,
    /** The generated {@code wit_world} bindings. */
    BINDINGS,
    /** The wheels' merged site-packages. */
    WHEEL
  }

  /** What a module is made of. */
  public enum Kind {
    SOURCE,
    PACKAGE,
    NAMESPACE,
    EXTENSION
  }

  /**
   * One module.
   *
   * @param name dotted name
   * @param kind source file, package ({@code __init__.py}), namespace package or extension
   * @param origin the {@code sys.path} directory's origin
   * @param file the host file ({@code __init__.py} for a package, the directory for a namespace
   *     package, the {@code .so} for an extension)
   * @param guestPath where the guest sees {@code file} at build time ({@code __file__}, {@code
   *     co_filename}, and for an extension the name {@code dlopen} knows it by)
   */
  public record Module(String name, Kind kind, Origin origin, Path file, String guestPath) {
    public Module {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(guestPath, "guestPath");
    }

    public boolean isPackage() {
      return kind == Kind.PACKAGE || kind == Kind.NAMESPACE;
    }
  }

  /**
   * One directory of {@code sys.path}.
   *
   * @param host the directory on the host
   * @param guest the same directory in the guest
   * @param origin what it holds
   */
  public record Root(Path host, String guest, Origin origin) {
    public Root {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(guest, "guest");
      Objects.requireNonNull(origin, "origin");
    }
  }

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, Module> modules;

  private ModuleIndex(Map<String, Module> modules) {
    this.modules = modules;
  }

  /** Indexes {@code roots} in {@code sys.path} order. */
  public static ModuleIndex of(List<Root> roots) throws IOException {
    Map<String, Module> modules = new LinkedHashMap<>();
    for (Root root : roots) {
      if (Files.isDirectory(root.host())) {
        walk(root, root.host(), "", modules);
      }
    }
    return new ModuleIndex(modules);
  }

  private static void walk(Root root, Path directory, String prefix, Map<String, Module> out)
      throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(directory)) {
      entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
    for (Path entry : entries) {
      String file = entry.getFileName().toString();
      if (Files.isDirectory(entry)) {
        if (!IDENTIFIER.matcher(file).matches() || file.equals("__pycache__")) {
          continue;
        }
        String name = prefix + file;
        Path init = entry.resolve("__init__.py");
        boolean regular = Files.isRegularFile(init);
        Module module =
            regular
                ? new Module(name, Kind.PACKAGE, root.origin(), init, guest(root, init))
                : new Module(name, Kind.NAMESPACE, root.origin(), entry, guest(root, entry));
        out.putIfAbsent(name, module);
        walk(root, entry, name + ".", out);
      } else if (file.endsWith(".py") && !file.equals("__init__.py")) {
        String stem = file.substring(0, file.length() - 3);
        if (IDENTIFIER.matcher(stem).matches()) {
          out.putIfAbsent(
              prefix + stem,
              new Module(prefix + stem, Kind.SOURCE, root.origin(), entry, guest(root, entry)));
        }
      } else if (file.endsWith(".so")) {
        String stem = file.substring(0, file.indexOf('.'));
        if (IDENTIFIER.matcher(stem).matches()) {
          out.putIfAbsent(
              prefix + stem,
              new Module(prefix + stem, Kind.EXTENSION, root.origin(), entry, guest(root, entry)));
        }
      }
    }
  }

  private static String guest(Root root, Path file) {
    return root.guest() + "/" + root.host().relativize(file).toString().replace('\\', '/');
  }

  public Optional<Module> find(String name) {
    return Optional.ofNullable(modules.get(name));
  }

  public Collection<Module> modules() {
    return modules.values();
  }

  /** The modules whose name is {@code name} or starts with {@code name.}, in index order. */
  public List<Module> packageTree(String name) {
    List<Module> tree = new ArrayList<>();
    for (Module module : modules.values()) {
      if (module.name().equals(name) || module.name().startsWith(name + ".")) {
        tree.add(module);
      }
    }
    return tree;
  }
}
