package dev.componentize.core.sdist;

import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.abi.RuntimeBundleException;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkException;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.run.GuestThread;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.run.RunningProgram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import run.endive.runtime.HostFunction;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * Runs a Python script on the runtime bundle's own CPython on Endive, with host directories
 * preopened at guest paths: the runtime's libraries (libc, the WASI emulations, libdl,
 * libpython3.13) linked without the glue or a world, {@code Py_InitializeEx} then {@code
 * PyRun_SimpleString}, as the bytecode pass of the component build does. The run is made
 * repeatable: a fixed wall clock ({@link #EPOCH}), a seeded random source, {@code
 * SOURCE_DATE_EPOCH} and {@code PYTHONHASHSEED} set. WASI's {@code path_rename}, which Endive's
 * host refuses for every file (it asks the JDK for an atomic move that also copies attributes), is
 * served by {@link Rename}.
 */
public final class GuestPython {
  /** The time the guest's clock shows and {@code SOURCE_DATE_EPOCH}: 1980-01-01, zip's first. */
  public static final Instant EPOCH = Instant.parse("1980-01-01T00:00:00Z");

  /** Where the bundle's {@code python/} directory is preopened. */
  static final String HOME = "/python";

  private static final String LIBC = "libc.so";
  private static final String LIBPYTHON = "libpython3.13.so";

  /**
   * The file name whose {@code stat} (in any preopened directory) calls the host instead: the
   * guest's way to ask for something WASI has no call for, such as running a compiler.
   */
  public static final String HOST_CALL = ".componentize-host-call";

  /** What a run printed and whether the script ran to its end. */
  public record Result(boolean completed, String output) {}

  private final RuntimeBundle bundle;
  private LinkedProgram linked;
  private Map<String, byte[]> binaries;

  public GuestPython(RuntimeBundle bundle) {
    this.bundle = bundle;
  }

  /**
   * Runs {@code script} with {@code directories} (guest path to host directory) preopened after the
   * Python home, and {@code environment} added.
   *
   * @throws TimeoutException if it runs longer than {@code timeout}
   * @throws IOException if the runtime cannot be read or linked
   */
  public Result run(
      String script,
      Map<String, Path> directories,
      Map<String, String> environment,
      Duration timeout)
      throws IOException, TimeoutException {
    return run(script, directories, environment, timeout, null);
  }

  /**
   * {@link #run(String, Map, Map, Duration)}, with {@code hostCall} run whenever the guest stats a
   * file named {@link #HOST_CALL} (the stat then fails with ENOENT).
   */
  public Result run(
      String script,
      Map<String, Path> directories,
      Map<String, String> environment,
      Duration timeout,
      Runnable hostCall)
      throws IOException, TimeoutException {
    link();
    LinkedHashMap<String, Path> preopens = new LinkedHashMap<>();
    preopens.put(HOME, bundle.pythonHome());
    preopens.putAll(directories);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    WasiOptions.Builder options =
        WasiOptions.builder()
            .withArguments(List.of("python"))
            .withEnvironment("PYTHONHOME", HOME)
            .withEnvironment("PYTHONNOUSERSITE", "1")
            .withEnvironment("PYTHONHASHSEED", "0")
            .withEnvironment("PYTHONUTF8", "1")
            .withEnvironment("PYTHON_COLORS", "0")
            .withEnvironment("SOURCE_DATE_EPOCH", Long.toString(EPOCH.getEpochSecond()))
            .withStdout(output)
            .withStderr(output)
            .withRandom(new Random(0))
            .withClock(Clock.fixed(EPOCH, ZoneOffset.UTC));
    environment.forEach(options::withEnvironment);
    preopens.forEach(options::withDirectory);
    byte[] text = (script + "\0").getBytes(StandardCharsets.UTF_8);
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build()) {
      List<HostFunction> host = new ArrayList<>();
      for (HostFunction function : wasi.toHostFunctions()) {
        host.add(
            switch (function.name()) {
              case "path_rename" -> Rename.function(function, List.copyOf(preopens.values()));
              case "path_filestat_get" -> hostCall == null ? function : calling(function, hostCall);
              default -> function;
            });
      }
      long status =
          GuestThread.call(
              () -> {
                RunningProgram running = ProgramRunner.prepare(linked, binaries).instantiate(host);
                running.function(LIBPYTHON, "Py_InitializeEx").apply(0);
                int pointer = (int) running.function(LIBC, "malloc").apply(text.length)[0];
                running.memory().write(pointer, text);
                return running.function(LIBPYTHON, "PyRun_SimpleString").apply(pointer)[0];
              },
              timeout,
              GuestThread.UNLIMITED,
              elapsed -> {});
      return new Result(status == 0, output.toString(StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      throw e;
    } catch (WasiExitException e) {
      return new Result(false, output.toString(StandardCharsets.UTF_8));
    } catch (Exception | StackOverflowError e) {
      return new Result(
          false,
          output.toString(StandardCharsets.UTF_8) + "\nthe interpreter trapped: " + e.getMessage());
    }
  }

  /**
   * WASI preview1 {@code path_filestat_get} ({@code (fd, flags, path, path_len, *filestat) ->
   * errno}) that runs {@code hostCall} for {@link #HOST_CALL} and answers ENOENT.
   */
  private static HostFunction calling(HostFunction stat, Runnable hostCall) {
    return new HostFunction(
        stat.module(),
        stat.name(),
        stat.functionType(),
        (instance, args) -> {
          String path = instance.memory().readString((int) args[2], (int) args[3]);
          if (path.equals(HOST_CALL) || path.endsWith("/" + HOST_CALL)) {
            hostCall.run();
            return new long[] {44}; // ENOENT
          }
          return stat.handle().apply(instance, args);
        });
  }

  /** Links the bundle's libraries once: everything but the glue, which needs a world. */
  private void link() throws IOException {
    if (linked != null) {
      return;
    }
    List<Library> libraries = new ArrayList<>();
    for (Path file : bundle.libraries()) {
      String name = file.getFileName().toString();
      if (!name.equals(RuntimeBundle.GLUE)) {
        libraries.add(Library.of(name, Files.readAllBytes(file)));
      }
    }
    try {
      // libc's command start-up refers to main, which this reactor-style use never calls.
      linked = new Linker(LinkOptions.defaults().withStubMissingFunctions(true)).link(libraries);
    } catch (LinkException e) {
      throw new IOException("the runtime's libraries do not link: " + e.getMessage(), e);
    }
    binaries = ProgramRunner.binaries(linked);
  }

  /** The runtime bundle's directory. */
  public Path bundleDirectory() {
    return bundle.directory();
  }

  /** Opens the bundle at {@code directory} for {@link #GuestPython(RuntimeBundle)}. */
  public static GuestPython of(Path directory) throws IOException {
    try {
      return new GuestPython(RuntimeBundle.open(directory));
    } catch (RuntimeBundleException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
