package dev.componentize.core.wheel;

import dev.componentize.core.files.FileKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Reads, verifies and unpacks wheel files (the binary distribution format, PEP 427).
 *
 * <p>The archive is read with commons-compress's {@link ZipFile}, which works from the central
 * directory (the authoritative list of entries, zip APPNOTE 4.3.12) rather than scanning local
 * headers, sees every entry of a duplicated name (java.util.zip keeps only one), and exposes the
 * Unix mode in the external attributes, which is how zip stores symbolic links.
 *
 * <p>Every rule is checked before anything is written, except those that need the inflated bytes
 * (hashes, sizes, compression ratio, the header of native files); those are checked while the
 * entries are written into a fresh temporary directory beside the target, which is renamed to the
 * target only when the whole wheel passed. A refused wheel leaves nothing behind.
 */
public final class WheelFile {

  /** RECORD and WHEEL are read whole; no honest one comes near this. */
  private static final int MAX_METADATA_BYTES = 16 << 20;

  private static final int BUFFER_BYTES = 64 << 10;

  private WheelFile() {}

  /**
   * Reads a wheel's metadata and checks its structure: entry names, links, duplicates, entry count,
   * the WHEEL and RECORD files, and that RECORD and the archive list the same files. File contents
   * are not hashed; {@link #unpack} does that.
   *
   * @throws WheelException if the wheel breaks a rule
   * @throws IOException if the file cannot be read at all
   */
  public static Wheel read(Path file, WheelLimits limits) throws WheelException, IOException {
    try (ZipFile zip = open(file)) {
      return new Reader(file, zip, limits).read();
    }
  }

  /**
   * Verifies a wheel against the runtime and unpacks it into {@code target}, which must not exist
   * yet (its parent directories are created if needed). On success {@code target} is the
   * site-packages root of the wheel; on failure it does not exist, and the staging directory the
   * files were written to (a hidden sibling of {@code target}) has been deleted.
   *
   * @throws WheelException if the wheel breaks a rule or does not fit the runtime
   * @throws FileAlreadyExistsException if {@code target} exists
   * @throws IOException if reading the wheel or writing the files fails
   */
  public static UnpackedWheel unpack(
      Path file, Path target, TargetRuntime runtime, WheelLimits limits)
      throws WheelException, IOException {
    // Absolute and normalised once, so that the containment check below compares like with like.
    Path site = target.toAbsolutePath().normalize();
    if (Files.exists(site, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString(), null, "wheel target must not exist");
    }
    try (ZipFile zip = open(file)) {
      Reader reader = new Reader(file, zip, limits);
      Wheel wheel = reader.read();
      WheelTag tag = TagCompatibility.check(reader.name, wheel.tags(), runtime);
      List<Planned> plan = reader.plan(wheel, runtime);
      Path parent = site.getParent();
      Files.createDirectories(parent);
      Path staging = Files.createTempDirectory(parent, "." + site.getFileName() + ".unpack-");
      try {
        reader.write(plan, staging, runtime);
        move(staging, site);
      } catch (IOException | RuntimeException | Error e) {
        try {
          FileKit.deleteRecursively(staging);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      return unpacked(wheel, tag, site, plan);
    }
  }

  /**
   * What {@link #unpack} returned when it unpacked {@code file} into {@code target}, read again
   * from the wheel without writing anything: for a directory unpacked by an earlier build whose
   * files the caller has verified.
   *
   * @throws WheelException if the wheel breaks a rule or does not fit the runtime
   * @throws IOException if reading the wheel fails
   */
  public static UnpackedWheel describe(
      Path file, Path target, TargetRuntime runtime, WheelLimits limits)
      throws WheelException, IOException {
    try (ZipFile zip = open(file)) {
      Reader reader = new Reader(file, zip, limits);
      Wheel wheel = reader.read();
      WheelTag tag = TagCompatibility.check(reader.name, wheel.tags(), runtime);
      return unpacked(wheel, tag, target.toAbsolutePath().normalize(), reader.plan(wheel, runtime));
    }
  }

  private static UnpackedWheel unpacked(Wheel wheel, WheelTag tag, Path site, List<Planned> plan) {
    List<Path> pythonFiles = new ArrayList<>();
    List<ExtensionModule> modules = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Planned p : plan) {
      if (p.sitePath == null) {
        skipped.add(p.entry.getName());
      } else if (p.moduleName.isPresent()) {
        Path relative = relative(site, p.sitePath);
        modules.add(new ExtensionModule(site.resolve(relative), relative, p.moduleName.get()));
      } else {
        pythonFiles.add(relative(site, p.sitePath));
      }
    }
    return new UnpackedWheel(wheel, tag, site, pythonFiles, modules, skipped);
  }

  private static ZipFile open(Path file) throws WheelException, IOException {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "wheel file not found");
    }
    try {
      // Names are decoded as UTF-8 (what Python's zipfile writes). Unicode Path extra fields
      // are ignored, as Python's zipfile and so pip ignore them: an archive whose extra field
      // names another path must not install differently here than there.
      return ZipFile.builder().setPath(file).setUseUnicodeExtraFields(false).get();
    } catch (IOException e) {
      throw new WheelException(
          name,
          null,
          "is not a valid zip archive ("
              + e.getMessage()
              + "); the download may be truncated: fetch the wheel again",
          e);
    }
  }

  private static void move(Path staging, Path target) throws IOException {
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so the same file system in practice; a plain rename is the fallback.
      Files.move(staging, target);
    }
  }

  private static Path relative(Path root, String sitePath) {
    String[] segments = sitePath.split("/");
    return root.getFileSystem()
        .getPath(segments[0], Arrays.copyOfRange(segments, 1, segments.length));
  }

  /** One file entry and where it goes: {@code sitePath} null means verified but not unpacked. */
  private record Planned(
      ZipArchiveEntry entry,
      String sitePath,
      RecordFile.Hash hash,
      long recordSize,
      Optional<String> moduleName) {}

  /** The checks for one open archive. */
  private static final class Reader {
    private final Path file;
    private final String name;
    private final ZipFile zip;
    private final WheelLimits limits;
    private final List<ZipArchiveEntry> entries;
    private Map<String, RecordFile.Entry> recordByPath;
    private final Set<Path> createdDirectories = new HashSet<>();

    Reader(Path file, ZipFile zip, WheelLimits limits) {
      this.file = file;
      this.name = file.getFileName().toString();
      this.zip = zip;
      this.limits = limits;
      this.entries = Collections.list(zip.getEntries());
    }

    Wheel read() throws WheelException, IOException {
      if (entries.size() > limits.maxEntries()) {
        throw WheelException.overLimit(
            name,
            null,
            "has "
                + entries.size()
                + " entries, more than the limit of "
                + limits.maxEntries()
                + "; if the wheel is genuine, raise the "
                + WheelLimits.Limit.ENTRIES.description(),
            WheelLimits.Limit.ENTRIES);
      }
      checkEntries();
      String distInfo = findDistInfo();
      String wheelEntry = distInfo + "/WHEEL";
      String recordEntry = distInfo + "/RECORD";
      WheelMetadata metadata = WheelMetadata.parse(text(wheelEntry), name, wheelEntry);
      RecordFile record = RecordFile.parse(text(recordEntry), name, recordEntry);
      checkRecordCoverage(record, distInfo);

      String stem = distInfo.substring(0, distInfo.length() - ".dist-info".length());
      int dash = stem.indexOf('-');
      if (dash <= 0 || dash == stem.length() - 1 || stem.indexOf('-', dash + 1) >= 0) {
        throw new WheelException(
            name,
            distInfo + "/",
            "the .dist-info directory must be named {distribution}-{version}.dist-info (PEP 427);"
                + " rebuild the wheel with a standard tool (python -m build --wheel)");
      }
      String distribution = stem.substring(0, dash);
      String version = stem.substring(dash + 1);

      // A wheel fetched from a Maven repository is named after its coordinates, so the file name
      // is used only when it is this wheel's own name; the WHEEL file's tags are authoritative
      // (they are inside the hashed archive) and a file name that claims a tag the WHEEL file
      // lacks means a renamed file, e.g. an Emscripten wheel renamed to look pure.
      Optional<WheelName> fileName =
          WheelName.tryParse(name)
              .filter(
                  n ->
                      WheelName.normalize(n.distribution())
                              .equals(WheelName.normalize(distribution))
                          && n.version().equals(version));
      List<WheelTag> tags = metadata.tags();
      if (fileName.isPresent()) {
        Set<WheelTag> fromName = new LinkedHashSet<>(fileName.get().tags());
        if (tags.isEmpty()) {
          tags = List.copyOf(fromName);
        } else if (!new HashSet<>(tags).containsAll(fromName)) {
          // A subset is fine: a wheel stored under a Maven classifier may name one of its tags
          // (py3-none-any for a py2.py3-none-any wheel); claiming a tag it lacks is not.
          throw new WheelException(
              name,
              wheelEntry,
              "the file name's tags ("
                  + join(fromName)
                  + ") are not among the WHEEL file's Tag lines ("
                  + join(tags)
                  + "): the wheel was renamed after it was built; use it under its original"
                  + " name");
        }
      }
      return new Wheel(file, distribution, version, fileName, distInfo, metadata, record, tags);
    }

    /** Names, links, duplicates and declared sizes: everything the central directory shows. */
    private void checkEntries() throws WheelException {
      Set<String> exact = new HashSet<>();
      Map<String, String> folded = new HashMap<>();
      for (ZipArchiveEntry e : entries) {
        String entry = e.getName();
        // commons-compress turns backslashes into '/' in names written by DOS/Windows tools
        // (version
        // made by FAT), so the raw bytes are checked too: a backslash must be refused, not
        // silently reinterpreted.
        EntryNames.check(name, new String(e.getRawName(), StandardCharsets.UTF_8));
        EntryNames.check(name, entry);
        if (e.isUnixSymlink()) {
          throw new WheelException(
              name,
              entry,
              "is a symbolic link; links can point outside the target directory, so wheels may"
                  + " not contain them"
                  + EntryNames.FIX);
        }
        int type = e.getUnixMode() & 0170000; // S_IFMT
        if (type != 0 && type != 0100000 && type != 0040000) {
          throw new WheelException(
              name,
              entry,
              "is a special file (Unix mode "
                  + Integer.toOctalString(e.getUnixMode())
                  + "), not a regular file or directory"
                  + EntryNames.FIX);
        }
        if (!exact.add(entry)) {
          throw new WheelException(
              name,
              entry,
              "appears twice in the archive; which copy a tool extracts differs between tools,"
                  + " so what was verified need not be what is installed"
                  + EntryNames.FIX);
        }
        String previous = folded.putIfAbsent(EntryNames.collisionKey(entry), entry);
        if (previous != null) {
          throw new WheelException(
              name,
              entry,
              "differs from entry '"
                  + previous
                  + "' only in letter case or Unicode normalisation; the two overwrite each other"
                  + " on case-insensitive file systems (macOS, Windows)"
                  + EntryNames.FIX);
        }
        if (e.isDirectory()) {
          continue;
        }
        if (!zip.canReadEntryData(e)) {
          throw new WheelException(
              name,
              entry,
              "is encrypted or uses an unsupported zip feature; rebuild the wheel (python -m build"
                  + " --wheel)");
        }
        if (e.getMethod() != ZipMethod.STORED.getCode()
            && e.getMethod() != ZipMethod.DEFLATED.getCode()) {
          throw new WheelException(
              name,
              entry,
              "is compressed with zip method "
                  + ZipMethod.getMethodByCode(e.getMethod())
                  + "; wheels use stored or deflated entries: rebuild the wheel (python -m build"
                  + " --wheel)");
        }
        if (e.getSize() > limits.maxEntryBytes()) {
          throw tooLarge(entry, e.getSize());
        }
      }
    }

    private String findDistInfo() throws WheelException {
      Set<String> distInfos = new TreeSet<>();
      for (ZipArchiveEntry e : entries) {
        String top = e.getName().split("/", 2)[0];
        if (top.endsWith(".dist-info") && e.getName().length() > top.length()) {
          distInfos.add(top);
        }
      }
      if (distInfos.isEmpty()) {
        throw new WheelException(
            name,
            null,
            "has no {name}-{version}.dist-info directory, so it is not a wheel (PEP 427); build"
                + " one with python -m build --wheel");
      }
      if (distInfos.size() > 1) {
        throw new WheelException(
            name,
            null,
            "has several .dist-info directories ("
                + String.join(", ", distInfos)
                + "); a wheel holds exactly one distribution: rebuild it");
      }
      return distInfos.iterator().next();
    }

    private void checkRecordCoverage(RecordFile record, String distInfo) throws WheelException {
      String recordEntry = distInfo + "/RECORD";
      // PEP 427: RECORD cannot contain its own hash, and the signature files RECORD.jws and
      // RECORD.p7s sign RECORD after it is written, so they are not listed (or listed unhashed).
      Set<String> unhashed = Set.of(recordEntry, recordEntry + ".jws", recordEntry + ".p7s");
      recordByPath = new HashMap<>();
      for (RecordFile.Entry r : record.entries()) {
        recordByPath.put(r.path(), r);
      }
      Set<String> files = new HashSet<>();
      for (ZipArchiveEntry e : entries) {
        if (e.isDirectory()) {
          continue;
        }
        files.add(e.getName());
        RecordFile.Entry r = recordByPath.get(e.getName());
        if (r == null && !unhashed.contains(e.getName())) {
          throw new WheelException(
              name,
              e.getName(),
              "is not listed in "
                  + recordEntry
                  + ", so its contents cannot be verified; the file was added after the wheel was"
                  + " built: rebuild the wheel");
        }
        if (r != null && r.hash().isEmpty() && !unhashed.contains(e.getName())) {
          throw new WheelException(
              name,
              e.getName(),
              recordEntry
                  + " lists it without a hash, so its contents cannot be verified: rebuild the"
                  + " wheel");
        }
      }
      for (RecordFile.Entry r : record.entries()) {
        if (!files.contains(r.path())) {
          throw new WheelException(
              name,
              r.path(),
              "is listed in "
                  + recordEntry
                  + " but missing from the archive; the wheel is incomplete or was edited:"
                  + " download or rebuild it");
        }
      }
    }

    /** Reads a small metadata entry whole, as strict UTF-8. */
    private String text(String entry) throws WheelException, IOException {
      ZipArchiveEntry e = zip.getEntry(entry);
      if (e == null || e.isDirectory()) {
        throw new WheelException(
            name,
            entry,
            "is missing; every wheel carries "
                + (entry.endsWith("RECORD")
                    ? "RECORD, the list of its files with their hashes (PEP 427), without which"
                        + " its contents cannot be verified"
                    : "WHEEL, which states the format version and the compatibility tags (PEP"
                        + " 427)")
                + ": rebuild the wheel (python -m build --wheel)");
      }
      int max = (int) Math.min(MAX_METADATA_BYTES, limits.maxEntryBytes());
      byte[] bytes;
      try (InputStream in = entryStream(e)) {
        bytes = in.readNBytes(max + 1);
      } catch (IOException ex) {
        throw corrupt(entry, ex);
      }
      if (bytes.length > max) {
        throw tooLarge(entry, bytes.length);
      }
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException ex) {
        throw new WheelException(
            name, entry, "is not valid UTF-8 text; rebuild the wheel (python -m build --wheel)");
      }
    }

    /**
     * Decides where each file goes (PEP 427 "Installing a wheel": the {@code .data/purelib} and
     * {@code .data/platlib} subdirectories are moved into the install root, which for us is one
     * site-packages directory) and which files are extension modules. Nothing is read yet.
     */
    List<Planned> plan(Wheel wheel, TargetRuntime runtime) throws WheelException {
      String data = wheel.dataDirectory() + "/";
      List<Planned> plan = new ArrayList<>();
      Map<String, String> bySitePath = new HashMap<>();
      Set<String> directories = new HashSet<>();
      for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
        if (e.isDirectory()) {
          continue;
        }
        String entry = e.getName();
        String sitePath = entry;
        if (entry.startsWith(data)) {
          String[] scheme = entry.substring(data.length()).split("/", 2);
          switch (scheme[0]) {
            case "purelib", "platlib" -> sitePath = scheme.length == 2 ? scheme[1] : null;
            case "scripts", "headers", "data" -> sitePath = null;
            default ->
                throw new WheelException(
                    name,
                    entry,
                    "is in an unknown .data scheme '"
                        + scheme[0]
                        + "'; PEP 427 knows purelib, platlib, scripts, headers and data: rebuild the"
                        + " wheel");
          }
        }
        if (sitePath != null && !sitePath.equals(entry)) {
          String top = sitePath.split("/", 2)[0];
          if (top.endsWith(".dist-info")) {
            // Only the wheel's own .dist-info, at the archive root, describes what is installed;
            // another one placed through purelib or platlib would make importlib.metadata report a
            // distribution that was never installed, or shadow this one's metadata.
            throw new WheelException(
                name,
                entry,
                "installs a .dist-info directory ("
                    + top
                    + ") into site-packages beside the wheel's own; only "
                    + wheel.distInfo()
                    + " may describe this wheel"
                    + EntryNames.FIX);
          }
        }
        RecordFile.Entry r = recordByPath.get(entry);
        RecordFile.Hash hash = r == null ? null : r.hash().orElse(null);
        long size = r == null || r.size().isEmpty() ? -1 : r.size().getAsLong();
        Optional<String> module = Optional.empty();
        if (sitePath != null) {
          module = NativeFiles.moduleName(name, entry, sitePath, runtime);
          String previous = bySitePath.putIfAbsent(EntryNames.collisionKey(sitePath), entry);
          if (previous != null) {
            throw new WheelException(
                name,
                entry,
                "installs to the same file as '"
                    + previous
                    + "' ("
                    + sitePath
                    + ")"
                    + EntryNames.FIX);
          }
          int slash = -1;
          while ((slash = sitePath.indexOf('/', slash + 1)) >= 0) {
            directories.add(EntryNames.collisionKey(sitePath.substring(0, slash)));
          }
        }
        plan.add(new Planned(e, sitePath, hash, size, module));
      }
      for (Planned p : plan) {
        if (p.sitePath != null && directories.contains(EntryNames.collisionKey(p.sitePath))) {
          throw new WheelException(
              name,
              p.entry.getName(),
              "is a file, but other entries use "
                  + p.sitePath
                  + " as a directory"
                  + EntryNames.FIX);
        }
      }
      return plan;
    }

    /** Inflates every planned entry, checking bytes as they come, into {@code staging}. */
    void write(List<Planned> plan, Path staging, TargetRuntime runtime)
        throws WheelException, IOException {
      long[] total = {0};
      byte[] buffer = new byte[BUFFER_BYTES];
      for (Planned p : plan) {
        try (OutputStream out = open(staging, p)) {
          copy(p, out, buffer, total, runtime);
        }
      }
    }

    /** Where a planned entry's bytes go: a new file under staging, or nowhere if skipped. */
    private OutputStream open(Path staging, Planned p) throws WheelException, IOException {
      if (p.sitePath == null) {
        return OutputStream.nullOutputStream();
      }
      Path dest = staging.resolve(p.sitePath).normalize();
      if (!dest.startsWith(staging) || dest.equals(staging)) {
        // Unreachable after EntryNames.check; kept so that a future rule change cannot turn
        // into a write outside the staging directory.
        throw new WheelException(
            name, p.entry.getName(), "resolves outside the target" + EntryNames.FIX);
      }
      if (createdDirectories.add(dest.getParent())) {
        Files.createDirectories(dest.getParent());
      }
      // CREATE_NEW: never replace a file, even one a bug let through twice.
      return Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW);
    }

    private void copy(Planned p, OutputStream out, byte[] buffer, long[] total, TargetRuntime rt)
        throws WheelException, IOException {
      String entry = p.entry.getName();
      // RECORD and its signatures carry no hash (PEP 427); their contents are what the other
      // hashes are checked against, so they are only bounded like every other entry.
      MessageDigest digest = p.hash == null ? null : p.hash.newDigest();
      long declared = p.entry.getSize();
      byte[] head = new byte[NativeFiles.HEADER_LENGTH];
      long count = 0;
      try (InputStream in = entryStream(p.entry)) {
        InputStreamStatistics stats = in instanceof InputStreamStatistics s ? s : null;
        int n;
        while ((n = read(in, buffer, entry)) > 0) {
          if (count < head.length) {
            System.arraycopy(buffer, 0, head, (int) count, (int) Math.min(n, head.length - count));
          }
          count += n;
          total[0] += n;
          if (declared >= 0 && count > declared) {
            throw new WheelException(
                name,
                entry,
                "inflates to more than the "
                    + declared
                    + " bytes its zip header declares; the archive is corrupt or hostile (a zip"
                    + " bomb)"
                    + EntryNames.FIX);
          }
          if (count > limits.maxEntryBytes()) {
            throw tooLarge(entry, count);
          }
          if (total[0] > limits.maxTotalBytes()) {
            throw WheelException.overLimit(
                name,
                entry,
                "the wheel inflates to more than the limit of "
                    + limits.maxTotalBytes()
                    + " bytes in total; if the wheel is genuine, raise the "
                    + WheelLimits.Limit.TOTAL_BYTES.description(),
                WheelLimits.Limit.TOTAL_BYTES);
          }
          long compressed =
              stats != null ? stats.getCompressedCount() : p.entry.getCompressedSize();
          if (count > limits.ratioGraceBytes()
              && count > (double) limits.maxCompressionRatio() * Math.max(compressed, 1)) {
            throw WheelException.overLimit(
                name,
                entry,
                "inflates more than "
                    + limits.maxCompressionRatio()
                    + " times its compressed size, the signature of a zip bomb; if the wheel is"
                    + " genuine, raise the "
                    + WheelLimits.Limit.COMPRESSION_RATIO.description(),
                WheelLimits.Limit.COMPRESSION_RATIO);
          }
          if (digest != null) {
            digest.update(buffer, 0, n);
          }
          out.write(buffer, 0, n);
        }
      }
      if (declared >= 0 && count != declared) {
        throw new WheelException(
            name,
            entry,
            "inflates to "
                + count
                + " bytes but its zip header declares "
                + declared
                + "; the archive is corrupt: download the wheel again");
      }
      if (digest == null) {
        return;
      }
      if (count != p.recordSize) {
        throw new WheelException(
            name,
            entry,
            "is "
                + count
                + " bytes but RECORD says "
                + p.recordSize
                + "; the file was changed after the wheel was built, or the download is corrupt:"
                + " download or rebuild the wheel");
      }
      if (!p.hash.matches(digest.digest())) {
        throw new WheelException(
            name,
            entry,
            p.hash.algorithm()
                + " hash does not match RECORD; the file was changed after the wheel was built,"
                + " or the download is corrupt: download or rebuild the wheel");
      }
      if (p.moduleName.isPresent()) {
        NativeFiles.checkHeader(
            name, entry, Arrays.copyOf(head, (int) Math.min(count, head.length)), rt);
      }
    }

    /** Opens an entry; a broken local header is the archive's fault, not an I/O failure. */
    private InputStream entryStream(ZipArchiveEntry e) throws WheelException {
      try {
        return zip.getInputStream(e);
      } catch (IOException ex) {
        throw corrupt(e.getName(), ex);
      }
    }

    private int read(InputStream in, byte[] buffer, String entry) throws WheelException {
      try {
        return in.read(buffer);
      } catch (IOException e) {
        throw corrupt(entry, e);
      }
    }

    private WheelException corrupt(String entry, IOException e) {
      return new WheelException(
          name,
          entry,
          "cannot be inflated (" + e.getMessage() + "); the archive is corrupt: download it again",
          e);
    }

    private WheelException tooLarge(String entry, long bytes) {
      return WheelException.overLimit(
          name,
          entry,
          "is "
              + bytes
              + " bytes or more, over the limit of "
              + limits.maxEntryBytes()
              + " bytes per file; if the wheel is genuine, raise the "
              + WheelLimits.Limit.ENTRY_BYTES.description(),
          WheelLimits.Limit.ENTRY_BYTES);
    }

    private static String join(Collection<WheelTag> tags) {
      return tags.stream().map(WheelTag::toString).collect(Collectors.joining(", "));
    }
  }
}
