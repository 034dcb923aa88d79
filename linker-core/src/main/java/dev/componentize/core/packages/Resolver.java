package dev.componentize.core.packages;

import dev.componentize.core.wheel.TargetRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Resolves requirements to one wheel per distribution for the runtime: the newest release that
 * every requirer allows, that has a wheel for the runtime's tags, that is not yanked (unless pinned
 * with {@code ==}, PEP 592) and not a pre-release (unless asked for or named, PEP 440), then its
 * {@code Requires-Dist} (from the index's PEP 658 metadata when offered, else from the wheel's
 * {@code METADATA}) with markers evaluated for the runtime and the extras asked for. When a later
 * requirement rules out a release already chosen, resolution starts again with both requirements
 * known; when no release satisfies all of them, the error names every requirer.
 */
public final class Resolver {
  /** The most distributions one resolution may involve (bounds a hostile index's chains). */
  static final int MAX_PACKAGES = 500;

  static final int MAX_RESTARTS = 50;
  static final long MAX_PAGE_BYTES = 32L << 20;
  static final long MAX_METADATA_BYTES = 8L << 20;

  /** The largest distribution file downloaded. */
  public static final long MAX_FILE_BYTES = 512L << 20;

  /**
   * A requirement and where it was written, e.g. {@code <packages>} or {@code requirements.txt:3}.
   */
  public record Root(Requirement requirement, String origin) {}

  /**
   * One resolved distribution.
   *
   * @param name the project name as the metadata spells it
   * @param version the chosen release
   * @param wheel the chosen file: a wheel, or the source distribution its wheel is built from
   * @param dependencies the normalised names of the distributions it needs here
   * @param requiredBy who asked for it
   */
  public record Resolved(
      String name,
      Version version,
      IndexFile wheel,
      List<String> dependencies,
      List<String> requiredBy) {
    public Resolved {
      dependencies = List.copyOf(dependencies);
      requiredBy = List.copyOf(requiredBy);
    }
  }

  private record Demand(Requirement requirement, String by) {}

  private record Choice(Version version, IndexFile file, CoreMetadata metadata, String label) {}

  /** Thrown inside an attempt: start again knowing this requirement. */
  private static final class Restart extends Exception {
    private static final long serialVersionUID = 1L;
    final String key;

    Restart(String key) {
      super(null, null, false, false);
      this.key = key;
    }
  }

  private final List<URI> indexes;
  private final IndexHttp http;
  private final PackageCache cache;
  private final TargetRuntime runtime;
  private final Map<String, String> environment;
  private final Version python;
  private final boolean allowPrereleases;
  private final Map<String, List<IndexFile>> pages = new HashMap<>();
  private int maxPackages = MAX_PACKAGES;
  private final Map<URI, CoreMetadata> metadata = new HashMap<>();
  private WheelBuilder builder;
  private String noBuild = "building wheels from source distributions is not enabled here";

  /**
   * @param indexes the index base URLs, the first one first (PEP 503 base: {@code <base>/<name>/})
   * @param environment the marker environment ({@link TargetEnvironment})
   * @param allowPrereleases whether pre-releases may be chosen without being named
   */
  public Resolver(
      List<URI> indexes,
      IndexHttp http,
      PackageCache cache,
      TargetRuntime runtime,
      Map<String, String> environment,
      boolean allowPrereleases) {
    if (indexes.isEmpty()) {
      throw new IllegalArgumentException("no index URL");
    }
    this.indexes = List.copyOf(indexes);
    this.http = http;
    this.cache = cache;
    this.runtime = runtime;
    this.environment = Map.copyOf(environment);
    this.python = Version.parse(environment.get("python_full_version"));
    this.allowPrereleases = allowPrereleases;
  }

  /** Builds a release's wheel from its source distribution when it has no wheel for the runtime. */
  public Resolver withBuilder(WheelBuilder builder) {
    this.builder = builder;
    return this;
  }

  /**
   * Refuses source distributions, saying {@code why} in the message (a clause, e.g. for a build's
   * own requirements).
   */
  public Resolver withoutBuilder(String why) {
    this.builder = null;
    this.noBuild = why;
    return this;
  }

  /** Lowers the bound on distributions (tests). */
  Resolver maxPackages(int max) {
    this.maxPackages = max;
    return this;
  }

  /** Resolves the roots; the result is in resolution order (roots first). */
  public List<Resolved> resolve(List<Root> roots) throws PackageException, IOException {
    Map<String, List<Demand>> learned = new LinkedHashMap<>();
    for (int attempt = 0; ; attempt++) {
      Map<String, List<Demand>> demands = new LinkedHashMap<>();
      try {
        return attempt(roots, learned, demands);
      } catch (Restart r) {
        if (attempt >= MAX_RESTARTS) {
          throw new PackageException(
              r.key, null, "no consistent set of releases found after " + MAX_RESTARTS + " tries");
        }
        learned.put(r.key, merged(learned.get(r.key), demands.get(r.key)));
      }
    }
  }

  private List<Resolved> attempt(
      List<Root> roots, Map<String, List<Demand>> learned, Map<String, List<Demand>> demands)
      throws PackageException, IOException, Restart {
    Map<String, Choice> chosen = new LinkedHashMap<>();
    Map<String, Set<String>> extras = new HashMap<>();
    Map<String, Set<String>> dependencies = new HashMap<>();
    Set<String> expanded = new HashSet<>();
    Deque<Demand> queue = new ArrayDeque<>();
    for (Root root : roots) {
      if (root.requirement().appliesTo(environment, Set.of())) {
        queue.add(new Demand(root.requirement(), root.origin()));
      }
    }
    while (!queue.isEmpty()) {
      Demand d = queue.poll();
      String key = d.requirement().key();
      List<Demand> forKey = demands.computeIfAbsent(key, k -> new ArrayList<>());
      if (!forKey.contains(d)) {
        forKey.add(d);
      }
      Choice choice = chosen.get(key);
      if (choice == null) {
        if (chosen.size() >= maxPackages) {
          throw new PackageException(
              key,
              null,
              "more than "
                  + maxPackages
                  + " distributions are needed (required by "
                  + d.by()
                  + "); the index's metadata keeps naming new ones");
        }
        choice = choose(key, merged(learned.get(key), forKey));
        chosen.put(key, choice);
        dependencies.put(key, new LinkedHashSet<>());
      } else if (!d.requirement().specifiers().contains(choice.version(), true)) {
        List<Demand> all = merged(learned.get(key), forKey);
        // Fails with the conflict if no release satisfies everyone; else start again with it.
        choose(key, all);
        throw new Restart(key);
      }
      // Dependencies are queued once per release, and again when a requirer adds extras.
      Set<String> have = extras.computeIfAbsent(key, k -> new HashSet<>());
      boolean newExtras = have.addAll(d.requirement().extras());
      if (!expanded.add(key) && !newExtras) {
        continue;
      }
      Set<String> wanted = Set.copyOf(have);
      for (String line : choice.metadata().requiresDist()) {
        Requirement r;
        try {
          r = Requirement.parse(line);
        } catch (IllegalArgumentException e) {
          throw new PackageException(
              choice.label(),
              choice.file().url().toString(),
              "its metadata has a Requires-Dist that does not parse: " + e.getMessage());
        }
        if (r.appliesTo(environment, wanted)) {
          dependencies.get(key).add(r.key());
          queue.add(new Demand(r, choice.label()));
        }
      }
    }
    List<Resolved> result = new ArrayList<>();
    for (var e : chosen.entrySet()) {
      Choice c = e.getValue();
      List<String> by =
          demands.get(e.getKey()).stream().map(Demand::by).distinct().collect(Collectors.toList());
      List<String> deps = new ArrayList<>(dependencies.get(e.getKey()));
      deps.remove(e.getKey());
      result.add(new Resolved(c.metadata().name(), c.version(), c.file(), deps, by));
    }
    return result;
  }

  private static List<Demand> merged(List<Demand> learned, List<Demand> now) {
    List<Demand> all = new ArrayList<>(learned == null ? List.of() : learned);
    for (Demand d : now) {
      if (!all.contains(d)) {
        all.add(d);
      }
    }
    return all;
  }

  /** The newest release that satisfies every demand and has a wheel for the runtime. */
  private Choice choose(String key, List<Demand> demands) throws PackageException, IOException {
    List<IndexFile> files = files(key);
    SpecifierSet combined = SpecifierSet.ANY;
    for (Demand d : demands) {
      combined = combined.and(d.requirement().specifiers());
    }
    TreeMap<Version, List<IndexFile>> byVersion = new TreeMap<>();
    for (IndexFile f : files) {
      WheelChoice.versionOf(f)
          .ifPresent(v -> byVersion.computeIfAbsent(v, x -> new ArrayList<>()).add(f));
    }
    List<Version> yanked = new ArrayList<>();
    List<Version> prereleases = new ArrayList<>();
    List<Version> pythonMismatch = new ArrayList<>();
    Version noWheel = null;
    for (Version v : byVersion.descendingKeySet()) {
      if (!combined.contains(v, true)) {
        continue;
      }
      if (!combined.contains(v, allowPrereleases)) {
        prereleases.add(v);
        continue;
      }
      boolean pinned = pins(combined, v);
      List<IndexFile> usable =
          byVersion.get(v).stream().filter(f -> !f.yanked() || pinned).toList();
      if (usable.isEmpty()) {
        yanked.add(v);
        continue;
      }
      usable = usable.stream().filter(this::pythonFits).toList();
      if (usable.isEmpty()) {
        pythonMismatch.add(v);
        continue;
      }
      Optional<IndexFile> wheel = WheelChoice.best(usable, runtime);
      if (wheel.isEmpty() && builder != null) {
        wheel = sdist(usable);
      }
      if (wheel.isEmpty()) {
        noWheel = noWheel == null ? v : noWheel;
        continue;
      }
      CoreMetadata m = metadata(key, v, wheel.get());
      return new Choice(v, wheel.get(), m, m.name() + " " + v);
    }
    throw unresolvable(
        key, demands, byVersion, combined, yanked, prereleases, pythonMismatch, noWheel);
  }

  /** The release's source distribution, the PEP 625 {@code .tar.gz} first. */
  static Optional<IndexFile> sdist(List<IndexFile> files) {
    return files.stream()
        .filter(IndexFile::isSdist)
        .min(
            java.util.Comparator.comparing((IndexFile f) -> !f.filename().endsWith(".tar.gz"))
                .thenComparing(IndexFile::filename));
  }

  private static boolean pins(SpecifierSet set, Version v) {
    return set.clauses().stream()
        .anyMatch(
            c ->
                (c.operator().equals("==") && !c.wildcard() || c.operator().equals("==="))
                    && c.matches(v));
  }

  private boolean pythonFits(IndexFile f) {
    if (f.requiresPython().isEmpty() || f.requiresPython().get().isBlank()) {
      return true;
    }
    try {
      return SpecifierSet.parse(f.requiresPython().get()).contains(python, true);
    } catch (IllegalArgumentException e) {
      return true; // an unparseable Requires-Python is ignored, as installers do
    }
  }

  private PackageException unresolvable(
      String key,
      List<Demand> demands,
      TreeMap<Version, List<IndexFile>> byVersion,
      SpecifierSet combined,
      List<Version> yanked,
      List<Version> prereleases,
      List<Version> pythonMismatch,
      Version noWheel) {
    String who =
        demands.stream()
            .map(
                d ->
                    d.requirement().name()
                        + d.requirement().specifiers()
                        + " (required by "
                        + d.by()
                        + ")")
            .distinct()
            .collect(Collectors.joining(", "));
    String page = indexes.get(0).toString();
    if (noWheel != null) {
      List<IndexFile> files = byVersion.get(noWheel);
      String sdists = names(files.stream().filter(f -> !f.isWheel()).toList());
      String wheels = names(files.stream().filter(IndexFile::isWheel).toList());
      String found =
          wheels.isEmpty()
              ? "; the index has only a source distribution: " + sdists + " (" + noBuild + ")."
              : sdists.isEmpty()
                  ? "; the index has only wheels for other platforms: "
                      + wheels
                      + " (they hold machine code, not wasm)."
                  : "; the index has a source distribution ("
                      + sdists
                      + "), which is not built here ("
                      + noBuild
                      + "), and wheels for other platforms only: "
                      + wheels
                      + " (they hold machine code, not wasm).";
      String how =
          " Build a wasm32-wasi wheel of it (see examples/native-extension: compile against the"
              + " runtime bundle's SDK and tag it "
              + runtime.cpythonTag()
              + "-"
              + runtime.cpythonTag()
              + "-wasi_0_0_0_wasm32, or py3-none-any if it is pure Python) and add it with <wheels>"
              + " or a <type>whl</type> dependency instead of <packages>.";
      return new PackageException(
          key,
          page,
          "release "
              + noWheel
              + " has no wheel for the runtime (CPython "
              + runtime.version()
              + " on wasm32-wasi: py3-none-any, "
              + runtime.cpythonTag()
              + "/abi3 with a WASI platform)"
              + found
              + how
              + " Required by: "
              + who);
    }
    if (!yanked.isEmpty()) {
      return new PackageException(
          key,
          page,
          "only yanked releases match ("
              + join(yanked)
              + "); a yanked release is used only when pinned exactly, e.g. "
              + key
              + "=="
              + yanked.get(0)
              + ". Required by: "
              + who);
    }
    if (!prereleases.isEmpty()) {
      return new PackageException(
          key,
          page,
          "only pre-releases match ("
              + join(prereleases)
              + "); name one (e.g. "
              + key
              + "=="
              + prereleases.get(0)
              + ") or allow them with <allowPrereleases>true</allowPrereleases>. Required by: "
              + who);
    }
    if (!pythonMismatch.isEmpty()) {
      return new PackageException(
          key,
          page,
          "the matching releases ("
              + join(pythonMismatch)
              + ") do not support Python "
              + python
              + " (their Requires-Python). Required by: "
              + who);
    }
    if (byVersion.isEmpty()) {
      return new PackageException(
          key, page, "the index lists no files for it. Required by: " + who);
    }
    List<Version> newest = new ArrayList<>(byVersion.descendingKeySet());
    return new PackageException(
        key,
        page,
        (demands.size() > 1
                ? "no release satisfies every requirement: "
                : "no release matches the requirement: ")
            + who
            + "; releases on the index: "
            + join(newest.subList(0, Math.min(10, newest.size())))
            + (newest.size() > 10 ? ", ..." : ""));
  }

  /** File names, sorted, the first 12 and how many there are in all. */
  private static String names(List<IndexFile> files) {
    List<String> sorted = files.stream().map(IndexFile::filename).sorted().toList();
    return String.join(", ", sorted.subList(0, Math.min(12, sorted.size())))
        + (sorted.size() > 12 ? ", ... (" + sorted.size() + " files)" : "");
  }

  private static String join(List<Version> versions) {
    return versions.stream().map(Version::toString).collect(Collectors.joining(", "));
  }

  /** The files of a project on every index (the first index's first), fetched once per run. */
  private List<IndexFile> files(String key) throws PackageException {
    List<IndexFile> cached = pages.get(key);
    if (cached != null) {
      return cached;
    }
    List<IndexFile> files = new ArrayList<>();
    PackageException notFound = null;
    for (URI index : indexes) {
      URI page = projectUri(index, key);
      try {
        files.addAll(
            ProjectPage.parse(key, http.get(key, page, ProjectPage.ACCEPT, MAX_PAGE_BYTES)));
      } catch (PackageException e) {
        if (!e.getMessage().contains("HTTP 404")) {
          throw e;
        }
        notFound = e;
      }
    }
    if (files.isEmpty() && notFound != null) {
      throw new PackageException(
          key,
          indexes.stream()
              .map(i -> projectUri(i, key).toString())
              .collect(Collectors.joining(", ")),
          "not found on the index (HTTP 404): check the name in <packages> and the index URL");
    }
    pages.put(key, List.copyOf(files));
    return pages.get(key);
  }

  /** {@code <base>/<normalised name>/} (PEP 503). */
  static URI projectUri(URI index, String key) {
    String base = index.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + key + "/");
  }

  private CoreMetadata metadata(String key, Version version, IndexFile file)
      throws PackageException, IOException {
    CoreMetadata known = metadata.get(file.url());
    if (known != null) {
      return known;
    }
    String text;
    String source;
    if (file.isSdist()) {
      Path sdist = cache.fetch(key, file, http, MAX_FILE_BYTES);
      Path wheel = builder.build(key, file, sdist);
      source = file.url().toString();
      text = wheelMetadata(key, file, wheel);
    } else if (file.coreMetadata() && !http.offline()) {
      URI uri = URI.create(file.url() + ".metadata");
      source = uri.toString();
      byte[] bytes = http.get(key, uri, "*/*", MAX_METADATA_BYTES).bytes();
      String expected = file.coreMetadataHashes().get("sha256");
      if (expected != null && !expected.equals(Hashes.sha256(bytes))) {
        throw new PackageException(
            key,
            source,
            "the metadata's sha256 does not match the index's data-core-metadata hash; it was not"
                + " used");
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } else {
      Path wheel = cache.fetch(key, file, http, MAX_FILE_BYTES);
      source = file.url().toString();
      text = wheelMetadata(key, file, wheel);
    }
    CoreMetadata m;
    try {
      m = CoreMetadata.parse(text);
    } catch (IllegalArgumentException e) {
      throw new PackageException(key, source, e.getMessage());
    }
    if (!Requirement.normalize(m.name()).equals(key)
        || Version.tryParse(m.version()).filter(version::equals).isEmpty()) {
      throw new PackageException(
          key,
          source,
          "the metadata describes "
              + m.name()
              + " "
              + m.version()
              + ", but the file is "
              + file.filename()
              + "; the index is inconsistent");
    }
    metadata.put(file.url(), m);
    return m;
  }

  /** The METADATA of a wheel: the one {@code *.dist-info/METADATA} at the archive's top level. */
  private static String wheelMetadata(String key, IndexFile file, Path wheel)
      throws PackageException, IOException {
    try (ZipFile zip = new ZipFile(wheel.toFile())) {
      ZipEntry found = null;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String[] parts = entry.getName().split("/");
        if (parts.length == 2 && parts[0].endsWith(".dist-info") && parts[1].equals("METADATA")) {
          if (found != null) {
            throw new PackageException(
                key,
                file.url().toString(),
                file.filename() + " has more than one .dist-info/METADATA");
          }
          found = entry;
        }
      }
      if (found == null) {
        throw new PackageException(
            key,
            file.url().toString(),
            file.filename() + " has no .dist-info/METADATA: not a wheel");
      }
      try (InputStream in = zip.getInputStream(found)) {
        byte[] bytes = in.readNBytes((int) MAX_METADATA_BYTES + 1);
        if (bytes.length > MAX_METADATA_BYTES) {
          throw new PackageException(
              key, file.url().toString(), file.filename() + ": METADATA is larger than 8 MiB");
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (ZipException e) {
      throw new PackageException(
          key,
          file.url().toString(),
          file.filename() + " is not a valid zip archive: " + e.getMessage());
    }
  }
}
