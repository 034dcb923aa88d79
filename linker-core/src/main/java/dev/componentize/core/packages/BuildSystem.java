package dev.componentize.core.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code [build-system]} table of a source tree's {@code pyproject.toml} (PEP 517, PEP 518):
 * the requirements of its build, the backend object and the in-tree backend path. A tree without
 * the file or the table gets the defaults PEP 517/518 give: setuptools' legacy backend ({@code
 * setuptools.build_meta:__legacy__}) needing {@code setuptools>=40.8.0}.
 *
 * @param requires PEP 508 requirements of the build
 * @param backend {@code module} or {@code module:object.path}
 * @param backendPath directories of the tree put first on {@code sys.path}, relative to the tree
 */
public record BuildSystem(List<String> requires, String backend, List<String> backendPath) {
  /** The backend PEP 517 prescribes when {@code build-backend} is absent. */
  public static final String LEGACY_BACKEND = "setuptools.build_meta:__legacy__";

  public BuildSystem {
    requires = List.copyOf(requires);
    backendPath = List.copyOf(backendPath);
  }

  /**
   * Reads the build system of the source tree {@code tree}.
   *
   * @param key the package, for messages
   * @throws PackageException naming the file and the key that is wrong
   */
  public static BuildSystem of(String key, Path tree) throws PackageException, IOException {
    Path file = tree.resolve("pyproject.toml");
    if (!Files.isRegularFile(file)) {
      return new BuildSystem(List.of("setuptools>=40.8.0"), LEGACY_BACKEND, List.of());
    }
    Map<String, Object> doc;
    try {
      doc = Toml.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
      throw new PackageException(key, null, where(tree) + " does not parse: " + e.getMessage());
    }
    if (!(doc.get("build-system") instanceof Map<?, ?> table)) {
      if (doc.containsKey("build-system")) {
        throw new PackageException(key, null, where(tree) + ": [build-system] is not a table");
      }
      return new BuildSystem(List.of("setuptools>=40.8.0"), LEGACY_BACKEND, List.of());
    }
    List<String> requires = strings(key, tree, table.get("requires"), "requires");
    Object backend = table.get("build-backend");
    if (backend != null && !(backend instanceof String)) {
      throw new PackageException(
          key, null, where(tree) + ": build-system.build-backend is not a string");
    }
    String b = backend == null ? LEGACY_BACKEND : ((String) backend).strip();
    if (!b.matches("[A-Za-z_][A-Za-z0-9_.]*(:[A-Za-z_][A-Za-z0-9_.]*)?")) {
      throw new PackageException(
          key, null, where(tree) + ": build-system.build-backend '" + b + "' is not module:object");
    }
    List<String> path = strings(key, tree, table.get("backend-path"), "backend-path");
    for (String p : path) {
      String n = p.replace('\\', '/');
      if (n.startsWith("/") || List.of(n.split("/")).contains("..")) {
        throw new PackageException(
            key,
            null,
            where(tree)
                + ": build-system.backend-path entry '"
                + p
                + "' is outside the source tree (PEP 517 requires it inside)");
      }
    }
    for (String r : requires) {
      try {
        Requirement.parse(r);
      } catch (IllegalArgumentException e) {
        throw new PackageException(
            key,
            null,
            where(tree)
                + ": build-system.requires entry '"
                + r
                + "' is not PEP 508: "
                + e.getMessage());
      }
    }
    return new BuildSystem(requires, b, path);
  }

  private static List<String> strings(String key, Path tree, Object value, String name)
      throws PackageException {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new PackageException(
              key, null, where(tree) + ": build-system." + name + " must be a list of strings");
        }
        out.add(s);
      }
      return out;
    }
    throw new PackageException(
        key, null, where(tree) + ": build-system." + name + " must be a list of strings");
  }

  private static String where(Path tree) {
    return tree.getFileName() + "/pyproject.toml";
  }
}
