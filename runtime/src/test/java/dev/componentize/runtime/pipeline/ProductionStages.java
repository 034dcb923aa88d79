package dev.componentize.runtime.pipeline;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeException;
import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.build.BuildListener;
import dev.componentize.core.build.stages.BindingsStage;
import dev.componentize.core.build.stages.BuildContext;
import dev.componentize.core.build.stages.LinkStage;
import dev.componentize.core.build.stages.RuntimeStage;
import dev.componentize.core.build.stages.ToolchainCheckStage;
import dev.componentize.core.build.stages.WheelsStage;
import dev.componentize.core.build.stages.WitStage;
import dev.componentize.core.link.LinkedProgram;
import java.io.IOException;

/**
 * The first stages of a build, the production classes over one {@link BuildContext} in {@code
 * Componentizer}'s order, for tests and benchmarks of what comes after them (the glue with real
 * bindings, the encoder on a real program) without assembling the pipeline by hand: the bundle
 * verified, the world loaded (with the component world the encoder gets), the bindings generated
 * into the work directory and, for {@link #link}, the wheels unpacked and checked and the program
 * linked as a build links it. Whatever goes further runs {@code Componentizer} itself.
 */
public final class ProductionStages {
  /**
   * A build stopped after the bindings stage.
   *
   * @param bundle the verified runtime bundle
   * @param world the loaded world (its component world unless the config pre-initializes only)
   * @param bindings the wit_world package written into the work directory, and libworld.so
   */
  public record Bound(
      RuntimeBundle bundle, WitStage.LoadedWorld world, BindingsStage.Generated bindings) {}

  /**
   * A build stopped after the link stage.
   *
   * @param bound what the stages up to the bindings made
   * @param wheels the unpacked wheels
   * @param program the linked program, not pre-initialized
   */
  public record Linked(Bound bound, WheelsStage.Unpacked wheels, LinkedProgram program) {}

  private final BuildContext context;

  private ProductionStages(ComponentizeConfig config) {
    this.context = new BuildContext(config, BuildListener.NONE);
  }

  /** Runs the runtime, WIT and bindings stages of {@code config}. */
  public static Bound bind(ComponentizeConfig config) throws ComponentizeException, IOException {
    return new ProductionStages(config).bound();
  }

  /** Runs the stages of {@code config} up to and including the link. */
  public static Linked link(ComponentizeConfig config) throws ComponentizeException, IOException {
    ProductionStages stages = new ProductionStages(config);
    Bound bound = stages.bound();
    WheelsStage.Unpacked wheels = new WheelsStage(stages.context).run(bound.bundle().identity());
    new ToolchainCheckStage(stages.context)
        .run(new ToolchainCheckStage.Input(bound.bundle().identity(), wheels));
    LinkedProgram program =
        new LinkStage(stages.context)
            .run(new LinkStage.Input(bound.bundle(), bound.bindings(), wheels));
    return new Linked(bound, wheels, program);
  }

  private Bound bound() throws ComponentizeException, IOException {
    ComponentizeConfig config = context.config();
    RuntimeBundle bundle = new RuntimeStage(context).run(config.runtimeBundle()).bundle();
    WitStage.LoadedWorld world = new WitStage(context).run(config.wit());
    BindingsStage.Generated bindings =
        new BindingsStage(context).run(new BindingsStage.Input(world, bundle));
    return new Bound(bundle, world, bindings);
  }
}
