package dev.componentize.core.cache;

import dev.componentize.core.files.FileDigests;
import dev.componentize.core.files.FileKit;
import dev.componentize.core.wheel.TargetRuntime;
import dev.componentize.core.wheel.UnpackedWheel;
import dev.componentize.core.wheel.WheelException;
import dev.componentize.core.wheel.WheelFile;
import dev.componentize.core.wheel.WheelLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The wheels of a build, unpacked into directories of the work directory that later builds reuse
 * while the wheel file, the runtime and the limits stay the same. What the build-time run imports
 * and the linker links is read from these directories, so each one carries a listing of its files
 * with their sizes and SHA-256 digests, made when it was unpacked (a {@link CacheEntry} named
 * {@code <directory>.unpacked} beside it), and is checked against it, file by file, before every
 * reuse. A directory whose files differ from the listing (a changed, truncated, added or removed
 * file) is discarded with a warning naming the file, and the wheel is unpacked again; a directory
 * without an intact listing (an unpack that was interrupted) is unpacked again too.
 */
public final class UnpackedWheels {
  /** Changes whenever what a listing holds or how a wheel is unpacked changes. */
  static final String FORMAT = "componentize-unpacked-wheel 1";

  static final String SUFFIX = ".unpacked";
  private static final String WHAT = "unpacked wheel";
  private static final String THEN = "unpacking the wheel again";

  private final Path directory;
  private final TargetRuntime runtime;
  private final WheelLimits limits;
  private final Consumer<String> warnings;
  private final FileDigests digests;

  /**
   * Unpacked wheels under {@code directory} for {@code runtime}, unpacked within {@code limits};
   * damage is reported to {@code warnings}.
   */
  public UnpackedWheels(
      Path directory, TargetRuntime runtime, WheelLimits limits, Consumer<String> warnings) {
    this(directory, runtime, limits, warnings, new FileDigests());
  }

  /**
   * As above, hashing the wheels and the unpacked files through {@code digests} (the build's): the
   * up-to-date check has read the wheels, and the snapshot cache key reads the unpacked files again
   * through site-packages' links.
   */
  public UnpackedWheels(
      Path directory,
      TargetRuntime runtime,
      WheelLimits limits,
      Consumer<String> warnings,
      FileDigests digests) {
    this.digests = Objects.requireNonNull(digests, "digests");
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /**
   * The wheel {@code file} unpacked into {@code directory/name}: the directory an earlier build
   * left, if it was unpacked from the same wheel bytes for the same runtime and limits and every
   * file still matches its listing, else unpacked again (see {@link WheelFile#unpack}).
   *
   * @throws WheelException if the wheel breaks a rule or does not fit the runtime
   * @throws IOException if reading the wheel or writing the files fails
   */
  public UnpackedWheel unpack(Path file, String name) throws WheelException, IOException {
    Path site = directory.resolve(name);
    Path listingFile = directory.resolve(name + SUFFIX);
    String origin = origin(file);
    Optional<byte[]> listing = CacheEntry.read(listingFile, name, WHAT, THEN, warnings);
    if (listing.isPresent() && Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS)) {
      String text = new String(listing.get(), StandardCharsets.UTF_8);
      if (text.startsWith(origin + "\n")) {
        Optional<String> damage = compare(site, text.substring(origin.length() + 1));
        if (damage.isEmpty()) {
          return WheelFile.describe(file, site, runtime, limits);
        }
        warnings.accept(
            WHAT + " " + site + " is damaged (" + damage.get() + "); discarded, " + THEN);
      }
    }
    // Another wheel, runtime or limits, an interrupted unpack or damage: start afresh.
    Files.deleteIfExists(listingFile);
    FileKit.deleteRecursively(site);
    UnpackedWheel unpacked = WheelFile.unpack(file, site, runtime, limits);
    CacheEntry.write(
        listingFile, name, (origin + "\n" + listing(site)).getBytes(StandardCharsets.UTF_8));
    return unpacked;
  }

  /**
   * Deletes every directory and listing under {@link #directory} except those named in {@code
   * kept}: wheels an earlier build used and this one does not.
   */
  public void retainOnly(Set<String> kept) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> entries = Files.list(directory)) {
      entries
          .filter(
              p -> {
                String entry = p.getFileName().toString();
                String name =
                    entry.endsWith(SUFFIX)
                        ? entry.substring(0, entry.length() - SUFFIX.length())
                        : entry;
                return !kept.contains(name);
              })
          .forEach(stale::add);
    }
    for (Path path : stale) {
      FileKit.deleteRecursively(path);
    }
  }

  /** What the directory was unpacked from: the wheel's bytes, the runtime, the limits. */
  private String origin(Path file) throws IOException {
    return FORMAT + "; wheel sha256 " + digests.sha256(file) + "; " + runtime + "; " + limits;
  }

  /**
   * One line per file under {@code site}, in name order: {@code <sha256> <size> <relative path>};
   * anything that is neither a file nor a directory (the unpacker writes no links) is a line of its
   * own that no listing made from an unpack holds.
   */
  String listing(Path site) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Path> file : files(site).entrySet()) {
      BasicFileAttributes attributes =
          Files.readAttributes(
              file.getValue(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        text.append("not-a-file - ").append(file.getKey()).append('\n');
        continue;
      }
      text.append(digests.sha256(file.getValue()))
          .append(' ')
          .append(attributes.size())
          .append(' ')
          .append(file.getKey())
          .append('\n');
    }
    return text.toString();
  }

  /** The first difference between {@code site} and {@code expected} (a {@link #listing}). */
  private Optional<String> compare(Path site, String expected) throws IOException {
    Map<String, String> want = byPath(expected);
    Map<String, String> have = byPath(listing(site));
    for (Map.Entry<String, String> line : want.entrySet()) {
      String actual = have.get(line.getKey());
      if (actual == null) {
        return Optional.of(line.getKey() + " is missing");
      }
      if (!actual.equals(line.getValue())) {
        String[] a = actual.split(" ", 2);
        String[] e = line.getValue().split(" ", 2);
        return Optional.of(
            line.getKey()
                + ": sha256 "
                + a[0]
                + ", "
                + a[1]
                + " bytes, expected sha256 "
                + e[0]
                + ", "
                + e[1]
                + " bytes");
      }
    }
    for (String path : have.keySet()) {
      if (!want.containsKey(path)) {
        return Optional.of(path + " was added");
      }
    }
    return Optional.empty();
  }

  /** A listing as relative path -> "sha256 size". */
  private static Map<String, String> byPath(String listing) {
    Map<String, String> lines = new TreeMap<>();
    for (String line : listing.split("\n")) {
      if (!line.isEmpty()) {
        String[] parts = line.split(" ", 3);
        lines.put(parts[2], parts[0] + " " + parts[1]);
      }
    }
    return lines;
  }

  /** Every path under {@code root} that is not a directory, by relative name ('/'-separated). */
  private static Map<String, Path> files(Path root) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> files.put(root.relativize(p).toString().replace('\\', '/'), p));
    }
    return files;
  }
}
