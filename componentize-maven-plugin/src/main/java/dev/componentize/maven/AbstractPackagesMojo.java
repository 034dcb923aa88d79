package dev.componentize.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;

/**
 * The parameters of the goals that use Python packages from a package index ({@code componentize}
 * and {@code lock}): which packages, from which index, and how strictly the lock file is kept.
 */
abstract class AbstractPackagesMojo extends AbstractWitMojo {
  /**
   * Python packages for the component, as PEP 508 requirements ({@code attrs==24.2.0}, {@code
   * python-dateutil>=2.9}, {@code requests[socks]}): resolved with their dependencies against the
   * package index for the runtime (CPython 3.13 on wasm32-wasi), locked in {@code pylock.toml} and
   * added to the component's wheels.
   */
  @Parameter(property = "componentize.packages")
  List<String> packages;

  /**
   * A pip requirements file with more packages (requirements, comments and {@code -r} includes).
   */
  @Parameter(property = "componentize.requirementsFile")
  File requirementsFile;

  /**
   * The package index (the simple repository API's base URL, as pip's {@code --index-url}). Unset:
   * pip's own setting ({@code PIP_INDEX_URL}, or {@code index-url} in pip.conf).
   */
  @Parameter(property = "componentize.indexUrl")
  String indexUrl;

  /** More indexes searched besides {@code indexUrl} (as pip's {@code --extra-index-url}). */
  @Parameter(property = "componentize.extraIndexUrls")
  List<String> extraIndexUrls;

  /** Whether pre-releases may be chosen without being named in a requirement. */
  @Parameter(property = "componentize.allowPrereleases", defaultValue = "false")
  boolean allowPrereleases;

  /**
   * For CI: fail instead of resolving when {@code pylock.toml} is missing or no longer matches the
   * packages, so the build installs exactly the committed lock or nothing.
   */
  @Parameter(property = "componentize.frozen", defaultValue = "false")
  boolean frozen;

  /** The lock file. */
  @Parameter(
      property = "componentize.lockFile",
      defaultValue = "${project.basedir}/pylock.toml",
      required = true)
  File lockFile;

  /** Maven's settings: offline mode and the active proxy. */
  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  Settings settings;

  /** The translation of these parameters for linker-core. */
  PackageInputs packageInputs() {
    return new PackageInputs(
        project.getBasedir().toPath(),
        packages == null ? List.of() : packages,
        requirementsFile == null ? null : requirementsFile.toPath(),
        indexUrl,
        extraIndexUrls == null ? List.of() : extraIndexUrls,
        allowPrereleases,
        frozen,
        lockFile != null ? lockFile.toPath() : project.getBasedir().toPath().resolve("pylock.toml"),
        settings,
        getLog());
  }
}
