package dev.componentize.core.build.stages;

import static java.util.stream.Collectors.joining;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeException;
import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.build.BuildListener;
import dev.componentize.core.build.HeapAdvice;
import dev.componentize.core.build.Stage;
import dev.componentize.core.cache.BytecodeCache;
import dev.componentize.core.cache.SnapshotCache;
import dev.componentize.core.files.FixedTimes;
import dev.componentize.core.imports.ModuleIndex;
import dev.componentize.core.imports.RuntimeImports;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.preinit.BuildTimeInit;
import dev.componentize.core.preinit.GuestPaths;
import dev.componentize.core.preinit.PreInitException;
import dev.componentize.core.preinit.PreInitializer;
import dev.componentize.core.run.ProgramRunner;
import dev.componentize.core.wasm.Export;
import dev.componentize.core.workdir.AppSources;
import dev.componentize.core.workdir.SitePackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Pre-initializes the program: checks that the app module exists, copies the app's sources into the
 * work directory, runs the glue's init on Endive with the standard library, the sources, the
 * bindings and the wheels preopened (or reuses the snapshot of an identical earlier run), and
 * rewrites the program to start in the captured state. Each phase of the run is reported to the
 * listener as it ends, a long one every {@value #HEARTBEAT_SECONDS} seconds while it runs, and the
 * run is bounded by the configured time limit.
 */
public final class PreInitializeStage
    extends ContextStage<PreInitializeStage.Input, PreInitializeStage.PreInitialized> {
  static final int HEARTBEAT_SECONDS = 10;

  private static final String BINDINGS_GUEST = "/bindings";
  private static final String SOURCES_GUEST = "/sources/";
  private static final String STUB_WASI_VARIABLE = "COMPONENTIZE_STUB_WASI";

  /**
   * @param runtime the runtime bundle (its standard library is the Python home)
   * @param linked the linked program
   * @param bindings the generated bindings
   * @param wheels the unpacked wheels
   */
  public record Input(
      RuntimeBundle runtime,
      LinkedProgram linked,
      BindingsStage.Generated bindings,
      WheelsStage.Unpacked wheels) {}

  /**
   * @param program the program rewritten to start in the snapshot's state
   * @param init what the run left (snapshot, output, phases, whether it was reused)
   * @param cache where the snapshot cache is
   * @param embedded what the component carries besides what the build imported
   * @param scanMillis how long the import scan and the archive took
   */
  public record PreInitialized(
      LinkedProgram program,
      BuildTimeInit.Outcome init,
      Path cache,
      RuntimeImports.Plan embedded,
      long scanMillis) {}

  public PreInitializeStage(BuildContext context) {
    super(context, Stage.PRE_INITIALIZE);
  }

  @Override
  public PreInitialized run(Input input) throws ComponentizeException, IOException {
    ComponentizeConfig config = context.config();
    List<Path> searched = new ArrayList<>(config.pythonSources());
    input.wheels().wheels().forEach(w -> searched.add(w.siteDirectory()));
    requireAppModule(searched);
    Map<String, Path> directories = new LinkedHashMap<>();
    directories.put(BuildTimeInit.PYTHON_HOME, input.runtime().pythonHome());
    directories.put(BINDINGS_GUEST, input.bindings().directory());
    List<String> pythonPath = new ArrayList<>();
    // The app's sources first, as `python app.py` would put its directory first; the bindings
    // and the wheels after them.
    List<Path> sources =
        AppSources.copy(config.pythonSources(), context.work("sources"), context.digests());
    for (int i = 0; i < sources.size(); i++) {
      directories.put(SOURCES_GUEST + i, sources.get(i));
      pythonPath.add(SOURCES_GUEST + i);
    }
    pythonPath.add(BINDINGS_GUEST);
    directories.put(SitePackages.GUEST_PATH, input.wheels().sitePackages());
    pythonPath.add(SitePackages.GUEST_PATH);
    SnapshotCache cache = context.snapshotCache();
    BytecodeCache bytecode =
        new BytecodeCache(
            cache.directory().resolve("bytecode"), BINDINGS_GUEST, context.listener()::warning);
    // Parsed on a thread of its own while this one scans the imports and hashes the inputs: the
    // build-time run (and the bytecode pass, on an instance of the same parse) waits for it.
    ProgramRunner.Parsing parsing =
        ProgramRunner.Parsing.inBackground(input.linked(), ProgramRunner.binaries(input.linked()));
    long scanStart = System.nanoTime();
    RuntimeImports.Plan embedded = embed(input, sources);
    long scanMillis = (System.nanoTime() - scanStart) / 1_000_000;
    embedded.warnings().forEach(context.listener()::warning);
    if (embedded.bytes() > 0) {
      // The guest stats the archive (size and times stay in freed memory of the snapshot): same
      // times as everything else the pipeline writes, or two builds would differ.
      FixedTimes.apply(context.work("embedded"));
      directories.put(RuntimeImports.GUEST_PATH, context.work("embedded"));
    }
    BuildTimeInit.Outcome init;
    try {
      init =
          BuildTimeInit.run(
              input.linked(),
              parsing,
              directories,
              pythonPath,
              // The glue then starts the run time at build time (docs/design/python-glue.md).
              config.stubWasi() ? Map.of(STUB_WASI_VARIABLE, "1") : Map.of(),
              Optional.of(cache),
              Optional.of(bytecode),
              // The runtime/world part of start-up sees the Python home and the bindings only:
              // its state is kept as a base snapshot that an edited app's build resumes.
              new BuildTimeInit.WorldPart(List.of(BINDINGS_GUEST), Optional.of(cache.base())),
              new BuildTimeInit.Supervision(
                  config.preinitTimeout(), Duration.ofSeconds(HEARTBEAT_SECONDS), observer()));
    } catch (BuildTimeInit.InitFailedException e) {
      // A traceback names the guest's paths; the user knows the files by their project paths.
      Map<String, Path> projectPaths = new LinkedHashMap<>(directories);
      for (int i = 0; i < sources.size(); i++) {
        projectPaths.put(SOURCES_GUEST + i, config.pythonSources().get(i).toAbsolutePath());
      }
      throw failure(e, new GuestPaths(projectPaths));
    }
    try {
      return new PreInitialized(
          PreInitializer.apply(input.linked(), init.snapshot()),
          init,
          cache.directory(),
          embedded,
          scanMillis);
    } catch (PreInitException e) {
      throw new ComponentizeException(
          Stage.PRE_INITIALIZE, "the program cannot be pre-initialized: " + e.getMessage(), e);
    }
  }

  @Override
  public String summary(PreInitialized output) {
    BuildTimeInit.Outcome init = output.init();
    return output.embedded().summary()
        + " (scan "
        + output.scanMillis()
        + " ms), "
        + init.snapshot().pages()
        + " pages, "
        + init.snapshot().memory().length
        + " bytes of image"
        + (init.reused()
            ? ", reused from " + output.cache() + " (every input unchanged)"
            : "; "
                + init.base()
                + "; "
                + init.phases().stream().map(Object::toString).collect(joining(", ")));
  }

  /**
   * Writes the modules the component carries besides those the build imports (config {@code
   * stdlib}, docs/runtime-imports.md) into the work directory, for the build-time run to install.
   */
  private RuntimeImports.Plan embed(Input input, List<Path> sources) throws IOException {
    ComponentizeConfig config = context.config();
    List<ModuleIndex.Root> roots = new ArrayList<>();
    roots.add(
        new ModuleIndex.Root(
            input.runtime().pythonHome().resolve("lib/python3.13"),
            BuildTimeInit.PYTHON_HOME + "/lib/python3.13",
            ModuleIndex.Origin.STDLIB));
    for (int i = 0; i < sources.size(); i++) {
      // The user's directory, not its copy (same files): warnings name the files they edit.
      roots.add(
          new ModuleIndex.Root(
              config.pythonSources().get(i).toAbsolutePath(),
              SOURCES_GUEST + i,
              ModuleIndex.Origin.APP));
    }
    roots.add(
        new ModuleIndex.Root(
            input.bindings().directory(), BINDINGS_GUEST, ModuleIndex.Origin.BINDINGS));
    roots.add(
        new ModuleIndex.Root(
            input.wheels().sitePackages(), SitePackages.GUEST_PATH, ModuleIndex.Origin.WHEEL));
    List<String> exports =
        input.linked().instances().stream()
            .filter(i -> i.name().startsWith("libpython"))
            .flatMap(i -> i.module().exports().stream())
            .map(Export::name)
            .toList();
    return RuntimeImports.prepare(
        config.stdlib(),
        config.embedSources(),
        roots,
        RuntimeImports.builtinModules(exports),
        context.work("embedded"));
  }

  /** Passes each phase on to the listener, with the project's paths instead of guest paths. */
  private BuildTimeInit.Observer observer() {
    BuildListener listener = context.listener();
    return new BuildTimeInit.Observer() {
      @Override
      public void phaseEnded(BuildTimeInit.Phase phase) {
        listener.progress(
            Stage.PRE_INITIALIZE, shown(phase.name()) + " " + seconds(phase.duration()));
      }

      @Override
      public void stillRunning(String phase, Duration elapsed) {
        listener.progress(
            Stage.PRE_INITIALIZE, shown(phase) + " still running after " + seconds(elapsed));
      }
    };
  }

  private ComponentizeException failure(BuildTimeInit.InitFailedException e, GuestPaths paths) {
    String app = "the app module '" + context.config().appModule() + "'";
    return switch (e.failure()) {
      case FAILED ->
          new ComponentizeException(
              Stage.PRE_INITIALIZE,
              "initializing " + app + " failed at build time: " + paths.toHost(e.getMessage()),
              // Not e: its message has the guest's paths, and Maven appends a cause's message
              // that the failure's own does not contain.
              e.getCause());
      case TIMED_OUT ->
          // No cause: Maven would append the interrupted run's own words to the message.
          new ComponentizeException(
              Stage.PRE_INITIALIZE,
              "pre-initializing "
                  + app
                  + " did not finish within "
                  + context.config().preinitTimeout().toSeconds()
                  + " s (preinitTimeout): it was still "
                  + doing(e.phase())
                  + "; code that loops or waits while the module is imported never lets the"
                  + " build finish: fix it, or raise preinitTimeout if the imports really need"
                  + " longer"
                  + paths.toHost(
                      e.getMessage().replaceFirst("^it did not finish within \\d+ s", "")));
      case OUT_OF_MEMORY ->
          new ComponentizeException(
              Stage.PRE_INITIALIZE,
              "pre-initializing "
                  + app
                  + " ran out of Java heap while "
                  + doing(e.phase())
                  + "; "
                  + HeapAdvice.text(),
              e);
    };
  }

  /** A phase as the user knows it: {@code import from /sources/0} is the first source directory. */
  private String shown(String phase) {
    String prefix = "import from ";
    if (!phase.startsWith(prefix)) {
      return phase;
    }
    String guest = phase.substring(prefix.length());
    return prefix + guestDirectory(guest);
  }

  private String guestDirectory(String guest) {
    if (guest.startsWith(SOURCES_GUEST)) {
      int index = Integer.parseInt(guest.substring(SOURCES_GUEST.length()));
      return context.config().pythonSources().get(index).toString();
    } else if (guest.equals(BINDINGS_GUEST)) {
      return "the bindings (" + context.work("bindings") + ")";
    } else if (guest.equals(SitePackages.GUEST_PATH)) {
      return "the wheels (" + context.work("site-packages") + ")";
    }
    return guest;
  }

  /** What the run was doing in {@code phase}, as the middle of a sentence. */
  private String doing(String phase) {
    String shown = shown(phase);
    if (shown.startsWith("import from ")) {
      return "importing from " + shown.substring("import from ".length());
    }
    return switch (phase) {
      case "parse" -> "loading the program";
      case "instantiate" -> "instantiating the program";
      case "start CPython" -> "starting CPython";
      case "snapshot" -> "taking the snapshot";
      default -> "in phase '" + shown + "'";
    };
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** Fails unless the app module is a Python file or package in one of {@code searched}. */
  private void requireAppModule(List<Path> searched) throws ComponentizeException {
    String module = context.config().appModule();
    String relative = module.replace('.', '/');
    for (Path directory : searched) {
      if (Files.isRegularFile(directory.resolve(relative + ".py"))
          || Files.isRegularFile(directory.resolve(relative).resolve("__init__.py"))) {
        return;
      }
    }
    throw new ComponentizeException(
        Stage.PRE_INITIALIZE,
        "app module '"
            + module
            + "' not found: no "
            + relative
            + ".py or "
            + relative
            + "/__init__.py in "
            + (searched.isEmpty() ? "(no Python source directories)" : searched.toString())
            + "; add it to a Python source directory or configure the app module");
  }
}
