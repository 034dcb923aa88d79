package dev.componentize.core.packages;

import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A lock file in the standard format of PEP 751, {@code pylock.toml}: the exact release, wheel URL,
 * size and sha256 of every package, and (in our {@code [tool.componentize-maven]} table) the
 * requirements it was resolved from, so a build can tell when the pom no longer matches it.
 *
 * @param packages the locked packages, by name
 * @param requirements the requirements resolved, as written in the pom/requirements file (empty if
 *     another tool wrote the file)
 * @param indexes the index URLs resolution used
 */
public record PyLock(List<Package> packages, List<String> requirements, List<String> indexes) {

  /** The file name PEP 751 gives a project's default lock. */
  public static final String FILE_NAME = "pylock.toml";

  static final String TOOL = "componentize-maven";

  public PyLock {
    packages = packages.stream().sorted(Comparator.comparing(Package::name)).toList();
    requirements = List.copyOf(requirements);
    indexes = List.copyOf(indexes);
  }

  /**
   * One {@code [[packages]]} entry.
   *
   * @param name the normalised name
   * @param version the release
   * @param index the index it came from ({@code packages.index})
   * @param marker when it applies ({@code packages.marker}), if conditional
   * @param dependencies the names it needs ({@code packages.dependencies})
   * @param wheels its wheels ({@code packages.wheels})
   * @param sdist its source distribution ({@code packages.sdist}), when its wheel is built from it
   */
  public record Package(
      String name,
      String version,
      Optional<String> index,
      Optional<String> marker,
      List<String> dependencies,
      List<Wheel> wheels,
      Optional<Wheel> sdist) {
    public Package {
      dependencies = List.copyOf(dependencies);
      wheels = List.copyOf(wheels);
    }

    /** A package installed from one of its wheels. */
    public Package(
        String name,
        String version,
        Optional<String> index,
        Optional<String> marker,
        List<String> dependencies,
        List<Wheel> wheels) {
      this(name, version, index, marker, dependencies, wheels, Optional.empty());
    }
  }

  /**
   * One {@code [[packages.wheels]]} entry, or the {@code [packages.sdist]} table.
   *
   * @param name the file name
   * @param url where to fetch it
   * @param size its size, if known
   * @param sha256 its sha256, lower-case hex
   */
  public record Wheel(String name, String url, OptionalLong size, String sha256) {}

  /** Writes the lock (UTF-8, LF, deterministic order), replacing the file atomically. */
  public void write(Path file) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# Written by componentize:lock (componentize-maven) for the component's runtime.\n")
        .append(
            "# Change the <packages> in the pom and run mvn componentize:lock, not this file.\n")
        .append("lock-version = \"1.0\"\n")
        .append("environments = [")
        .append(Toml.quote("sys_platform == 'wasi' and platform_machine == 'wasm32'"))
        .append("]\n")
        .append("requires-python = \"==3.13.*\"\n")
        .append("created-by = ")
        .append(Toml.quote(TOOL))
        .append("\n");
    for (Package p : packages) {
      b.append("\n[[packages]]\n");
      b.append("name = ").append(Toml.quote(p.name())).append('\n');
      b.append("version = ").append(Toml.quote(p.version())).append('\n');
      p.marker().ifPresent(m -> b.append("marker = ").append(Toml.quote(m)).append('\n'));
      p.index().ifPresent(i -> b.append("index = ").append(Toml.quote(i)).append('\n'));
      if (!p.dependencies().isEmpty()) {
        b.append("dependencies = [");
        for (int i = 0; i < p.dependencies().size(); i++) {
          b.append(i == 0 ? "" : ", ")
              .append("{name = ")
              .append(Toml.quote(p.dependencies().get(i)))
              .append("}");
        }
        b.append("]\n");
      }
      if (p.sdist().isPresent()) {
        b.append("\n[packages.sdist]\n");
        file(b, p.sdist().get());
      }
      for (Wheel w : p.wheels()) {
        b.append("\n[[packages.wheels]]\n");
        file(b, w);
      }
    }
    b.append("\n[tool.").append(TOOL).append("]\n");
    b.append("requirements = ").append(list(requirements)).append('\n');
    b.append("indexes = ").append(list(indexes)).append('\n');
    FileKit.writeAtomically(file, b.toString());
  }

  private static void file(StringBuilder b, Wheel w) {
    b.append("name = ").append(Toml.quote(w.name())).append('\n');
    b.append("url = ").append(Toml.quote(w.url())).append('\n');
    w.size().ifPresent(s -> b.append("size = ").append(s).append('\n'));
    b.append("hashes = {sha256 = ").append(Toml.quote(w.sha256())).append("}\n");
  }

  private static String list(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(Toml.quote(values.get(i)));
    }
    return b.append(']').toString();
  }

  /**
   * Reads a lock file (ours or another PEP 751 writer's).
   *
   * @throws PackageException naming the file and what is wrong
   */
  public static PyLock read(Path file) throws PackageException, IOException {
    Map<String, Object> doc;
    try {
      doc = Toml.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new PackageException(null, null, file + ": " + e.getMessage());
    }
    Object version = doc.get("lock-version");
    if (!(version instanceof String v) || !v.startsWith("1.")) {
      throw new PackageException(
          null, null, file + ": lock-version is " + version + "; only 1.x (PEP 751) is supported");
    }
    List<Package> packages = new ArrayList<>();
    for (Map<?, ?> p : tables(doc.get("packages"), file, "packages")) {
      String name = string(p, "name", file, "packages");
      String where = "package '" + name + "'";
      String ver = string(p, "version", file, where);
      List<String> deps = new ArrayList<>();
      for (Map<?, ?> d : tables(p.get("dependencies"), file, where + " dependencies")) {
        if (d.get("name") instanceof String n) {
          deps.add(n);
        }
      }
      List<Wheel> wheels = new ArrayList<>();
      for (Map<?, ?> w : tables(p.get("wheels"), file, where + " wheels")) {
        wheels.add(distributionFile(w, name, file, "wheel"));
      }
      Optional<Wheel> sdist = Optional.empty();
      if (p.get("sdist") instanceof Map<?, ?> sd) {
        sdist = Optional.of(distributionFile(sd, name, file, "sdist"));
      } else if (p.containsKey("sdist")) {
        throw new PackageException(name, null, file + ": packages.sdist must be a table");
      }
      if (wheels.isEmpty() && sdist.isEmpty()) {
        throw new PackageException(
            name,
            null,
            file
                + ": the lock has neither a wheel nor a source distribution for it (a directory"
                + " or VCS source is not supported); re-lock or provide a wasi wheel");
      }
      packages.add(
          new Package(
              name,
              ver,
              Optional.ofNullable(p.get("index") instanceof String i ? i : null),
              Optional.ofNullable(p.get("marker") instanceof String m ? m : null),
              deps,
              wheels,
              sdist));
    }
    List<String> requirements = List.of();
    List<String> indexes = List.of();
    if (doc.get("tool") instanceof Map<?, ?> tool && tool.get(TOOL) instanceof Map<?, ?> ours) {
      requirements = strings(ours.get("requirements"));
      indexes = strings(ours.get("indexes"));
    }
    return new PyLock(packages, requirements, indexes);
  }

  /** A {@code [[packages.wheels]]} or {@code [packages.sdist]} entry: url, name, size, sha256. */
  private static Wheel distributionFile(Map<?, ?> w, String name, Path file, String what)
      throws PackageException {
    String url = w.get("url") instanceof String u ? u : null;
    if (url == null) {
      throw new PackageException(
          name, null, file + ": a " + what + " has no url (local 'path' files are not supported)");
    }
    String fileName =
        w.get("name") instanceof String n ? n : url.substring(url.lastIndexOf('/') + 1);
    String sha =
        w.get("hashes") instanceof Map<?, ?> h && h.get("sha256") instanceof String s
            ? s.toLowerCase(java.util.Locale.ROOT)
            : null;
    if (!Hashes.isSha256(sha)) {
      throw new PackageException(
          name, url, file + ": " + what + " " + fileName + " has no sha256 hash; re-lock");
    }
    OptionalLong size = w.get("size") instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    return new Wheel(fileName, url, size, sha);
  }

  private static List<Map<?, ?>> tables(Object o, Path file, String where) throws PackageException {
    if (o == null) {
      return List.of();
    }
    List<Map<?, ?>> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        if (x instanceof Map<?, ?> m) {
          out.add(m);
          continue;
        }
        throw new PackageException(null, null, file + ": " + where + " must be a list of tables");
      }
      return out;
    }
    throw new PackageException(null, null, file + ": " + where + " must be a list of tables");
  }

  private static String string(Map<?, ?> m, String key, Path file, String where)
      throws PackageException {
    if (m.get(key) instanceof String s) {
      return s;
    }
    throw new PackageException(null, null, file + ": " + where + " has no '" + key + "'");
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        if (x instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
