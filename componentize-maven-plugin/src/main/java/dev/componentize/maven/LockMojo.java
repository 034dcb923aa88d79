package dev.componentize.maven;

import dev.componentize.core.ComponentizeException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
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
  public void execute() throws MojoExecutionException, MojoFailureException {
    try {
      // The runtime's CPython builds the wheels of packages published only as sdists.
      Path bundle = runtimeBundle(new File(project.getBuild().getDirectory(), "componentize"));
      packageInputs(bundle).lock();
    } catch (ComponentizeException e) {
      throw Failures.failure(e);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot unpack the runtime bundle: " + e, e);
    }
  }
}
