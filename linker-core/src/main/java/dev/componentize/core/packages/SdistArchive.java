package dev.componentize.core.packages;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a source distribution ({@code .tar.gz}, PEP 625; or a legacy {@code .zip}) into an empty
 * directory, treating it as hostile input: every entry must be a plain relative path under the one
 * top-level directory ({@code <name>-<version>/}); absolute paths, {@code ..}, links (symbolic or
 * hard), devices and FIFOs are refused, and the entry count and unpacked size are bounded, so
 * nothing is ever written outside the target. Tar is read as POSIX ustar with pax extended headers
 * ({@code path}, {@code size}) and GNU long names.
 */
public final class SdistArchive {
  /** The most entries one sdist may have. */
  static final int MAX_ENTRIES = 20_000;

  /** The most bytes one sdist may unpack to. */
  static final long MAX_UNPACKED_BYTES = 256L << 20;

  private static final int BLOCK = 512;

  private SdistArchive() {}

  /**
   * Unpacks {@code archive} into {@code target} (created; must not exist yet).
   *
   * @param key the package, for messages
   * @return the sdist's top-level directory inside {@code target}
   * @throws PackageException naming the file and the entry that is refused
   */
  public static Path unpack(String key, Path archive, Path target)
      throws PackageException, IOException {
    String name = archive.getFileName().toString();
    Files.createDirectories(target);
    Writer writer = new Writer(key, name, target.toAbsolutePath().normalize());
    String lower = name.toLowerCase(Locale.ROOT);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
      if (lower.endsWith(".zip")) {
        readZip(in, writer);
      } else if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
        readTar(new GZIPInputStream(in), writer);
      } else {
        throw writer.refused("not a .tar.gz or .zip source distribution");
      }
    } catch (ZipException | java.io.EOFException e) {
      throw writer.refused("the archive is damaged or truncated (" + e.getMessage() + ")");
    }
    if (writer.top == null) {
      throw writer.refused("the archive is empty");
    }
    return target.resolve(writer.top);
  }

  private static void readZip(InputStream in, Writer writer) throws PackageException, IOException {
    try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.isDirectory()) {
          writer.directory(e.getName());
        } else {
          // Zip's unix mode (symbolic links) is in the external attributes, which the streaming
          // reader does not expose; a link would be unpacked as a small file holding its target.
          writer.file(e.getName(), zip, Long.MAX_VALUE);
        }
      }
    }
  }

  private static void readTar(InputStream in, Writer writer) throws PackageException, IOException {
    byte[] header = new byte[BLOCK];
    String longName = null;
    Long paxSize = null;
    while (true) {
      if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
        throw writer.refused("the tar archive ends inside a header (truncated)");
      }
      if (allZero(header)) {
        return; // end-of-archive marker
      }
      if (!checksumMatches(header)) {
        throw writer.refused("a tar header's checksum does not match (damaged or not a tar)");
      }
      long size = paxSize != null ? paxSize : octal(header, 124, 12, writer);
      char type = (char) (header[156] == 0 ? '0' : header[156]);
      String name = longName != null ? longName : headerName(header);
      longName = null;
      paxSize = null;
      switch (type) {
        case 'x', 'g', 'L' -> {
          if (size > 1 << 20) {
            throw writer.refused("a tar extended header is larger than 1 MiB");
          }
          byte[] data = in.readNBytes((int) size);
          if (data.length < size) {
            throw writer.refused("the tar archive ends inside an extended header (truncated)");
          }
          skipPadding(in, size);
          if (type == 'L') {
            longName = cString(data, 0, data.length);
          } else if (type == 'x') {
            String[] pax = pax(data, writer);
            longName = pax[0];
            paxSize = pax[1] == null ? null : parseLong(pax[1], writer);
          }
        }
        case '0', '7' -> {
          writer.file(name, new Bounded(in, size), size);
          skipPadding(in, size);
        }
        case '5' -> writer.directory(name);
        case '1', '2' ->
            throw writer.refused(
                "entry '" + name + "' is a " + (type == '1' ? "hard" : "symbolic") + " link");
        default ->
            throw writer.refused("entry '" + name + "' is a special file (tar type " + type + ")");
      }
    }
  }

  private static String headerName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The {@code path} and {@code size} records of a pax extended header ("len key=value\n"). */
  private static String[] pax(byte[] data, Writer writer) throws PackageException {
    String[] out = new String[2];
    int i = 0;
    while (i < data.length) {
      int space = i;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int length = (int) parseLong(new String(data, i, space - i, StandardCharsets.UTF_8), writer);
      if (length <= 0 || i + length > data.length) {
        throw writer.refused("a pax extended header record is malformed");
      }
      String record = new String(data, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        String k = record.substring(0, eq);
        if (k.equals("path")) {
          out[0] = record.substring(eq + 1);
        } else if (k.equals("size")) {
          out[1] = record.substring(eq + 1);
        } else if (k.equals("linkpath")) {
          throw writer.refused("an entry is a link (pax linkpath)");
        }
      }
      i += length;
    }
    return out;
  }

  private static long parseLong(String s, Writer writer) throws PackageException {
    try {
      long v = Long.parseLong(s.strip());
      if (v < 0) {
        throw new NumberFormatException("negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw writer.refused("a tar number is malformed: '" + s + "'");
    }
  }

  private static long octal(byte[] h, int offset, int length, Writer writer)
      throws PackageException {
    if ((h[offset] & 0x80) != 0) {
      throw writer.refused("a tar size is in base-256 form (larger than 8 GiB)");
    }
    String s = cString(h, offset, length).strip();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw writer.refused("a tar header's size is not octal: '" + s + "'");
    }
  }

  private static boolean checksumMatches(byte[] h) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    }
    String stored = cString(h, 148, 8).strip();
    try {
      return !stored.isEmpty() && Long.parseLong(stored, 8) == sum;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
    if (in.readNBytes(pad).length < pad) {
      throw new java.io.EOFException("padding");
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cString(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** Writes the entries, checking each name and the totals. */
  private static final class Writer {
    final String key;
    final String archive;
    final Path target;
    final Set<String> seen = new HashSet<>();
    String top;
    int entries;
    long bytes;

    Writer(String key, String archive, Path target) {
      this.key = key;
      this.archive = archive;
      this.target = target;
    }

    PackageException refused(String why) {
      return new PackageException(
          key, null, "source distribution " + archive + " is refused: " + why);
    }

    /** The checked relative path of an entry. */
    Path place(String name) throws PackageException {
      if (++entries > MAX_ENTRIES) {
        throw refused("it has more than " + MAX_ENTRIES + " entries");
      }
      String n = name.replace('\\', '/');
      while (n.startsWith("./")) {
        n = n.substring(2);
      }
      if (n.endsWith("/")) {
        n = n.substring(0, n.length() - 1);
      }
      if (n.isEmpty()
          || n.startsWith("/")
          || n.contains(":")
          || n.contains("\0")
          || n.indexOf('\n') >= 0) {
        throw refused("entry '" + name + "' is not a plain relative path");
      }
      String[] parts = n.split("/");
      for (String part : parts) {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
          throw refused("entry '" + name + "' is not a plain relative path");
        }
      }
      if (top == null) {
        top = parts[0];
      } else if (!top.equals(parts[0])) {
        throw refused("entry '" + name + "' is outside the one top-level directory '" + top + "/'");
      }
      Path p = target.resolve(n).normalize();
      if (!p.startsWith(target)) {
        throw refused("entry '" + name + "' would be written outside the target");
      }
      return p;
    }

    void directory(String name) throws PackageException, IOException {
      Path p = place(name);
      if (Files.isRegularFile(p)) {
        throw refused("entry '" + name + "' is both a file and a directory");
      }
      Files.createDirectories(p);
    }

    void file(String name, InputStream in, long declared) throws PackageException, IOException {
      Path p = place(name);
      if (!seen.add(p.toString()) || Files.isDirectory(p)) {
        throw refused("entry '" + name + "' appears twice");
      }
      if (declared != Long.MAX_VALUE && bytes + declared > MAX_UNPACKED_BYTES) {
        throw refused("it unpacks to more than " + (MAX_UNPACKED_BYTES >> 20) + " MiB");
      }
      Files.createDirectories(p.getParent());
      try (var out = Files.newOutputStream(p)) {
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
          bytes += n;
          if (bytes > MAX_UNPACKED_BYTES) {
            throw refused("it unpacks to more than " + (MAX_UNPACKED_BYTES >> 20) + " MiB");
          }
          out.write(buffer, 0, n);
        }
      }
    }
  }

  /** The next {@code size} bytes of a stream, failing if it ends before. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;

    Bounded(InputStream in, long size) {
      this.in = in;
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new java.io.EOFException("the tar archive ends inside a file (truncated)");
      }
      left -= n;
      return n;
    }
  }
}
