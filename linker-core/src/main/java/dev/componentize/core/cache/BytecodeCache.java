package dev.componentize.core.cache;

import dev.componentize.core.files.DirectoryLock;
import dev.componentize.core.files.FileKit;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.preinit.BuildTimeInit;
import dev.componentize.core.run.GuestThread;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import run.endive.runtime.HostFunction;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * Bytecode ({@code .pyc}) for the Python files the pipeline generates (the {@code wit_world}
 * bindings), compiled once by the runtime's own CPython on Endive and kept by content, so that the
 * build-time run loads them instead of compiling them: compiling Python source on the interpreter
 * is a large part of the bindings' import (docs/design/performance.md). The bindings of a world are
 * the same from build to build, and the WASI interfaces' modules the same for every world that
 * imports them.
 *
 * <p>The files are unchecked-hash pycs (PEP 552), like the runtime's standard library: valid
 * whatever their time stamps. Every build-time run loads the generated modules from bytecode,
 * whether it was compiled just now or found here; and the bytecode of a file depends only on its
 * content, its guest path and the CPython that compiled it (the key), so the snapshot does not
 * depend on the cache's history.
 *
 * <p>A pyc is code: a changed one would run at build time and land in the snapshot. So every entry
 * carries the digest of its bytes and is checked whenever it is read ({@link CacheEntry}); a
 * damaged, truncated or replaced entry is discarded with a warning and the bindings are compiled
 * again.
 */
public final class BytecodeCache {
  /** Changes whenever how the bytecode is made changes. */
  static final String FORMAT = "componentize-pyc 3";

  /** An entry: the pyc framed with its length and digest ({@link CacheEntry}). */
  private static final String SUFFIX = ".pyc.entry";

  private static final String WHAT = "bytecode cache entry";
  private static final String THEN = "compiling the bindings again";

  /** {@code sys.implementation.cache_tag} of the runtime's CPython. */
  static final String CACHE_TAG = "cpython-313";

  private static final String LIBC = "libc.so";
  private static final int MAX_ENTRIES = 4096;

  private final Path directory;
  private final String guestDirectory;
  private final Consumer<String> warnings;

  /**
   * A cache in {@code directory} for the Python files the guest sees under {@code guestDirectory};
   * a damaged entry is reported to {@code warnings}.
   */
  public BytecodeCache(Path directory, String guestDirectory, Consumer<String> warnings) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.guestDirectory = Objects.requireNonNull(guestDirectory, "guestDirectory");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  public String guestDirectory() {
    return guestDirectory;
  }

  /**
   * Puts a pyc beside every {@code .py} file under {@code host} (the guest's {@link
   * #guestDirectory}), in its {@code __pycache__}: from the cache, or, when any is missing there,
   * compiled by one run of the program's CPython with {@code home} as its home, on an instance of
   * {@code prepared} (the build-time run's parsed program, {@link ProgramRunner.Prepared}). If that
   * run fails, no pyc is written and the build-time run compiles the sources itself (its errors are
   * the user's to read).
   *
   * @return what was done, for the phase list: {@code "bytecode from cache for <dir>"}; or {@code
   *     "start CPython for the bytecode pass"} and {@code "compile N files in <dir>"}; or why
   *     compiling failed
   */
  public List<BuildTimeInit.Phase> provide(
      LinkedProgram linked,
      ProgramRunner.Prepared prepared,
      byte[] pythonLibrary,
      Path home,
      Path host)
      throws IOException {
    long start = System.nanoTime();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(host)) {
      sources =
          files
              .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".py"))
              .sorted(Comparator.comparing(f -> host.relativize(f).toString()))
              .toList();
    }
    if (sources.isEmpty()) {
      return List.of(phase("no Python files in " + guestDirectory, start));
    }
    String runtime = FileKit.sha256Hex(pythonLibrary);
    Map<Path, String> keys = new LinkedHashMap<>();
    for (Path source : sources) {
      keys.put(source, key(runtime, guestPath(host, source), Files.readAllBytes(source)));
    }
    if (keys.values().stream().allMatch(k -> Files.isRegularFile(entry(k)))) {
      // Every entry is verified before any is used: one damaged entry means one compiling run
      // for all of them, which also stores them again.
      Map<Path, byte[]> cached = new LinkedHashMap<>();
      for (Map.Entry<Path, String> source : keys.entrySet()) {
        CacheEntry.read(entry(source.getValue()), source.getValue(), WHAT, THEN, warnings)
            .ifPresent(bytes -> cached.put(source.getKey(), bytes));
      }
      if (cached.size() == keys.size()) {
        for (Map.Entry<Path, byte[]> pyc : cached.entrySet()) {
          Path target = pycOf(pyc.getKey());
          Files.createDirectories(target.getParent());
          Files.write(target, pyc.getValue());
        }
        return List.of(phase("bytecode from cache for " + guestDirectory, start));
      }
    }
    long[] started = {0};
    String failure = compile(linked, prepared, home, host, sources, started);
    if (failure != null) {
      for (Path source : sources) {
        Files.deleteIfExists(pycOf(source));
      }
      return List.of(phase("compiling " + guestDirectory + " failed (" + failure + ")", start));
    }
    try (DirectoryLock lock = FileKit.lock(directory)) {
      for (Map.Entry<Path, String> source : keys.entrySet()) {
        store(source.getValue(), pycOf(source.getKey()));
      }
      CacheEntry.evict(directory, SUFFIX, MAX_ENTRIES);
    }
    return List.of(
        new BuildTimeInit.Phase(
            "start CPython for the bytecode pass", Duration.ofNanos(started[0] - start)),
        phase("compile " + sources.size() + " files in " + guestDirectory, started[0]));
  }

  private static BuildTimeInit.Phase phase(String name, long since) {
    return new BuildTimeInit.Phase(name, Duration.ofNanos(System.nanoTime() - since));
  }

  /**
   * One run of CPython that compiles {@code sources}; null if every pyc was written, else why.
   * {@code started[0]} receives the {@link System#nanoTime} at which CPython was up.
   */
  private String compile(
      LinkedProgram linked,
      ProgramRunner.Prepared prepared,
      Path home,
      Path host,
      List<Path> sources,
      long[] started)
      throws IOException {
    // What py_compile.compile does (same code object, same unchecked-hash pyc, through the same
    // functions of the import system's frozen `_bootstrap_external`, which start-up has loaded),
    // except that the file is written in place: Endive's WASI has no rename for py_compile's
    // atomic write. No import that start-up has not done (py_compile's `os` and `importlib.util`
    // cost seconds on the interpreter): the __pycache__ directories are made here.
    for (Path source : sources) {
      Files.createDirectories(pycOf(source).getParent());
    }
    StringBuilder script =
        new StringBuilder(
            "import _imp, _frozen_importlib_external as external\n" + "for path in [");
    for (Path source : sources) {
      script.append(pythonString(guestPath(host, source))).append(", ");
    }
    script.append(
        "]:\n"
            + "    with open(path, 'rb') as file:\n"
            + "        source = file.read()\n"
            + "    code = compile(source, path, 'exec', dont_inherit=True)\n"
            + "    hash = _imp.source_hash(external._RAW_MAGIC_NUMBER, source)\n"
            + "    data = external._code_to_hash_pyc(code, hash, False)\n"
            + "    with open(external.cache_from_source(path), 'wb') as file:\n"
            + "        file.write(data)\n");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    WasiOptions options =
        WasiOptions.builder()
            .withArguments(List.of("componentize-compile"))
            .withEnvironment("PYTHONHOME", BuildTimeInit.PYTHON_HOME)
            // The standard library is read only: it has its bytecode, and the bundle is shared.
            .withEnvironment("PYTHONDONTWRITEBYTECODE", "1")
            .withEnvironment("PYTHONNOUSERSITE", "1")
            .withEnvironment("PYTHONHASHSEED", "0")
            .withEnvironment("PYTHONUTF8", "1")
            .withEnvironment("PYTHON_COLORS", "0")
            .withStdout(output)
            .withStderr(output)
            .withRandom(new Random(0))
            .withDirectory(BuildTimeInit.PYTHON_HOME, home)
            .withDirectory(guestDirectory, host)
            .build();
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
      List<HostFunction> hostFunctions = new ArrayList<>(List.of(wasi.toHostFunctions()));
      hostFunctions.addAll(BuildTimeInit.buildTimeStubs(linked, hostFunctions));
      byte[] text = (script + "\0").getBytes(StandardCharsets.UTF_8);
      long status =
          GuestThread.call(
              () -> {
                // An instance of its own of the build-time run's parsed program: Endive keeps
                // every instance's state (memory, globals, tables) in the instance, so the next
                // instance starts as from a fresh parse (docs/design/performance.md, "First
                // build"; the snapshot tests compare a build that ran this pass with one that did
                // not).
                RunningProgram running = prepared.instantiate(hostFunctions);
                // Without `site` (python -S): it imports os and friends and scans directories
                // for .pth files, seconds on the interpreter; compile() does not depend on it.
                int noSite =
                    linked.layout().memoryBases().get(BuildTimeInit.PYTHON_LIBRARY)
                        + (int)
                            running
                                .instance(BuildTimeInit.PYTHON_LIBRARY)
                                .exports()
                                .global("Py_NoSiteFlag")
                                .getValue();
                running.memory().writeI32(noSite, 1);
                running.function(BuildTimeInit.PYTHON_LIBRARY, "Py_InitializeEx").apply(0);
                started[0] = System.nanoTime();
                int pointer = (int) running.function(LIBC, "malloc").apply(text.length)[0];
                running.memory().write(pointer, text);
                return running.function(BuildTimeInit.PYTHON_LIBRARY, "PyRun_SimpleString")
                    .apply(pointer)[0];
              });
      if (status != 0) {
        return lastLine(output);
      }
    } catch (Exception | StackOverflowError e) {
      return e + "; " + lastLine(output);
    }
    for (Path source : sources) {
      if (!Files.isRegularFile(pycOf(source))) {
        return "no " + pycOf(source);
      }
    }
    return null;
  }

  /** The last line the compiling run printed: the exception, after a traceback. */
  private static String lastLine(ByteArrayOutputStream output) {
    String[] lines = output.toString(StandardCharsets.UTF_8).strip().split("\n");
    return lines[lines.length - 1];
  }

  private Path entry(String key) {
    return directory.resolve(key + SUFFIX);
  }

  private void store(String key, Path pyc) throws IOException {
    CacheEntry.write(entry(key), key, Files.readAllBytes(pyc));
  }

  /** Where CPython looks for the bytecode of {@code source} (PEP 3147). */
  static Path pycOf(Path source) {
    String name = source.getFileName().toString();
    String stem = name.substring(0, name.length() - ".py".length());
    return source.resolveSibling("__pycache__").resolve(stem + "." + CACHE_TAG + ".pyc");
  }

  private String guestPath(Path host, Path source) {
    return guestDirectory + "/" + host.relativize(source).toString().replace('\\', '/');
  }

  /**
   * The key of one file's bytecode: the CPython that compiles it, the path compiled into it ({@code
   * co_filename}) and the source.
   */
  static String key(String runtime, String guestPath, byte[] source) {
    MessageDigest digest = FileKit.sha256();
    digest.update(
        (FORMAT + "\0" + runtime + "\0" + guestPath + "\0").getBytes(StandardCharsets.UTF_8));
    digest.update(source);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** {@code text} as a Python string literal. */
  static String pythonString(String text) {
    StringBuilder literal = new StringBuilder("'");
    for (char c : text.toCharArray()) {
      if (c == '\\' || c == '\'') {
        literal.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        literal.append(String.format("\\u%04x", (int) c));
      } else {
        literal.append(c);
      }
    }
    return literal.append('\'').toString();
  }
}
