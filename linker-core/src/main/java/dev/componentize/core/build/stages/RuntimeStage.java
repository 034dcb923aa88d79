package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.ComponentizeException;
import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.abi.RuntimeBundleException;
import dev.componentize.core.build.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the runtime bundle, verifies every file against its manifest's SHA-256 (re-hashing only
 * files changed since the last verification, recorded in the work directory) and checks that the
 * adapter the encoder needs is there, before any slow stage.
 */
public final class RuntimeStage extends ContextStage<Path, RuntimeStage.Verified> {
  /** Where the verified state of the bundle is recorded between builds. */
  static final String RECORD = "runtime-verified.txt";

  /**
   * The opened bundle.
   *
   * @param bundle the bundle, its files matching the manifest
   * @param verification how many files were checked and hashed
   */
  public record Verified(RuntimeBundle bundle, RuntimeBundle.Verification verification) {}

  public RuntimeStage(BuildContext context) {
    super(context, Stage.RUNTIME);
  }

  @Override
  public Verified run(Path directory) throws ComponentizeException, IOException {
    ComponentizeConfig config = context.config();
    RuntimeBundle bundle;
    RuntimeBundle.Verification verification;
    try {
      bundle = RuntimeBundle.open(directory);
      verification = bundle.verify(context.work(RECORD), context.digests());
    } catch (RuntimeBundleException e) {
      // The message starts with the file at fault, as a WIT error does.
      throw new ComponentizeException(Stage.RUNTIME, e.getMessage(), e);
    }
    if (!config.preInitializeOnly()
        && !config.stubWasi()
        && !Files.isRegularFile(config.adapter())) {
      throw new ComponentizeException(
          Stage.RUNTIME,
          config.preview1Adapter().isPresent()
              ? "the WASI preview1 adapter " + config.adapter() + " does not exist"
              : "runtime bundle "
                  + bundle.directory()
                  + " has no "
                  + RuntimeBundle.ADAPTER
                  + " (the WASI preview1 adapter); use a complete bundle (the"
                  + " componentize-runtime artifact, or runtime/complete-bundle.sh) or configure"
                  + " a preview1 adapter");
    }
    return new Verified(bundle, verification);
  }

  @Override
  public String summary(Verified output) {
    RuntimeBundle.Verification verification = output.verification();
    return "CPython "
        + output.bundle().identity().pythonVersion()
        + ", "
        + verification.files()
        + " files match the manifest, "
        + (verification.hashed() == 0
            ? "none changed since verified"
            : verification.hashed() + " hashed");
  }
}
