package dev.componentize.core.packages;

import dev.componentize.core.wheel.TargetRuntime;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the build does with the packages a project names: resolve them and write {@code pylock.toml}
 * ({@link #lock}), tell whether an existing lock still matches them ({@link #mismatch}), and
 * install exactly what a lock says, every file verified by its sha256 and taken from the download
 * cache when there ({@link #install}).
 */
public final class PythonPackages {
  private PythonPackages() {}

  /**
   * Where the wheels of an install came from: the download cache, the index, or built from a source
   * distribution (or found built before, counted in {@code fromCache}).
   */
  public record Installed(List<Path> wheels, int fromCache, int downloaded, int built) {
    public Installed {
      wheels = List.copyOf(wheels);
    }
  }

  /**
   * Resolves the requirements against the indexes and returns the lock (not yet written).
   *
   * @param environment the marker environment ({@link TargetEnvironment})
   * @param builder builds the wheel of a release that has only a source distribution, or null to
   *     refuse such releases
   */
  public static PyLock lock(
      List<Resolver.Root> roots,
      List<URI> indexes,
      boolean allowPrereleases,
      IndexHttp http,
      PackageCache cache,
      TargetRuntime runtime,
      Map<String, String> environment,
      WheelBuilder builder)
      throws PackageException, IOException {
    Resolver resolver = new Resolver(indexes, http, cache, runtime, environment, allowPrereleases);
    if (builder != null) {
      resolver.withBuilder(builder);
    }
    List<PyLock.Package> packages = new ArrayList<>();
    for (Resolver.Resolved r : resolver.resolve(roots)) {
      IndexFile f = r.wheel();
      PyLock.Wheel file =
          new PyLock.Wheel(f.filename(), f.url().toString(), f.size(), f.sha256().orElseThrow());
      packages.add(
          new PyLock.Package(
              Requirement.normalize(r.name()),
              r.version().toString(),
              // PEP 751 packages.index is the index's base URL, not the project page.
              Optional.of(f.index().resolve("..").toString()),
              Optional.empty(),
              r.dependencies(),
              f.isSdist() ? List.of() : List.of(file),
              f.isSdist() ? Optional.of(file) : Optional.empty()));
    }
    return new PyLock(
        packages,
        roots.stream().map(r -> r.requirement().toString()).toList(),
        indexes.stream().map(URI::toString).toList());
  }

  /**
   * Why the lock does not match the requirements, or empty if it does: the requirements recorded in
   * it differ, or a requirement is not satisfied by the locked release.
   */
  public static Optional<String> mismatch(
      PyLock lock, List<Resolver.Root> roots, Map<String, String> environment) {
    Set<String> now = new TreeSet<>();
    for (Resolver.Root r : roots) {
      now.add(r.requirement().toString());
    }
    if (!lock.requirements().isEmpty() || lock.packages().isEmpty()) {
      Set<String> then = new TreeSet<>(lock.requirements());
      if (!then.equals(now)) {
        Set<String> added = new TreeSet<>(now);
        added.removeAll(then);
        Set<String> removed = new TreeSet<>(then);
        removed.removeAll(now);
        return Optional.of(
            (added.isEmpty() ? "" : "added " + String.join(", ", added))
                + (!added.isEmpty() && !removed.isEmpty() ? "; " : "")
                + (removed.isEmpty() ? "" : "removed " + String.join(", ", removed)));
      }
    }
    for (Resolver.Root r : roots) {
      if (!r.requirement().appliesTo(environment, Set.of())) {
        continue;
      }
      Optional<PyLock.Package> p =
          lock.packages().stream().filter(x -> x.name().equals(r.requirement().key())).findFirst();
      if (p.isEmpty()) {
        return Optional.of(r.requirement() + " (" + r.origin() + ") is not in the lock");
      }
      Optional<Version> v = Version.tryParse(p.get().version());
      if (v.isEmpty() || !r.requirement().specifiers().contains(v.get(), true)) {
        return Optional.of(
            r.requirement()
                + " ("
                + r.origin()
                + ") is not satisfied by the locked "
                + p.get().name()
                + " "
                + p.get().version());
      }
    }
    return Optional.empty();
  }

  /**
   * Fetches (or finds in the cache) and verifies every wheel the lock names for the runtime; a
   * package locked by its source distribution gets the wheel built from it (the one built before,
   * when the cache has it).
   *
   * @param builder builds wheels from source distributions, or null to refuse them
   * @return the wheel files, in the lock's order
   */
  public static Installed install(
      PyLock lock,
      PackageCache cache,
      IndexHttp http,
      TargetRuntime runtime,
      Map<String, String> environment,
      WheelBuilder builder)
      throws PackageException, IOException {
    List<Path> wheels = new ArrayList<>();
    int cached = 0;
    int downloaded = 0;
    int built = 0;
    for (PyLock.Package p : lock.packages()) {
      if (p.marker().isPresent()) {
        boolean applies;
        try {
          applies = Marker.parse(p.marker().get()).evaluate(environment, Set.of());
        } catch (IllegalArgumentException e) {
          throw new PackageException(p.name(), null, PyLock.FILE_NAME + ": " + e.getMessage());
        }
        if (!applies) {
          continue;
        }
      }
      List<IndexFile> candidates = new ArrayList<>();
      for (PyLock.Wheel w : p.wheels()) {
        candidates.add(indexFile(p, w));
      }
      Optional<IndexFile> best = WheelChoice.best(candidates, runtime);
      if (best.isEmpty() && p.sdist().isPresent() && builder != null) {
        IndexFile sdist = indexFile(p, p.sdist().get());
        checkPlainName(p, sdist);
        Optional<Path> before = builder.built(sdist);
        if (before.isPresent()) {
          cached++;
          wheels.add(before.get());
        } else {
          built++;
          Path file = cache.fetch(p.name(), sdist, http, Resolver.MAX_FILE_BYTES);
          wheels.add(builder.build(p.name(), sdist, file));
        }
        continue;
      }
      IndexFile chosen =
          best.orElseThrow(
              () ->
                  new PackageException(
                      p.name(),
                      null,
                      PyLock.FILE_NAME
                          + " locks no wheel for the runtime (it has "
                          + String.join(", ", p.wheels().stream().map(PyLock.Wheel::name).toList())
                          + "); re-lock with mvn componentize:lock"));
      if (chosen.filename().contains("/")
          || chosen.filename().contains("\\")
          || chosen.filename().startsWith(".")) {
        throw new PackageException(
            p.name(),
            chosen.url().toString(),
            PyLock.FILE_NAME + ": not a plain file name: " + chosen.filename());
      }
      if (cache.find(chosen.sha256().orElseThrow(), chosen.filename()).isPresent()) {
        cached++;
      } else {
        downloaded++;
      }
      wheels.add(cache.fetch(p.name(), chosen, http, Resolver.MAX_FILE_BYTES));
    }
    return new Installed(wheels, cached, downloaded, built);
  }

  private static void checkPlainName(PyLock.Package p, IndexFile file) throws PackageException {
    if (file.filename().contains("/")
        || file.filename().contains("\\")
        || file.filename().startsWith(".")) {
      throw new PackageException(
          p.name(),
          file.url().toString(),
          PyLock.FILE_NAME + ": not a plain file name: " + file.filename());
    }
  }

  private static IndexFile indexFile(PyLock.Package p, PyLock.Wheel w) {
    return new IndexFile(
        w.name(),
        URI.create(w.url()),
        Map.of("sha256", w.sha256()),
        Optional.empty(),
        false,
        false,
        Map.of(),
        w.size(),
        URI.create(p.index().orElse(w.url())));
  }
}
