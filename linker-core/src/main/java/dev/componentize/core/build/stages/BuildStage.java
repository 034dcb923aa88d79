package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.build.Stage;
import java.io.IOException;

/**
 * One stage of the build: it takes a typed input, checks what it needs, maps the failures of the
 * libraries it calls to a {@link ComponentizeException} that names the file and the fix, and
 * describes its result in a summary line.
 *
 * @param <I> what the stage takes
 * @param <O> what it produces
 */
public interface BuildStage<I, O> {
  /** Which stage this is (its label and place in the order). */
  Stage stage();

  /**
   * Runs the stage.
   *
   * @throws ComponentizeException if an input is wrong in a way the user can fix
   * @throws IOException if reading or writing a file fails
   */
  O run(I input) throws ComponentizeException, IOException;

  /** What {@code output} holds, for the stage's log line ({@code "8 libraries"}). */
  String summary(O output);
}
