package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.build.BuildInputs;
import dev.componentize.core.build.BuildListener;
import dev.componentize.core.cache.SnapshotCache;
import dev.componentize.core.files.FileDigests;
import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What every stage of one build shares: the configuration and its inputs' digests, the listener,
 * and the work directory's layout. One per build.
 */
public final class BuildContext {
  /** Keeps at most this many snapshots (about 9 MB each for a small app). */
  private static final int SNAPSHOT_CACHE_ENTRIES = 4;

  /**
   * The work directory's folders each build starts afresh. Not {@code wheels/}: unpacked wheels are
   * reused, each verified first ({@code cache.UnpackedWheels}).
   */
  private static final List<String> SCRATCH =
      List.of("bindings", "site-packages", "sources", "embedded");

  private final BuildInputs inputs;
  private final ComponentizeConfig config;
  private final BuildListener listener;

  public BuildContext(ComponentizeConfig config, BuildListener listener) {
    this(new BuildInputs(config), listener);
  }

  public BuildContext(BuildInputs inputs, BuildListener listener) {
    this.inputs = Objects.requireNonNull(inputs, "inputs");
    this.config = inputs.config();
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public ComponentizeConfig config() {
    return config;
  }

  /** The digest of each file the build read, computed once (see {@link BuildInputs}). */
  public FileDigests digests() {
    return inputs.digests();
  }

  public BuildListener listener() {
    return listener;
  }

  /** {@code name} in the work directory, absolute. */
  public Path work(String name) {
    return config.workDirectory().resolve(name).toAbsolutePath();
  }

  /** Removes what an earlier run left in the work directory's scratch folders. */
  void prepareWorkDirectory() throws IOException {
    for (String name : SCRATCH) {
      FileKit.deleteRecursively(work(name));
    }
    Files.createDirectories(work("bindings"));
  }

  /** The snapshot cache: the configured directory, else one in the work directory. */
  SnapshotCache snapshotCache() {
    return new SnapshotCache(
        config.snapshotCache().orElseGet(() -> work("snapshot-cache")),
        SNAPSHOT_CACHE_ENTRIES,
        listener::warning,
        digests());
  }
}
