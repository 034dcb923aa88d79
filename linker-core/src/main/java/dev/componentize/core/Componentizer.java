package dev.componentize.core;

import dev.componentize.core.abi.CheckReport;
import dev.componentize.core.abi.Finding;
import dev.componentize.core.build.BuildInputs;
import dev.componentize.core.build.BuildListener;
import dev.componentize.core.build.Stage;
import dev.componentize.core.build.StageTiming;
import dev.componentize.core.build.stages.BindingsStage;
import dev.componentize.core.build.stages.BuildContext;
import dev.componentize.core.build.stages.BuildStage;
import dev.componentize.core.build.stages.EncodeStage;
import dev.componentize.core.build.stages.LinkStage;
import dev.componentize.core.build.stages.PreInitializeStage;
import dev.componentize.core.build.stages.RuntimeStage;
import dev.componentize.core.build.stages.ToolchainCheckStage;
import dev.componentize.core.build.stages.WheelsStage;
import dev.componentize.core.build.stages.WitStage;
import dev.componentize.core.build.stages.WriteStage;
import dev.componentize.core.link.LinkedProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The whole build of a Python component (docs/architecture.md): runs the stages of {@code
 * dev.componentize.core.build} in order, each on the output of the ones before, and tells the
 * {@link BuildListener} when each starts, ends or fails. Every failure the user can fix is a {@link
 * ComponentizeException} naming the file or element and the fix. One instance per build; separate
 * builds may run in parallel with separate work directories.
 */
public final class Componentizer {
  private final BuildContext context;
  private final List<StageTiming> timings = new ArrayList<>();
  // Set once the toolchain check ran: its warnings go into the message of a later failure.
  private CheckReport toolchainReport;

  private Componentizer(BuildContext context) {
    this.context = context;
  }

  /**
   * {@link #componentize(ComponentizeConfig, BuildListener)} with the warnings (a damaged cache
   * entry that was discarded and made again) printed on standard error.
   */
  public static ComponentizeResult componentize(ComponentizeConfig config)
      throws ComponentizeException, IOException {
    return componentize(config, warning -> System.err.println("WARNING: " + warning));
  }

  /** {@link #componentize(ComponentizeConfig, BuildListener)} hearing only the warnings. */
  public static ComponentizeResult componentize(
      ComponentizeConfig config, Consumer<String> warnings)
      throws ComponentizeException, IOException {
    return componentize(
        config,
        new BuildListener() {
          @Override
          public void warning(String message) {
            warnings.accept(message);
          }
        });
  }

  /**
   * Runs the build for {@code config}, telling {@code listener} about each stage as it happens.
   *
   * @throws ComponentizeException if an input is wrong (runtime bundle, WIT, world, wheel,
   *     toolchain, unresolved symbol, missing app module, failing app initialization); nothing is
   *     written then
   * @throws IOException if reading inputs or writing into the work directory or output fails
   */
  public static ComponentizeResult componentize(ComponentizeConfig config, BuildListener listener)
      throws ComponentizeException, IOException {
    return componentize(new BuildInputs(config), listener);
  }

  /**
   * Runs the build of {@code inputs}' configuration; the files the caller hashed through {@code
   * inputs} (its up-to-date fingerprint) are not hashed again.
   */
  public static ComponentizeResult componentize(BuildInputs inputs, BuildListener listener)
      throws ComponentizeException, IOException {
    Componentizer componentizer = new Componentizer(new BuildContext(inputs, listener));
    try {
      return componentizer.run();
    } catch (ComponentizeException e) {
      throw componentizer.withToolchainWarnings(e);
    }
  }

  /**
   * {@code failure} of a stage after the toolchain check, with the warnings the check reported: a
   * library the check let through under policy WARN is often why a later stage fails, and the
   * failure's message is what stays in a CI log's summary.
   */
  private ComponentizeException withToolchainWarnings(ComponentizeException failure) {
    if (toolchainReport == null
        || toolchainReport.warnings().isEmpty()
        || failure.stage().isEmpty()
        || failure.stage().get() == Stage.TOOLCHAIN_CHECK) {
      // A library's exception keeps its type (the plugin maps InvalidConfigurationException to
      // its parameter).
      return failure;
    }
    StringBuilder message =
        new StringBuilder(failure.getMessage())
            .append("\n(the toolchain check, policy ")
            .append(toolchainReport.policy())
            .append(", had reported ")
            .append(toolchainReport.warnings().size())
            .append(toolchainReport.warnings().size() == 1 ? " warning:" : " warnings:");
    for (Finding warning : toolchainReport.warnings()) {
      message.append("\n  - ").append(warning.message());
    }
    return new ComponentizeException(
        failure.stage().get(), message.append(')').toString(), failure);
  }

  private ComponentizeResult run() throws ComponentizeException, IOException {
    ComponentizeConfig config = context.config();
    RuntimeStage.Verified runtime = step(new RuntimeStage(context), config.runtimeBundle());
    WitStage.LoadedWorld wit = step(new WitStage(context), config.wit());
    BindingsStage.Generated bindings =
        step(new BindingsStage(context), new BindingsStage.Input(wit, runtime.bundle()));
    WheelsStage.Unpacked wheels = step(new WheelsStage(context), runtime.bundle().identity());
    CheckReport report =
        step(
            new ToolchainCheckStage(context),
            new ToolchainCheckStage.Input(runtime.bundle().identity(), wheels));
    toolchainReport = report;
    LinkedProgram linked =
        step(new LinkStage(context), new LinkStage.Input(runtime.bundle(), bindings, wheels));
    PreInitializeStage.PreInitialized program =
        step(
            new PreInitializeStage(context),
            new PreInitializeStage.Input(runtime.bundle(), linked, bindings, wheels));
    Optional<Path> output = Optional.empty();
    long size = 0;
    if (wit.component().isPresent()) {
      byte[] component =
          step(new EncodeStage(context), new EncodeStage.Input(wit, program.program()));
      output = Optional.of(step(new WriteStage(context), component));
      size = component.length;
    }
    return new ComponentizeResult(
        wit.name(),
        program.program(),
        LinkStage.libraries(linked),
        report,
        output,
        size,
        timings,
        program.init().output());
  }

  /** Runs one stage, timing it and telling the listener. */
  private <I, O> O step(BuildStage<I, O> stage, I input) throws ComponentizeException, IOException {
    context.listener().stageStarted(stage.stage());
    long start = System.nanoTime();
    O output;
    try {
      output = stage.run(input);
    } catch (IOException | RuntimeException | Error e) {
      context.listener().stageFailed(stage.stage(), Duration.ofNanos(System.nanoTime() - start), e);
      throw e;
    }
    StageTiming timing =
        new StageTiming(
            stage.stage(), Duration.ofNanos(System.nanoTime() - start), stage.summary(output));
    timings.add(timing);
    context.listener().stageFinished(timing);
    return output;
  }

  /**
   * The Python files of the bindings of a world ({@code wit_world/...}, {@code py.typed} and the
   * {@code _componentize.pyi} stub), keyed by path relative to a {@code sys.path} directory: what
   * the pipeline puts on the component's Python path, for tools such as IDEs.
   *
   * @param wit a WIT file or a directory of WIT files ({@code deps/} beside them)
   * @param world the world's name, or empty for the only world
   * @param witFeatures names of {@code @unstable} feature gates to enable
   * @param appModule the Python module implementing the exports
   * @throws ComponentizeException if the WIT path is missing or wrong or the world cannot be bound
   * @throws InvalidConfigurationException if {@code appModule} is not a dotted Python module name
   */
  public static Map<String, String> pythonBindings(
      Path wit, Optional<String> world, Set<String> witFeatures, String appModule)
      throws ComponentizeException, IOException {
    if (!ComponentizeConfig.MODULE.matcher(appModule).matches()) {
      throw new InvalidConfigurationException(
          "appModule",
          "app module '" + appModule + "' is not a Python module name (e.g. app or my_pkg.app)");
    }
    return BindingsStage.bind(
            WitStage.load(wit, world, witFeatures), wit, appModule, Optional.empty())
        .pythonFiles();
  }
}
