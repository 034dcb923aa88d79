package dev.componentize.core.sdist;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import run.endive.runtime.HostFunction;

/**
 * WASI preview1 {@code path_rename} ({@code (fd, old_path, old_len, new_fd, new_path, new_len) ->
 * errno}) for the preopened directories: wasi-libc resolves every path to a preopen and a relative
 * path, so the descriptors are preopens (numbered from 3 in the order given). Python's {@code
 * os.replace}, which setuptools, zipfile users and the import system's bytecode writer need, ends
 * here. A path that is absolute or climbs out of its preopen, or a descriptor that is no preopen,
 * is refused; a symbolic link is never followed out of the tree (the moved entry itself is moved,
 * not its target).
 */
final class Rename {
  private static final int FIRST_PREOPEN = 3;
  // WASI errno values (preview1 "errno" enum).
  private static final int SUCCESS = 0;
  private static final int EACCES = 2;
  private static final int EBADF = 8;
  private static final int EIO = 29;
  private static final int EISDIR = 31;
  private static final int ENOENT = 44;
  private static final int ENOTDIR = 54;
  private static final int ENOTEMPTY = 55;

  private Rename() {}

  /** Endive's {@code path_rename} replaced, for the preopens in {@code directories}' order. */
  static HostFunction function(HostFunction original, List<Path> directories) {
    List<Path> roots = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
    return new HostFunction(
        original.module(),
        original.name(),
        original.functionType(),
        (instance, args) -> {
          var memory = instance.memory();
          Path from =
              resolve(roots, (int) args[0], memory.readString((int) args[1], (int) args[2]));
          Path to = resolve(roots, (int) args[3], memory.readString((int) args[4], (int) args[5]));
          return new long[] {from == null || to == null ? EBADF : move(from, to)};
        });
  }

  /** The host path, or null when the descriptor is no preopen or the path leaves it. */
  static Path resolve(List<Path> roots, int fd, String path) {
    int index = fd - FIRST_PREOPEN;
    if (index < 0 || index >= roots.size() || path.startsWith("/") || path.indexOf('\0') >= 0) {
      return null;
    }
    Path root = roots.get(index);
    Path resolved = root.resolve(path).normalize();
    return resolved.startsWith(root) && !resolved.equals(root) ? resolved : null;
  }

  private static int move(Path from, Path to) {
    if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
      return ENOENT;
    }
    boolean fromDirectory = Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS);
    if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS) && !fromDirectory) {
      return EISDIR;
    }
    if (fromDirectory && Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS)) {
      return ENOTDIR;
    }
    try {
      try {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
      return SUCCESS;
    } catch (NoSuchFileException e) {
      return ENOENT;
    } catch (DirectoryNotEmptyException e) {
      return ENOTEMPTY;
    } catch (SecurityException e) {
      return EACCES;
    } catch (IOException e) {
      return EIO;
    }
  }
}
