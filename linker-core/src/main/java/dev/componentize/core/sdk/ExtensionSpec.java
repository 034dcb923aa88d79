package dev.componentize.core.sdk;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One CPython extension module to build from C or C++ sources.
 *
 * @param module the module's dotted import name, e.g. {@code fastmath._native}
 * @param sources its C ({@code .c}) and C++ ({@code .cc}, {@code .cpp}, {@code .cxx}) files
 * @param compilerArgs extra arguments for every compile (e.g. {@code -DNDEBUG}, {@code -Iinclude})
 * @param linkerArgs extra arguments for the link (e.g. {@code -Wl,--export=foo})
 */
public record ExtensionSpec(
    String module, List<Path> sources, List<String> compilerArgs, List<String> linkerArgs) {

  private static final Pattern MODULE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  public ExtensionSpec {
    sources = List.copyOf(sources);
    compilerArgs = List.copyOf(compilerArgs);
    linkerArgs = List.copyOf(linkerArgs);
    if (!MODULE.matcher(module).matches()) {
      throw new IllegalArgumentException(
          "'" + module + "' is not a dotted Python module name such as fastmath._native");
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("extension module " + module + " has no sources");
    }
  }

  /** The module's path in site-packages without the suffix, e.g. {@code fastmath/_native}. */
  public String pathWithoutSuffix() {
    return module.replace('.', '/');
  }

  /** Whether any source is C++, so the C++ driver compiles it and links the module. */
  boolean isCxx(Path source) {
    String name = source.getFileName().toString();
    return name.endsWith(".cc")
        || name.endsWith(".cpp")
        || name.endsWith(".cxx")
        || name.endsWith(".C")
        || name.endsWith(".c++");
  }

  boolean anyCxx() {
    return sources.stream().anyMatch(this::isCxx);
  }
}
