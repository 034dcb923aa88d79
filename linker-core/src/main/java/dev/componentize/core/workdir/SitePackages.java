package dev.componentize.core.workdir;

import dev.componentize.core.files.FileDigests;
import dev.componentize.core.wheel.ExtensionModule;
import dev.componentize.core.wheel.UnpackedWheel;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one site-packages directory the program sees at build time. Each wheel is unpacked into a
 * directory of its own (so a failure leaves the others intact and the unpacker can check each
 * wheel's files), but CPython must find an extension module at the very path the linker registered
 * it under for {@code dlopen} ({@value #GUEST_PATH}{@code /<path in the wheel>}, docs/dlopen-table
 * .md), and a WASI preopen maps one guest directory to one host directory. So the wheels' files are
 * gathered here, linked (or copied where links are not possible); {@code WheelConflicts.check} has
 * already ruled out two wheels writing the same file.
 */
public final class SitePackages {
  /** Where the merged directory is preopened, and the prefix of every dl-openable name. */
  public static final String GUEST_PATH = "/site-packages";

  private SitePackages() {}

  /** Gathers every file of {@code wheels} into {@code target}, which must not exist yet. */
  public static Path merge(List<UnpackedWheel> wheels, Path target) throws IOException {
    return merge(wheels, target, new FileDigests());
  }

  /**
   * As above, passing each file's digest, if {@code digests} knows it, on to its link or copy (a
   * new link changes the file's change time, which would make it look changed).
   */
  public static Path merge(List<UnpackedWheel> wheels, Path target, FileDigests digests)
      throws IOException {
    Files.createDirectories(target.getParent());
    Files.createDirectory(target);
    for (UnpackedWheel wheel : wheels) {
      List<Path> files = new ArrayList<>(wheel.pythonFiles());
      for (ExtensionModule module : wheel.extensionModules()) {
        files.add(module.relativePath());
      }
      for (Path relative : files) {
        Path from = wheel.siteDirectory().resolve(relative);
        Path to = target.resolve(relative.toString());
        Files.createDirectories(to.getParent());
        Optional<String> digest = digests.ifKnown(from);
        try {
          Files.createLink(to, from);
        } catch (FileAlreadyExistsException e) {
          throw e; // a conflict WheelConflicts should have reported: never overwrite silently
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(from, to);
        }
        if (digest.isPresent()) {
          digests.known(to, digest.get());
        }
      }
    }
    return target;
  }

  /** The name {@code dlopen} knows an extension module by. */
  public static String dlOpenName(ExtensionModule module) {
    return GUEST_PATH + "/" + module.relativePath().toString().replace('\\', '/');
  }
}
