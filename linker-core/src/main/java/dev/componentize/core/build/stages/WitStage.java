package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeException;
import dev.componentize.core.build.Stage;
import dev.componentize.core.component.AdapterImports;
import dev.componentize.core.component.SupportedFeatures;
import dev.componentize.core.component.UnsupportedWitException;
import dev.componentize.core.component.WitWorlds;
import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.SourceSpan;
import dev.componentize.core.wit.WitException;
import dev.componentize.core.wit.WitLoader;
import dev.componentize.core.wit.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the WIT files, selects the world and, unless the build stops at the pre-initialized
 * program, works out the component's world (the user's plus what the preview1 adapter imports), so
 * that a world that cannot be encoded fails in milliseconds, before the slow stages.
 */
public final class WitStage extends ContextStage<Path, WitStage.LoadedWorld> {
  /**
   * The selected world.
   *
   * @param resolve every package the WIT files define
   * @param world the selected world
   * @param name its qualified name ({@code ns:pkg/name@version})
   * @param component the component's world and adapter, empty when nothing is encoded
   */
  public record LoadedWorld(
      Resolve resolve, World world, String name, Optional<ComponentWorld> component) {}

  /**
   * What the encoder gets besides the program: the component's world and the preview1 adapter
   * (empty in stub-WASI mode: the trapping module is made from the linked program).
   */
  public record ComponentWorld(WorldType world, Optional<byte[]> adapter) {}

  public WitStage(BuildContext context) {
    super(context, Stage.WIT);
  }

  @Override
  public LoadedWorld run(Path wit) throws ComponentizeException, IOException {
    ComponentizeConfig config = context.config();
    LoadedWorld loaded = load(wit, config.world(), config.witFeatures());
    if (config.preInitializeOnly()) {
      return loaded;
    }
    return new LoadedWorld(
        loaded.resolve(), loaded.world(), loaded.name(), Optional.of(componentWorld(loaded)));
  }

  @Override
  public String summary(LoadedWorld output) {
    return output.name();
  }

  /**
   * Loads {@code path} (a WIT file or a directory) and selects {@code worldName}, or the only
   * world.
   */
  public static LoadedWorld load(Path path, Optional<String> worldName, Set<String> features)
      throws ComponentizeException, IOException {
    if (!Files.exists(path)) {
      throw new ComponentizeException(
          Stage.WIT,
          "WIT path "
              + path
              + " does not exist; put the world's .wit files there or configure where they are");
    }
    try {
      Resolve resolve = WitLoader.load(path, features);
      World world = resolve.selectWorld(worldName.orElse(null));
      SupportedFeatures.check(resolve, world);
      return new LoadedWorld(
          resolve, world, resolve.pkg(world.pkg()).name().qualify(world.name()), Optional.empty());
    } catch (WitException e) {
      // Located errors already start with file:line:column; the others (no world, unknown
      // world) get the WIT path so the user knows where the worlds were looked for.
      String message = e.line() > 0 ? e.getMessage() : path + ": " + e.getMessage();
      throw new ComponentizeException(Stage.WIT, message, e);
    }
  }

  /**
   * The user's world plus the WASI 0.2 interfaces the preview1 adapter imports: CPython calls WASI
   * preview1, which the adapter serves through them, so they are imports of the component whether
   * or not the world names them (componentize-py's worlds do not either). In stub-WASI mode there
   * is no adapter and the world stays as it is.
   */
  private ComponentWorld componentWorld(LoadedWorld wit) throws ComponentizeException, IOException {
    ComponentizeConfig config = context.config();
    WorldType world;
    try {
      world = WitWorlds.toWorldType(wit.resolve(), wit.world());
    } catch (UnsupportedWitException e) {
      throw new ComponentizeException(
          Stage.WIT, "world " + wit.name() + " in " + config.wit() + ": " + e.getMessage(), e);
    }
    if (config.stubWasi()) {
      Optional<SourceSpan> async = SupportedFeatures.firstAsyncFunction(wit.resolve(), wit.world());
      if (async.isPresent()) {
        SourceSpan at = async.get();
        throw new ComponentizeException(
            Stage.WIT,
            at.file()
                + ":"
                + at.line()
                + ":"
                + at.column()
                + ": world "
                + wit.name()
                + " has an async func, which stubWasi does not support yet (the event loop of"
                + " async exports has not been verified without WASI); build without stubWasi");
      }
      return new ComponentWorld(world, Optional.empty());
    }
    byte[] adapter = Files.readAllBytes(config.adapter());
    try {
      return new ComponentWorld(AdapterImports.addTo(world, adapter), Optional.of(adapter));
    } catch (ComponentEncodingException e) {
      throw new ComponentizeException(
          Stage.WIT, "world " + wit.name() + " in " + config.wit() + ": " + e.getMessage(), e);
    }
  }
}
