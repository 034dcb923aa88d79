package dev.componentize.maven;

import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.files.FileKit;
import dev.componentize.core.files.FixedTimes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks the runtime bundle a {@code componentize-runtime} jar carries under {@value #PREFIX} into
 * a directory the core reads. The jar's sha256 is recorded in {@value #MARKER} inside the
 * directory, so an unchanged jar is not unpacked again (the bundle is ~40 MB of files; unpacking it
 * takes seconds, comparing a hash of the jar a fraction of that).
 *
 * <p>The new bundle is unpacked into a temporary sibling directory and moved into place only when
 * complete, so an interrupted build never leaves a half bundle that a later build would trust.
 */
final class RuntimeBundleUnpacker {
  /** The folder inside the jar that holds the bundle (runtime/pom.xml). */
  static final String PREFIX = "componentize-runtime/";

  /** Records the sha256 of the jar the directory was unpacked from. */
  static final String MARKER = ".componentize-runtime.sha256";

  private RuntimeBundleUnpacker() {}

  /**
   * Makes {@code target} hold the bundle of {@code jar}, unpacking only if it holds another one.
   *
   * @return true if the jar was unpacked, false if {@code target} already held it
   * @throws ConfigurationException if the jar is not a runtime bundle or has an entry that would
   *     land outside {@code target}
   */
  static boolean unpack(Path jar, Path target, String coordinates)
      throws ConfigurationException, IOException {
    String digest = FileKit.sha256Hex(jar);
    Path marker = target.resolve(MARKER);
    if (Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(digest)) {
      return false;
    }
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".unpack-");
    try {
      int files = extract(jar, staging, coordinates);
      if (files == 0 || !Files.isRegularFile(staging.resolve(RuntimeBundle.MANIFEST))) {
        throw new ConfigurationException(
            "<runtimeArtifact> "
                + coordinates
                + " ("
                + jar
                + ") is not a componentize runtime: it has no "
                + PREFIX
                + RuntimeBundle.MANIFEST
                + "; use dev.componentize:componentize-runtime or a jar built like"
                + " it");
      }
      // The marker is written last: its presence says the unpacking finished.
      Files.writeString(staging.resolve(MARKER), digest + "\n", StandardCharsets.UTF_8);
      // CPython keeps the modification time of each directory it imports from in the snapshot
      // (FileFinder's cache), so files carrying the unpacking time would make a build after
      // `clean` differ from the one before: fixed times keep the component reproducible.
      FixedTimes.apply(staging);
      FileKit.deleteRecursively(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      FileKit.deleteRecursively(staging);
    }
    return true;
  }

  private static int extract(Path jar, Path staging, String coordinates)
      throws ConfigurationException, IOException {
    int files = 0;
    Path root = staging.toAbsolutePath().normalize();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
          continue;
        }
        Path destination = safeDestination(root, name.substring(PREFIX.length()), jar, coordinates);
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
          continue;
        }
        Files.createDirectories(destination.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, destination);
        }
        files++;
      }
    } catch (ZipException e) {
      throw new ConfigurationException(
          "<runtimeArtifact> "
              + coordinates
              + " ("
              + jar
              + ") is not a readable jar: "
              + e.getMessage()
              + "; delete it from the local repository so Maven downloads it again",
          e);
    }
    return files;
  }

  /**
   * Where entry {@code relative} goes under {@code root}; refuses names that would escape it
   * (absolute paths, {@code ..}, backslashes, drive letters), as a zip entry name is just a string.
   */
  static Path safeDestination(Path root, String relative, Path jar, String coordinates)
      throws ConfigurationException {
    boolean suspicious =
        relative.startsWith("/")
            || relative.contains("\\")
            || relative.contains(":")
            || relative.indexOf('\0') >= 0;
    Path destination = root.resolve(relative).normalize();
    if (suspicious || !destination.startsWith(root) || destination.equals(root)) {
      throw new ConfigurationException(
          "<runtimeArtifact> "
              + coordinates
              + " ("
              + jar
              + ") has an entry that would be written outside the bundle directory: "
              + PREFIX
              + relative
              + "; the jar is damaged or not a componentize runtime, do not use it");
    }
    return destination;
  }
}
