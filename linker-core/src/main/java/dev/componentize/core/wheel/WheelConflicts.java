package dev.componentize.core.wheel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the wheels of one component can live side by side. Each wheel is unpacked into its
 * own directory and every directory goes on the Python path, so two wheels that install the same
 * file would silently shadow each other (the first on the path wins), and two versions of one
 * distribution would mix. pip refuses the first case only by overwriting; we refuse both.
 */
public final class WheelConflicts {
  private WheelConflicts() {}

  /**
   * @param wheels the unpacked wheels, in the order they go on the Python path
   * @throws WheelException naming the later wheel, the file or distribution both provide, and the
   *     earlier wheel
   */
  public static void check(List<UnpackedWheel> wheels) throws WheelException {
    Map<String, UnpackedWheel> distributions = new HashMap<>();
    Map<String, UnpackedWheel> files = new HashMap<>();
    for (UnpackedWheel w : wheels) {
      String wheel = w.wheel().file().getFileName().toString();
      UnpackedWheel same =
          distributions.putIfAbsent(WheelName.normalize(w.wheel().distribution()), w);
      if (same != null) {
        throw new WheelException(
            wheel,
            null,
            "distribution "
                + w.wheel().distribution()
                + " "
                + w.wheel().version()
                + " is already provided by "
                + same.wheel().file().getFileName()
                + " (version "
                + same.wheel().version()
                + "): declare only one version of each distribution");
      }
      for (Path file : w.pythonFiles()) {
        claim(files, w, file, wheel);
      }
      for (ExtensionModule module : w.extensionModules()) {
        claim(files, w, module.relativePath(), wheel);
      }
    }
  }

  private static void claim(
      Map<String, UnpackedWheel> files, UnpackedWheel w, Path file, String wheel)
      throws WheelException {
    // Relative paths joined with '/', folded as the unpacker folds entry names, so that the
    // check means the same on every file system.
    StringBuilder key = new StringBuilder();
    for (Path segment : file) {
      key.append(key.length() == 0 ? "" : "/").append(segment);
    }
    String path = key.toString();
    UnpackedWheel owner = files.putIfAbsent(EntryNames.collisionKey(path), w);
    if (owner != null) {
      throw new WheelException(
          wheel,
          path,
          "is also installed by "
              + owner.wheel().file().getFileName()
              + "; on the Python path one would hide the other: keep only one of the two wheels");
    }
  }
}
