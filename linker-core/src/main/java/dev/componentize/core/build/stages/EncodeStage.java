package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.build.Stage;
import dev.componentize.core.component.TrappingWasi;
import dev.componentize.core.component.WorldEncoder;
import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.link.LinkedProgram;

/**
 * Encodes the pre-initialized program as a component of the world, wrapped with the preview1
 * adapter (or, in stub-WASI mode, a module of traps made from the program's WASI imports).
 */
public final class EncodeStage extends ContextStage<EncodeStage.Input, byte[]> {
  /**
   * @param world the loaded world, with its component world
   * @param program the pre-initialized program
   */
  public record Input(WitStage.LoadedWorld world, LinkedProgram program) {}

  public EncodeStage(BuildContext context) {
    super(context, Stage.ENCODE);
  }

  @Override
  public byte[] run(Input input) throws ComponentizeException {
    WitStage.ComponentWorld component =
        input
            .world()
            .component()
            .orElseThrow(() -> new IllegalStateException("no component world to encode"));
    try {
      byte[] adapter =
          component.adapter().isPresent()
              ? component.adapter().get()
              : TrappingWasi.module(input.program());
      return WorldEncoder.encodeProgram(component.world(), input.program(), adapter);
    } catch (ComponentEncodingException e) {
      throw new ComponentizeException(
          Stage.ENCODE,
          "the component cannot be encoded: "
              + e.getMessage()
              + " (world "
              + input.world().name()
              + " in "
              + context.config().wit()
              + ")",
          e);
    }
  }

  @Override
  public String summary(byte[] output) {
    return output.length + " bytes";
  }
}
