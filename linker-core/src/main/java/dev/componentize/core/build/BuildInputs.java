package dev.componentize.core.build;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.files.FileDigests;
import dev.componentize.core.files.InputFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What one build reads, declared once, and the digests of its files: the configuration's values
 * that shape the component, the WIT files (with {@code deps/} beside a single file), the app's
 * source directories, the wheels, the runtime bundle's manifest, libraries and adapter, and a
 * configured preview1 adapter. The up-to-date check is a digest over this declaration ({@link
 * #fingerprint}), and every stage that hashes a file asks the same {@link FileDigests}: the runtime
 * bundle's verification, the unpacked wheels' listings and the snapshot cache key, whose preopens
 * are these inputs as the guest sees them (the bundle's {@code python/}, copies of the sources, the
 * wheels' files). So each file is read once per build.
 */
public final class BuildInputs {
  private final ComponentizeConfig config;
  private final FileDigests digests = new FileDigests();

  public BuildInputs(ComponentizeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public ComponentizeConfig config() {
    return config;
  }

  /** The digests of the files this build read so far. */
  public FileDigests digests() {
    return digests;
  }

  /**
   * A fingerprint of every declared input, for the up-to-date check; a front end adds what only it
   * knows (its own version and code) before taking {@link InputFingerprint#hex}.
   */
  public InputFingerprint fingerprint() throws IOException {
    InputFingerprint fingerprint =
        new InputFingerprint(digests)
            .value("wit", config.wit().toAbsolutePath())
            .value("world", config.world().orElse(null))
            .value("witFeatures", config.witFeatures())
            .value("appModule", config.appModule())
            .value("output", config.output().toAbsolutePath())
            .value("toolchainCheck", config.toolchainPolicy())
            .value("stackSize", config.stackSize())
            .value("stubWasi", config.stubWasi())
            .value("stdlib", config.stdlib())
            .value("embedSources", config.embedSources())
            .value("preInitializeOnly", config.preInitializeOnly())
            .value("workDirectory", config.workDirectory().toAbsolutePath());
    // A single WIT file takes its dependencies from deps/ beside it.
    fingerprint.tree("wit", config.wit());
    if (Files.isRegularFile(config.wit())) {
      Path parent = config.wit().toAbsolutePath().getParent();
      fingerprint.tree("wit deps", parent.resolve("deps"));
    }
    for (Path source : config.pythonSources()) {
      fingerprint.value("python source", source.toAbsolutePath()).tree("python", source);
    }
    for (Path wheel : config.wheels()) {
      fingerprint.value("wheel", wheel.toAbsolutePath()).file("wheel", wheel);
    }
    // The bundle's manifest names its key and every file's sha256; its libraries and the
    // adapter are hashed too, so a bundle directory rebuilt in place is noticed.
    for (Path input : RuntimeBundle.fingerprintInputs(config.runtimeBundle())) {
      fingerprint.tree("runtime " + input.getFileName(), input);
    }
    if (config.preview1Adapter().isPresent()) {
      fingerprint.file("preview1 adapter", config.preview1Adapter().get());
    }
    return fingerprint;
  }
}
