package dev.componentize.core.wheel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A wheel written out under a site-packages directory, with its files sorted the way the linker
 * consumes them.
 *
 * @param wheel what was read from the archive
 * @param tag the wheel tag that matched the runtime
 * @param siteDirectory the directory the wheel was unpacked into, as an absolute path; it plays the
 *     role of site-packages (purelib and platlib are the same directory in the runtime)
 * @param pythonFiles every file that is not native code (Python sources, data, the {@code
 *     .dist-info} directory), relative to {@code siteDirectory}, in archive order
 * @param extensionModules the native extension modules, each with its file on disk and its path
 *     relative to {@code siteDirectory}
 * @param skippedEntries entries of the {@code .data/scripts}, {@code .data/headers} and {@code
 *     .data/data} directories, which were verified but not unpacked: a component has no bin,
 *     include or prefix directory to install them into
 */
public record UnpackedWheel(
    Wheel wheel,
    WheelTag tag,
    Path siteDirectory,
    List<Path> pythonFiles,
    List<ExtensionModule> extensionModules,
    List<String> skippedEntries) {
  public UnpackedWheel {
    Objects.requireNonNull(wheel, "wheel");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(siteDirectory, "siteDirectory");
    pythonFiles = List.copyOf(pythonFiles);
    extensionModules = List.copyOf(extensionModules);
    skippedEntries = List.copyOf(skippedEntries);
  }
}
