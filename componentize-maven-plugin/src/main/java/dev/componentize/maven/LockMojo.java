package dev.componentize.maven;

import dev.componentize.core.ComponentizeException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Resolves the project's Python packages ({@code <packages>}, {@code <requirementsFile>}) against
 * the package index for the component's runtime and writes {@code pylock.toml} (PEP 751) in the
 * project directory: exact versions, wheel URLs, sizes and sha256 hashes. Run it after changing the
 * packages and commit the file; {@code package} then installs exactly what it says.
 */
@Mojo(name = "lock", requiresProject = true, threadSafe = true)
public final class LockMojo extends AbstractPackagesMojo {
  @Override
  public void execute() throws MojoFailureException {
    try {
      packageInputs().lock();
    } catch (ComponentizeException e) {
      throw Failures.failure(e);
    }
  }
}
