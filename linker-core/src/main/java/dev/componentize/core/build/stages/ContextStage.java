package dev.componentize.core.build.stages;

import dev.componentize.core.build.Stage;

/**
 * The common part of the build's stages: the build context they run in and which stage they are.
 *
 * @param <I> what the stage takes
 * @param <O> what it produces
 */
abstract class ContextStage<I, O> implements BuildStage<I, O> {
  /** The build this stage runs in: its configuration, listener and work directory. */
  protected final BuildContext context;

  private final Stage stage;

  ContextStage(BuildContext context, Stage stage) {
    this.context = context;
    this.stage = stage;
  }

  @Override
  public final Stage stage() {
    return stage;
  }
}
