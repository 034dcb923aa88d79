package dev.componentize.core.sdist;

import dev.componentize.core.abi.Json;
import dev.componentize.core.abi.RuntimeBundleException;
import dev.componentize.core.files.FileKit;
import dev.componentize.core.packages.BuildSystem;
import dev.componentize.core.packages.IndexFile;
import dev.componentize.core.packages.IndexHttp;
import dev.componentize.core.packages.PackageCache;
import dev.componentize.core.packages.PackageException;
import dev.componentize.core.packages.Requirement;
import dev.componentize.core.packages.Resolver;
import dev.componentize.core.packages.SdistArchive;
import dev.componentize.core.packages.Version;
import dev.componentize.core.packages.WheelBuilder;
import dev.componentize.core.wheel.TagCompatibility;
import dev.componentize.core.wheel.TargetRuntime;
import dev.componentize.core.wheel.WheelException;
import dev.componentize.core.wheel.WheelFile;
import dev.componentize.core.wheel.WheelLimits;
import dev.componentize.core.wheel.WheelName;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Builds the wheel of a source distribution with the package's own PEP 517 backend, on the
 * runtime's CPython inside the build ({@link GuestPython}; no host Python): the sdist is unpacked
 * safely ({@link SdistArchive}), its {@code [build-system]} read ({@link BuildSystem}), the build
 * requirements resolved as wheels from the same indexes (a build requirement that is itself only an
 * sdist is refused) and unpacked, then {@link BackendScript} runs the backend with the source tree,
 * the requirements and an output directory preopened. The wheel is checked (a wheel of this release
 * that fits the runtime, a valid RECORD) and kept in the {@link PackageCache} under the sdist's
 * sha256, so the next build of the same sdist runs nothing.
 *
 * <p>setuptools' compiler cannot run (WASI has no processes): a package whose build falls back to
 * pure Python comes out as a pure wheel; one that needs its C extension fails with a message that
 * says how to provide a wasi wheel.
 */
public final class SdistBuilder implements WheelBuilder {
  private static final int MAX_RUNS = 3;

  private final GuestPython python;
  private final List<URI> indexes;
  private final IndexHttp http;
  private final PackageCache cache;
  private final TargetRuntime runtime;
  private final Map<String, String> environment;
  private final Path workRoot;
  private final Duration timeout;
  private final Consumer<String> log;
  private boolean nativeWanted;
  private boolean probed;
  private boolean toldNoCompiler;
  private NativeCompiler compiler;

  /**
   * @param python the runtime's CPython
   * @param workRoot scratch space (a directory per build, deleted after it)
   * @param timeout the longest one backend run may take
   * @param log hears what is built and how
   */
  public SdistBuilder(
      GuestPython python,
      List<URI> indexes,
      IndexHttp http,
      PackageCache cache,
      TargetRuntime runtime,
      Map<String, String> environment,
      Path workRoot,
      Duration timeout,
      Consumer<String> log) {
    this.python = python;
    this.indexes = List.copyOf(indexes);
    this.http = http;
    this.cache = cache;
    this.runtime = runtime;
    this.environment = Map.copyOf(environment);
    this.workRoot = workRoot;
    this.timeout = timeout;
    this.log = log;
  }

  /**
   * Has the compile and link commands of a build (setuptools' {@code build_ext}) carried out on the
   * host by the runtime SDK's driver ({@link NativeCompiler}), so that C extensions are built for
   * the runtime instead of failing.
   *
   * <p>Whether the driver runs on this machine is found out at the first build; when it does not
   * (no clang-19) the build says so and extensions fail as without this call.
   */
  public SdistBuilder withNativeExtensions() {
    this.nativeWanted = true;
    return this;
  }

  @Override
  public Optional<Path> built(IndexFile sdist) throws IOException {
    return cache.built(sdist.sha256().orElseThrow(), variant());
  }

  @Override
  public Path build(String key, IndexFile sdist, Path sdistFile)
      throws PackageException, IOException {
    Optional<Path> before = built(sdist);
    if (before.isPresent()) {
      return before.get();
    }
    Files.createDirectories(workRoot);
    Path work = Files.createTempDirectory(workRoot, key + "-");
    try {
      Path wheel = buildIn(key, sdist, sdistFile, work);
      return cache.storeBuilt(sdist.sha256().orElseThrow(), variant(), wheel);
    } finally {
      FileKit.deleteRecursively(work);
    }
  }

  /**
   * How wheels are built here, part of the cache key: {@code native} when the SDK's driver compiles
   * extensions, else {@code pure}. Finds out once whether the driver runs on this machine.
   */
  private String variant() {
    if (nativeWanted && !probed) {
      probed = true;
      compiler = NativeCompiler.of(python.bundleDirectory()).orElse(null);
    }
    return compiler != null ? "native" : "pure";
  }

  private Path buildIn(String key, IndexFile sdist, Path sdistFile, Path work)
      throws PackageException, IOException {
    long start = System.nanoTime();
    if (nativeWanted && compiler == null && !toldNoCompiler) {
      // Said when it matters, once: a build makes two builders (resolve, then install from the
      // lock), and the second finds the wheels the first built.
      toldNoCompiler = true;
      log.accept(
          "the runtime SDK's compiler (sdk/bin/wasm32-wasi-clang over clang-19) cannot run on"
              + " this machine: C extensions of source distributions are not compiled");
    }
    Path source = SdistArchive.unpack(key, sdistFile, work.resolve("source"));
    BuildSystem system = BuildSystem.of(key, source);
    log.accept(
        "building "
            + sdist.filename()
            + " with "
            + system.backend()
            + " on the runtime's CPython (build requirements: "
            + (system.requires().isEmpty() ? "none" : String.join(", ", system.requires()))
            + ")");
    Path control = Files.createDirectories(work.resolve("work"));
    Path out = Files.createDirectories(work.resolve("out"));
    Path dist = Files.createDirectories(out.resolve("dist"));
    List<String> wanted = new ArrayList<>(system.requires());
    for (int run = 0; run < MAX_RUNS; run++) {
      Map<String, Path> requires = install(key, sdist, wanted);
      Map<String, Path> directories = new LinkedHashMap<>();
      directories.put("/source", source);
      directories.put("/work", control);
      directories.put("/out", out);
      directories.putAll(requires);
      Files.writeString(
          control.resolve("request.json"),
          request(system, List.copyOf(requires.keySet()), compiler != null),
          StandardCharsets.UTF_8);
      Files.deleteIfExists(control.resolve("result.json"));
      GuestPython.Result result;
      try {
        result =
            python.run(
                BackendScript.TEXT,
                directories,
                Map.of(),
                timeout,
                compiler == null ? null : () -> spawn(control, directories));
      } catch (TimeoutException e) {
        throw new PackageException(
            key,
            sdist.url().toString(),
            "building "
                + sdist.filename()
                + " did not finish within "
                + timeout.toSeconds()
                + " s on the runtime's CPython");
      }
      Map<?, ?> answer = answer(key, sdist, control.resolve("result.json"), result);
      if (answer.get("requires") instanceof List<?> more) {
        List<String> added = more.stream().map(Object::toString).toList();
        if (wanted.containsAll(added)) {
          throw failed(key, sdist, "its backend keeps asking for " + added, result);
        }
        wanted.addAll(added);
        continue;
      }
      List<String> failedCommands =
          answer.get("compiler") instanceof List<?> c
              ? c.stream().map(Object::toString).toList()
              : List.of();
      List<String> ranOnHost =
          answer.get("native") instanceof List<?> l
              ? l.stream().map(Object::toString).toList()
              : List.of();
      if (answer.get("error") instanceof String error) {
        if (!failedCommands.isEmpty() && compiler != null) {
          throw failed(
              key,
              sdist,
              "its build ran '"
                  + failedCommands.get(0)
                  + "' with the runtime's SDK (sdk/bin/wasm32-wasi-clang), which failed: its C"
                  + " code does not build for wasm32-wasi as it is. Provide a wasm32-wasi wheel"
                  + " of it instead (docs/wheels.md, mvn componentize:wheel,"
                  + " examples/native-extension) and add it with <wheels> or a <type>whl</type>"
                  + " dependency instead of <packages>.",
              result);
        }
        if (!failedCommands.isEmpty()) {
          throw new PackageException(
              key,
              sdist.url().toString(),
              "its build needs a C compiler: it ran '"
                  + failedCommands.get(0)
                  + "', and the runtime's CPython inside the build cannot start processes. Provide"
                  + " a wasm32-wasi wheel of it instead: build one against the runtime's SDK with"
                  + " mvn componentize:wheel (docs/wheels.md, examples/native-extension), tagged "
                  + runtime.cpythonTag()
                  + "-"
                  + runtime.cpythonTag()
                  + "-wasi_0_0_0_wasm32, and add it with <wheels> or a <type>whl</type>"
                  + " dependency instead of <packages>."
                  + lastLine(error));
        }
        throw failed(key, sdist, "its PEP 517 backend failed:\n" + error.strip(), result);
      }
      if (!(answer.get("wheel") instanceof String name)) {
        throw failed(key, sdist, "its backend returned no wheel name", result);
      }
      Path wheel = check(key, sdist, dist, name);
      log.accept(
          "built "
              + wheel.getFileName()
              + " from "
              + sdist.filename()
              + " in "
              + Duration.ofNanos(System.nanoTime() - start).toSeconds()
              + " s"
              + (!failedCommands.isEmpty()
                  ? " (without its C extension: the build fell back to pure Python after '"
                      + failedCommands.get(0)
                      + "' could not run)"
                  : !ranOnHost.isEmpty()
                      ? " (with its C extension: "
                          + ranOnHost.size()
                          + " compile and link commands run by the runtime's SDK)"
                      : ""));
      return wheel;
    }
    throw failed(
        key, sdist, "its backend asked for build requirements " + MAX_RUNS + " times", null);
  }

  /**
   * Resolves the build requirements and returns their unpacked wheels, guest path to host
   * directory. Each wheel is unpacked once into {@code <cache>/build-env/<its sha256>} and kept:
   * the backend's modules get their bytecode there on the first build and load from it on the next.
   */
  private Map<String, Path> install(String key, IndexFile sdist, List<String> wanted)
      throws PackageException, IOException {
    List<Resolver.Root> roots = new ArrayList<>();
    for (String r : wanted) {
      try {
        roots.add(new Resolver.Root(Requirement.parse(r), sdist.filename() + " build-system"));
      } catch (IllegalArgumentException e) {
        throw new PackageException(
            key, sdist.url().toString(), "build requirement '" + r + "': " + e.getMessage());
      }
    }
    Map<String, Path> unpacked = new LinkedHashMap<>();
    if (roots.isEmpty()) {
      return unpacked;
    }
    Resolver resolver =
        new Resolver(indexes, http, cache, runtime, environment, false)
            .withoutBuilder(
                "it is a build requirement of "
                    + sdist.filename()
                    + ", and build requirements are not built from source themselves: the index"
                    + " must offer a wheel of it");
    for (Resolver.Resolved r : resolver.resolve(roots)) {
      Path wheel = cache.fetch(r.name(), r.wheel(), http, Resolver.MAX_FILE_BYTES);
      Path site = cache.root().resolve("build-env").resolve(r.wheel().sha256().orElseThrow());
      if (!Files.isDirectory(site)) {
        try {
          Path staging = Files.createTempDirectory(cache.root().resolve("tmp"), "env-");
          WheelFile.unpack(wheel, staging.resolve("site"), runtime, WheelLimits.DEFAULTS);
          Files.createDirectories(site.getParent());
          try {
            Files.move(staging.resolve("site"), site);
          } catch (java.nio.file.FileAlreadyExistsException e) {
            // another build unpacked the same wheel meanwhile
          } finally {
            FileKit.deleteRecursively(staging);
          }
        } catch (WheelException e) {
          throw new PackageException(
              r.name(),
              r.wheel().url().toString(),
              "build requirement of " + sdist.filename() + ": " + e.getMessage());
        }
      }
      unpacked.put(String.format("/requires/%02d", unpacked.size()), site);
    }
    return unpacked;
  }

  /**
   * Runs the command the guest wrote to {@code spawn.json} and writes {@code spawn-result.json}.
   */
  private void spawn(Path control, Map<String, Path> directories) {
    NativeCompiler.Outcome outcome;
    try {
      Path request = control.resolve("spawn.json");
      Map<?, ?> m = (Map<?, ?>) Json.parse(request.toString(), Files.readString(request));
      List<String> argv = ((List<?>) m.get("argv")).stream().map(Object::toString).toList();
      outcome = compiler.run(argv, m.get("cwd").toString(), directories);
    } catch (IOException | RuntimeException e) {
      outcome = new NativeCompiler.Outcome(1, "the compile request is unreadable: " + e);
    }
    try {
      Files.writeString(
          control.resolve("spawn-result.json"),
          "{\"status\": " + outcome.status() + ", \"output\": " + json(outcome.output()) + "}",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String request(BuildSystem system, List<String> requires, boolean nativeBuild) {
    return "{\"native\": "
        + nativeBuild
        + ", \"backend\": "
        + json(system.backend())
        + ", \"backend_path\": "
        + list(system.backendPath())
        + ", \"requires\": "
        + list(requires)
        + "}";
  }

  private static String list(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(json(values.get(i)));
    }
    return b.append("]").toString();
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static Map<?, ?> answer(String key, IndexFile sdist, Path file, GuestPython.Result result)
      throws PackageException, IOException {
    if (!Files.isRegularFile(file)) {
      throw failed(key, sdist, "the build script ended early", result);
    }
    try {
      if (Json.parse(file.toString(), Files.readString(file)) instanceof Map<?, ?> m) {
        return m;
      }
    } catch (RuntimeBundleException e) {
      // falls through to the failure below
    }
    throw failed(key, sdist, "the build script's result does not parse", result);
  }

  /** The wheel the backend wrote: one of this release, fitting the runtime, with a valid RECORD. */
  private Path check(String key, IndexFile sdist, Path out, String name)
      throws PackageException, IOException {
    Path wheel = out.resolve(name).normalize();
    if (!wheel.getParent().equals(out) || !Files.isRegularFile(wheel)) {
      throw new PackageException(
          key, sdist.url().toString(), "its backend named a wheel it did not write: " + name);
    }
    Optional<WheelName> parsed = WheelName.tryParse(name);
    String version = sdistVersion(sdist);
    if (parsed.isEmpty()
        || !WheelName.normalize(parsed.get().distribution()).equals(WheelName.normalize(key))
        || !Version.tryParse(parsed.get().version()).equals(Version.tryParse(version))) {
      throw new PackageException(
          key,
          sdist.url().toString(),
          "its backend built " + name + ", which is not a wheel of " + key + " " + version);
    }
    if (parsed.get().tags().stream().noneMatch(t -> TagCompatibility.isCompatible(t, runtime))) {
      throw new PackageException(
          key,
          sdist.url().toString(),
          "its backend built "
              + name
              + ", which does not fit the runtime (CPython "
              + runtime.version()
              + " on wasm32-wasi)");
    }
    try {
      WheelFile.read(wheel, WheelLimits.DEFAULTS);
    } catch (WheelException e) {
      throw new PackageException(
          key, sdist.url().toString(), "the wheel built from it is invalid: " + e.getMessage());
    }
    return wheel;
  }

  private static String sdistVersion(IndexFile sdist) {
    String n = sdist.filename();
    String stem =
        n.endsWith(".tar.gz") ? n.substring(0, n.length() - 7) : n.substring(0, n.lastIndexOf('.'));
    return stem.substring(stem.lastIndexOf('-') + 1);
  }

  private static PackageException failed(
      String key, IndexFile sdist, String why, GuestPython.Result result) {
    String printed = result == null ? "" : result.output().strip();
    if (printed.length() > 8000) {
      printed = "...\n" + printed.substring(printed.length() - 8000);
    }
    return new PackageException(
        key,
        sdist.url().toString(),
        "building a wheel from "
            + sdist.filename()
            + " failed: "
            + why
            + (printed.isEmpty() ? "" : "\nthe build printed:\n" + printed));
  }

  private static String lastLine(String traceback) {
    String[] lines = traceback.strip().split("\n");
    return " (" + lines[lines.length - 1].strip() + ")";
  }
}
