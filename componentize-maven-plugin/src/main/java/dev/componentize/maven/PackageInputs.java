package dev.componentize.maven;

import dev.componentize.core.files.FileKit;
import dev.componentize.core.packages.IndexHttp;
import dev.componentize.core.packages.PackageCache;
import dev.componentize.core.packages.PackageException;
import dev.componentize.core.packages.PipConfiguration;
import dev.componentize.core.packages.PyLock;
import dev.componentize.core.packages.PythonPackages;
import dev.componentize.core.packages.Requirement;
import dev.componentize.core.packages.RequirementsFile;
import dev.componentize.core.packages.Resolver;
import dev.componentize.core.packages.TargetEnvironment;
import dev.componentize.core.packages.WheelBuilder;
import dev.componentize.core.sdist.GuestPython;
import dev.componentize.core.sdist.SdistBuilder;
import dev.componentize.core.wheel.TargetRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Settings;

/**
 * Turns the package parameters into linker-core calls: the requirements, the index URLs (the
 * parameter, else pip's configuration), Maven's offline mode and proxy, the download cache under
 * the user's componentize cache. Decides what a build does with the lock file: none yet, resolve
 * and write one; one that no longer matches the packages, say so and resolve again (or fail when
 * frozen); else install exactly what it says.
 */
final class PackageInputs {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** The longest one sdist build (its backend's run on the runtime's CPython) may take. */
  private static final Duration SDIST_TIMEOUT = Duration.ofMinutes(30);

  private final Path basedir;
  private final List<String> packages;
  private final Path requirementsFile;
  private final String indexUrl;
  private final List<String> extraIndexUrls;
  private final boolean allowPrereleases;
  private final boolean frozen;
  private final Path lockFile;
  private final Settings settings;
  private final Path runtimeBundle;
  private final String sdistExtensions;
  private final Log log;
  private final Map<String, String> environment =
      TargetEnvironment.of(TargetRuntime.CPYTHON_3_13, TargetRuntime.CPYTHON_3_13.version());

  PackageInputs(
      Path basedir,
      List<String> packages,
      Path requirementsFile,
      String indexUrl,
      List<String> extraIndexUrls,
      boolean allowPrereleases,
      boolean frozen,
      Path lockFile,
      Settings settings,
      Path runtimeBundle,
      String sdistExtensions,
      Log log) {
    this.basedir = basedir;
    this.packages = List.copyOf(packages);
    this.requirementsFile = requirementsFile;
    this.indexUrl = indexUrl;
    this.extraIndexUrls = List.copyOf(extraIndexUrls);
    this.allowPrereleases = allowPrereleases;
    this.frozen = frozen;
    this.lockFile = lockFile;
    this.settings = settings;
    this.runtimeBundle = runtimeBundle;
    this.sdistExtensions = sdistExtensions == null ? "native" : sdistExtensions.strip();
    this.log = log;
  }

  /** The {@code lock} goal: resolves and (re)writes the lock file. */
  void lock() throws ConfigurationException {
    List<Resolver.Root> roots = roots();
    if (roots.isEmpty()) {
      throw new ConfigurationException(
          "no Python packages to lock: list them in <packages> (PEP 508 requirements, e.g."
              + " <package>attrs==24.2.0</package>) or name a <requirementsFile>");
    }
    resolveAndWrite(roots);
  }

  /** The wheels of the project's packages for the component (none if it names no packages). */
  List<Path> wheels() throws ConfigurationException {
    List<Resolver.Root> roots = roots();
    if (roots.isEmpty()) {
      return List.of();
    }
    PyLock lock;
    try {
      if (!Files.isRegularFile(lockFile)) {
        if (frozen) {
          throw new ConfigurationException(
              "<frozen> is set but there is no "
                  + shown(lockFile)
                  + ": run mvn componentize:lock and commit the file");
        }
        log.info(LogLines.PREFIX + "no " + shown(lockFile) + " yet: resolving the packages");
        lock = resolveAndWrite(roots);
      } else {
        lock = PyLock.read(lockFile);
        Optional<String> mismatch = PythonPackages.mismatch(lock, roots, environment);
        if (mismatch.isPresent()) {
          String what =
              shown(lockFile) + " does not match the pom's packages (" + mismatch.get() + ")";
          if (frozen) {
            throw new ConfigurationException(
                what
                    + ": run mvn componentize:lock and commit the file (<frozen> forbids changing"
                    + " the lock during the build)");
          }
          log.warn(LogLines.PREFIX + what + ": resolving again and rewriting it");
          lock = resolveAndWrite(roots);
        }
      }
      PythonPackages.Installed installed =
          PythonPackages.install(
              lock,
              cache(),
              http(),
              TargetRuntime.CPYTHON_3_13,
              environment,
              lock.packages().stream().anyMatch(p -> p.sdist().isPresent())
                  ? builder(indexesOf(lock))
                  : null);
      log.info(
          LogLines.PREFIX
              + installed.wheels().size()
              + " Python packages from "
              + shown(lockFile)
              + " ("
              + installed.fromCache()
              + " from the download cache, "
              + installed.downloaded()
              + " downloaded"
              + (installed.built() > 0 ? ", " + installed.built() + " built from source" : "")
              + ")");
      return installed.wheels();
    } catch (PackageException e) {
      throw new ConfigurationException(e.getMessage(), e);
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot read or write " + shown(lockFile) + " or the download cache: " + e, e);
    }
  }

  private PyLock resolveAndWrite(List<Resolver.Root> roots) throws ConfigurationException {
    List<URI> indexes = indexes();
    log.info(
        LogLines.PREFIX
            + "resolving "
            + roots.size()
            + " requirements for CPython "
            + TargetRuntime.CPYTHON_3_13.version()
            + " on wasm32-wasi against "
            + indexes.get(0)
            + (indexes.size() > 1 ? " (+" + (indexes.size() - 1) + " more)" : ""));
    try {
      PyLock lock =
          PythonPackages.lock(
              roots,
              indexes,
              allowPrereleases,
              http(),
              cache(),
              TargetRuntime.CPYTHON_3_13,
              environment,
              builder(indexes));
      lock.write(lockFile);
      for (PyLock.Package p : lock.packages()) {
        log.info(
            LogLines.PREFIX
                + "  "
                + p.name()
                + " "
                + p.version()
                + "  "
                + (p.wheels().isEmpty()
                    ? p.sdist().orElseThrow().name() + " (wheel built from it)"
                    : p.wheels().get(0).name()));
      }
      log.info(
          LogLines.PREFIX
              + "wrote "
              + shown(lockFile)
              + " ("
              + lock.packages().size()
              + " packages)");
      return lock;
    } catch (PackageException e) {
      throw new ConfigurationException(e.getMessage(), e);
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot write " + shown(lockFile) + " or the download cache: " + e, e);
    }
  }

  private List<Resolver.Root> roots() throws ConfigurationException {
    List<Resolver.Root> roots = new ArrayList<>();
    for (String p : packages) {
      if (p == null || p.isBlank()) {
        continue;
      }
      try {
        roots.add(new Resolver.Root(Requirement.parse(p), "<packages>"));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("<packages>: " + e.getMessage(), e);
      }
    }
    if (requirementsFile != null) {
      try {
        roots.addAll(RequirementsFile.read(requirementsFile, this::shown));
      } catch (PackageException e) {
        throw new ConfigurationException("<requirementsFile> " + e.getMessage(), e);
      } catch (IOException e) {
        throw new ConfigurationException(
            "<requirementsFile> " + shown(requirementsFile) + " cannot be read: " + e, e);
      }
    }
    return roots;
  }

  /** {@code <indexUrl>}, else pip's configuration, plus the extra indexes. */
  private List<URI> indexes() throws ConfigurationException {
    PipConfiguration pip;
    try {
      pip = PipConfiguration.read(System.getenv(), Path.of(System.getProperty("user.home")));
    } catch (IOException e) {
      throw new ConfigurationException("cannot read pip's configuration: " + e, e);
    }
    String main =
        indexUrl != null && !indexUrl.isBlank() ? indexUrl.strip() : pip.indexUrl().orElse(null);
    if (main == null) {
      throw new ConfigurationException(
          "no package index configured for <packages>: set <indexUrl> in the plugin configuration"
              + " (or -Dcomponentize.indexUrl=URL, the simple API's base URL as for pip"
              + " --index-url), or configure pip's index (PIP_INDEX_URL, or index-url in pip.conf)");
    }
    List<String> all = new ArrayList<>();
    all.add(main);
    all.addAll(
        extraIndexUrls.isEmpty() && (indexUrl == null || indexUrl.isBlank())
            ? pip.extraIndexUrls()
            : extraIndexUrls);
    List<URI> uris = new ArrayList<>();
    for (String u : all) {
      try {
        URI uri = URI.create(u.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
          throw new IllegalArgumentException("not http(s)");
        }
        uris.add(uri);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "index URL '"
                + u
                + "' is not an http(s) URL (from <indexUrl>/<extraIndexUrls> or pip's"
                + " configuration)",
            e);
      }
    }
    return uris;
  }

  /**
   * Builds wheels from source distributions on the runtime's CPython (one run of the package's own
   * build backend per sdist, cached by the sdist's hash).
   */
  private WheelBuilder builder(List<URI> indexes) throws ConfigurationException {
    if (runtimeBundle == null) {
      return null;
    }
    if (!sdistExtensions.equals("native") && !sdistExtensions.equals("pure")) {
      throw new ConfigurationException(
          "<sdistExtensions> '" + sdistExtensions + "' is neither native nor pure");
    }
    try {
      SdistBuilder builder =
          new SdistBuilder(
              GuestPython.of(runtimeBundle),
              indexes,
              http(),
              cache(),
              TargetRuntime.CPYTHON_3_13,
              environment,
              FileKit.cacheRoot().resolve("packages").resolve("tmp"),
              SDIST_TIMEOUT,
              line -> log.info(LogLines.PREFIX + line));
      return sdistExtensions.equals("native") ? builder.withNativeExtensions() : builder;
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot open the runtime bundle " + runtimeBundle + " to build sdists: " + e, e);
    }
  }

  /** The indexes a lock was made from (for build requirements), else the configured ones. */
  private List<URI> indexesOf(PyLock lock) throws ConfigurationException {
    if (lock.indexes().isEmpty()) {
      return indexes();
    }
    return lock.indexes().stream().map(URI::create).toList();
  }

  private IndexHttp http() {
    return new IndexHttp(proxySelector(), settings != null && settings.isOffline(), TIMEOUT);
  }

  /** Maven's active proxy ({@code settings.xml <proxies>}), with its non-proxy hosts. */
  private ProxySelector proxySelector() {
    org.apache.maven.settings.Proxy p = settings == null ? null : settings.getActiveProxy();
    if (p == null || p.getHost() == null) {
      return null;
    }
    Proxy proxy =
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), p.getPort()));
    List<String> bypass = new ArrayList<>();
    if (p.getNonProxyHosts() != null) {
      for (String h : p.getNonProxyHosts().split("[|,]")) {
        if (!h.isBlank()) {
          bypass.add(h.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        for (String b : bypass) {
          if (b.startsWith("*") ? host.endsWith(b.substring(1)) : host.equals(b)) {
            return List.of(Proxy.NO_PROXY);
          }
        }
        return List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException e) {
        // the request fails with its own error, which names the URL
      }
    };
  }

  /** {@code $COMPONENTIZE_CACHE/packages}, else {@code ~/.cache/componentize-maven/packages}. */
  private static PackageCache cache() {
    return new PackageCache(FileKit.cacheRoot().resolve("packages"));
  }

  private String shown(Path file) {
    return LogLines.relative(basedir, file).toString();
  }
}
