package dev.componentize.core.build.stages;

import dev.componentize.core.build.Stage;
import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the component to the configured output, atomically: never a partial file. */
public final class WriteStage extends ContextStage<byte[], Path> {
  public WriteStage(BuildContext context) {
    super(context, Stage.WRITE);
  }

  @Override
  public Path run(byte[] component) throws IOException {
    Path output = context.config().output();
    FileKit.writeAtomically(output, component);
    return output;
  }

  @Override
  public String summary(Path output) {
    return output.toString();
  }
}
