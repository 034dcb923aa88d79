package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.bindings.BindingsException;
import dev.componentize.core.bindings.WorldBindings;
import dev.componentize.core.bindings.WorldLibraryGenerator;
import dev.componentize.core.build.Stage;
import dev.componentize.core.dylink.ToolchainIdentity;
import dev.componentize.core.files.FixedTimes;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Generates the world's bindings: the {@code wit_world} Python package, written into the work
 * directory's {@code bindings/} with fixed times, and libworld.so, built with the glue's toolchain
 * identity.
 */
public final class BindingsStage
    extends ContextStage<BindingsStage.Input, BindingsStage.Generated> {
  /**
   * @param world the loaded world
   * @param runtime the runtime bundle (its glue's toolchain identity goes into libworld.so)
   */
  public record Input(WitStage.LoadedWorld world, RuntimeBundle runtime) {}

  /**
   * @param bindings the Python files and libworld.so
   * @param directory where the Python files were written
   */
  public record Generated(WorldBindings bindings, Path directory) {}

  public BindingsStage(BuildContext context) {
    super(context, Stage.BINDINGS);
  }

  @Override
  public Generated run(Input input) throws ComponentizeException, IOException {
    // The first stage that writes into the work directory clears what an earlier build left.
    context.prepareWorkDirectory();
    WorldBindings bindings =
        bind(
            input.world(),
            context.config().wit(),
            context.config().appModule(),
            glueIdentity(input.runtime().glue()));
    Path directory = context.work("bindings");
    for (Map.Entry<String, String> file : bindings.pythonFiles().entrySet()) {
      Path path = directory.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    FixedTimes.apply(directory);
    return new Generated(bindings, directory);
  }

  @Override
  public String summary(Generated output) {
    return output.bindings().pythonFiles().size() + " Python files, " + WorldLibraryGenerator.NAME;
  }

  /** The bindings of {@code world} for {@code appModule}. */
  public static WorldBindings bind(
      WitStage.LoadedWorld world,
      Path witPath,
      String appModule,
      Optional<ToolchainIdentity> identity)
      throws ComponentizeException {
    try {
      return WorldBindings.generate(world.resolve(), world.world(), appModule, identity);
    } catch (BindingsException e) {
      throw new ComponentizeException(
          Stage.BINDINGS,
          "world " + world.name() + " in " + witPath + " cannot be bound: " + e.getMessage(),
          e);
    }
  }

  private static Optional<ToolchainIdentity> glueIdentity(Path glue) throws IOException {
    try {
      return ToolchainIdentity.of(WasmReader.read(glue));
    } catch (WasmFormatException e) {
      throw new IOException(glue + " is not a wasm module: " + e.getMessage(), e);
    }
  }
}
