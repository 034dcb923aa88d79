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
  static final String FORMAT = "componentize-pyc 2";

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
   * compiled by one run of the program's CPython with {@code home} as its home. If that run fails,
   * no pyc is written and the build-time run compiles the sources itself (its errors are the user's
   * to read).
   *
   * @return what was done, for the phase list: {@code "compile N files in <dir>"}, {@code "bytecode
   *     from cache for <dir>"}, or why compiling failed
   */
  public String provide(
      LinkedProgram linked,
      Map<String, byte[]> binaries,
      byte[] pythonLibrary,
      Path home,
      Path host)
      throws IOException {
    List<Path> sources = sources(host);
    if (sources.isEmpty()) {
      return "no Python files in " + guestDirectory;
    }
    Map<Path, String> keys = keys(host, sources, pythonLibrary);
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
        return "bytecode from cache for " + guestDirectory;
      }
    }
    String failure = compile(linked, binaries, home, host, sources);
    if (failure != null) {
      for (Path source : sources) {
        Files.deleteIfExists(pycOf(source));
      }
      return "compiling " + guestDirectory + " failed (" + failure + ")";
    }
    try (DirectoryLock lock = FileKit.lock(directory)) {
      for (Map.Entry<Path, String> source : keys.entrySet()) {
        store(source.getValue(), pycOf(source.getKey()));
      }
      CacheEntry.evict(directory, SUFFIX, MAX_ENTRIES);
    }
    return "compile " + sources.size() + " files in " + guestDirectory;
  }

  /**
   * Whether {@link #provide} would find an entry for every Python file under {@code host} and so
   * not run the program to compile them (unless an entry turns out damaged when it is read).
   */
  public boolean cached(Path host, byte[] pythonLibrary) throws IOException {
    return keys(host, sources(host), pythonLibrary).values().stream()
        .allMatch(k -> Files.isRegularFile(entry(k)));
  }

  private static List<Path> sources(Path host) throws IOException {
    try (Stream<Path> files = Files.walk(host)) {
      return files
          .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".py"))
          .sorted(Comparator.comparing(f -> host.relativize(f).toString()))
          .toList();
    }
  }

  private Map<Path, String> keys(Path host, List<Path> sources, byte[] pythonLibrary)
      throws IOException {
    String runtime = FileKit.sha256Hex(pythonLibrary);
    Map<Path, String> keys = new LinkedHashMap<>();
    for (Path source : sources) {
      keys.put(source, key(runtime, guestPath(host, source), Files.readAllBytes(source)));
    }
    return keys;
  }

  /** One run of CPython that compiles {@code sources}; null if every pyc was written, else why. */
  private String compile(
      LinkedProgram linked, Map<String, byte[]> binaries, Path home, Path host, List<Path> sources)
      throws IOException {
    // What py_compile.compile does (same code object, same unchecked-hash pyc), except that
    // the file is written in place: Endive's WASI has no rename for py_compile's atomic write.
    StringBuilder script =
        new StringBuilder(
            "import os, importlib.util, importlib._bootstrap_external as external\n"
                + "for path in [");
    for (Path source : sources) {
      script.append(pythonString(guestPath(host, source))).append(", ");
    }
    script.append(
        "]:\n"
            + "    with open(path, 'rb') as file:\n"
            + "        source = file.read()\n"
            + "    code = compile(source, path, 'exec', dont_inherit=True)\n"
            + "    data = external._code_to_hash_pyc(code, importlib.util.source_hash(source), False)\n"
            + "    pyc = importlib.util.cache_from_source(path)\n"
            + "    os.makedirs(os.path.dirname(pyc), exist_ok=True)\n"
            + "    with open(pyc, 'wb') as file:\n"
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
                // Parsed apart from the build-time run's modules: an Endive module that was
                // instantiated before is not guaranteed to start the next instance in the same
                // state (a process-wide parse cache made snapshots differ), and the snapshot must
                // not depend on whether this pass ran.
                RunningProgram running =
                    ProgramRunner.prepare(linked, binaries).instantiate(hostFunctions);
                running.function(BuildTimeInit.PYTHON_LIBRARY, "Py_InitializeEx").apply(0);
                int pointer = (int) running.function(LIBC, "malloc").apply(text.length)[0];
                running.memory().write(pointer, text);
                return running.function(BuildTimeInit.PYTHON_LIBRARY, "PyRun_SimpleString")
                    .apply(pointer)[0];
              });
      // This run's parsed program and instance (about 250 MB of heap) are garbage now, and the
      // build-time run parses its own copy next: collecting here keeps the two from stacking up
      // in the old generation, which set the peak of a first build (docs/design/performance.md,
      // "Memory").
      System.gc();
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
