package dev.componentize.core.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;

/**
 * Writes the archive the embedded finder reads at build time ({@code embedded.py}): {@code
 * index.txt} (one tab-separated line per entry: kind, name, flags, path, offset, length) and {@code
 * modules.bin} (each entry's bytes, zlib-compressed as CPython's {@code zlib.decompress} reads
 * them), plus the finder's own source as {@code embedded.py}.
 */
public final class EmbeddedArchive {
  /** The finder's source, a resource beside this class. */
  static final String FINDER = "embedded.py";

  /**
   * One entry.
   *
   * @param kind {@code c} code, {@code s} source, {@code n} namespace package, {@code x} extension,
   *     {@code d} dist-info file, {@code f} data file (see {@code embedded.py})
   * @param name module name, or the dist-info directory for {@code d}, empty for {@code f}
   * @param flags {@code p} package, {@code l} linecache, {@code k} compile at build time
   * @param path guest path (for {@code d}, the file inside the dist-info directory)
   * @param data the uncompressed bytes (empty for {@code n} and {@code x})
   */
  public record Entry(String kind, String name, String flags, String path, byte[] data) {
    public Entry {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(flags, "flags");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(data, "data");
      for (String field : List.of(name, path)) {
        if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
          throw new IllegalArgumentException(
              "a tab or line break in embedded name '" + field + "'");
        }
      }
    }
  }

  private EmbeddedArchive() {}

  /**
   * Writes {@code entries} into {@code directory} (created if needed).
   *
   * @return the size of {@code modules.bin}: the compressed bytes embedded
   */
  public static long write(Path directory, List<Entry> entries) throws IOException {
    Files.createDirectories(directory);
    StringBuilder index = new StringBuilder();
    long offset = 0;
    try (OutputStream blob = Files.newOutputStream(directory.resolve("modules.bin"))) {
      for (Entry entry : entries) {
        byte[] compressed = deflate(entry.data());
        blob.write(compressed);
        index
            .append(entry.kind())
            .append('\t')
            .append(entry.name())
            .append('\t')
            .append(entry.flags())
            .append('\t')
            .append(entry.path())
            .append('\t')
            .append(offset)
            .append('\t')
            .append(compressed.length)
            .append('\n');
        offset += compressed.length;
      }
    }
    Files.writeString(directory.resolve("index.txt"), index, StandardCharsets.UTF_8);
    try (var finder = EmbeddedArchive.class.getResourceAsStream(FINDER)) {
      if (finder == null) {
        throw new IllegalStateException(FINDER + " is missing from linker-core's resources");
      }
      Files.write(directory.resolve(FINDER), finder.readAllBytes());
    }
    return offset;
  }

  /**
   * zlib format (RFC 1950), zlib's default level: what {@code zlib.decompress} expects. The best
   * level took about 4x the CPU of an edited build's archive for 1% fewer bytes.
   */
  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      byte[] buffer = new byte[1 << 16];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** For tests: the names in an index written by {@link #write}. */
  static List<String> names(Path directory) throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(directory.resolve("index.txt"))) {
      names.add(line.split("\t", -1)[1]);
    }
    return names;
  }
}
