package dev.componentize.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.eclipse.aether.RepositorySystemSession;

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

  /**
   * What the C extensions of a package built from its source distribution become: {@code native}
   * has the build's compile and link commands (setuptools' {@code build_ext}) run on the host by
   * the runtime SDK's driver, so the wheel is a {@code cp313-cp313-wasi_0_0_0_wasm32} one with its
   * extensions (needs clang-19, as the SDK does; without it the build says so and goes on as with
   * {@code pure}); {@code pure} lets those commands fail inside the build (wasm32-wasi has no
   * processes), so a package with a pure-Python fallback (MarkupSafe) comes out pure and one
   * without fails saying how to provide a wasi wheel.
   */
  @Parameter(property = "componentize.sdistExtensions", defaultValue = "native")
  String sdistExtensions;

  /** The lock file. */
  @Parameter(
      property = "componentize.lockFile",
      defaultValue = "${project.basedir}/pylock.toml",
      required = true)
  File lockFile;

  /**
   * The runtime bundle jar (CPython, libc, the glue and the preview1 adapter), as {@code
   * groupId:artifactId:version}; resolved through Maven's repositories (offline once cached) and
   * unpacked under the work directory. Ignored when {@code runtimeDirectory} is set.
   */
  @Parameter(
      property = RUNTIME_ARTIFACT_PROPERTY,
      defaultValue = RUNTIME_ARTIFACT_DEFAULT,
      required = true)
  String runtimeArtifact;

  /**
   * An already unpacked runtime bundle directory (holding {@code manifest.json}, {@code lib/},
   * {@code python/} and {@code adapter/}); overrides {@code runtimeArtifact}.
   */
  @Parameter(property = RUNTIME_DIRECTORY_PROPERTY)
  File runtimeDirectory;

  /** The plugin's version: the default runtime version and part of the up-to-date check. */
  @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
  String pluginVersion;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  RepositorySystemSession repositorySession;

  /** Maven's settings: offline mode and the active proxy. */
  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  Settings settings;

  /**
   * The runtime bundle directory: {@code runtimeDirectory}, or the runtime jar resolved and
   * unpacked into {@code workDirectory/runtime}.
   */
  Path runtimeBundle(File workDirectory) throws ConfigurationException, IOException {
    return runtimeBundle(
        runtimeDirectory, runtimeArtifact, pluginVersion, workDirectory, repositorySession);
  }

  /**
   * The translation of these parameters for linker-core; {@code runtimeBundle} is the CPython that
   * builds wheels from source distributions.
   */
  PackageInputs packageInputs(Path runtimeBundle) {
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
        runtimeBundle,
        sdistExtensions,
        getLog());
  }
}
