package dev.componentize.core.wheel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code .dist-info/RECORD} file: one CSV row per file of the wheel, {@code
 * path,algorithm=digest,size} (PEP 376 "RECORD", as PEP 427 restricts it). The digest is the
 * urlsafe base64 encoding of the raw hash with the {@code =} padding removed. RECORD itself has
 * empty hash and size fields, and so do the signature files RECORD.jws and RECORD.p7s when present.
 */
public record RecordFile(List<RecordFile.Entry> entries) {

  /**
   * Hash algorithms a RECORD may use. PEP 427 requires sha256 "or better" and forbids md5 and sha1,
   * which are breakable; the value is the JDK's name and the digest length in bytes.
   */
  private static final Map<String, Algorithm> ALGORITHMS =
      Map.of(
          "sha256", new Algorithm("SHA-256", 32),
          "sha384", new Algorithm("SHA-384", 48),
          "sha512", new Algorithm("SHA-512", 64));

  private record Algorithm(String jdkName, int length) {}

  private static final String REBUILD =
      "; the RECORD file is damaged: rebuild the wheel (python -m build --wheel)";

  /** One row: a file, and (except for RECORD and its signatures) its hash and size. */
  public record Entry(String path, Optional<Hash> hash, OptionalLong size) {
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(size, "size");
    }
  }

  /**
   * A file hash as RECORD writes it.
   *
   * @param algorithm the RECORD name of the algorithm, e.g. {@code sha256}
   * @param digest the urlsafe base64 digest without padding, as written in RECORD
   */
  public record Hash(String algorithm, String digest) {
    /** A new digester for this hash's algorithm. */
    public MessageDigest newDigest() {
      try {
        return MessageDigest.getInstance(ALGORITHMS.get(algorithm).jdkName());
      } catch (NoSuchAlgorithmException e) {
        // Every JDK must provide SHA-256, SHA-384 and SHA-512 (MessageDigest's Javadoc).
        throw new IllegalStateException(e);
      }
    }

    /** Whether a computed digest equals this one. */
    public boolean matches(byte[] computed) {
      return digest.equals(encode(computed));
    }

    /** The RECORD spelling of a raw digest: urlsafe base64 without padding. */
    public static String encode(byte[] computed) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(computed);
    }
  }

  public RecordFile {
    entries = List.copyOf(entries);
  }

  /**
   * Parses RECORD text.
   *
   * @param wheel the wheel's file name, for messages
   * @param entry the RECORD entry's name, for messages
   */
  public static RecordFile parse(String text, String wheel, String entry) throws WheelException {
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<List<String>> rows = Csv.rows(text, wheel, entry);
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      String where = "row " + (i + 1) + " ";
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue; // a blank line
      }
      if (row.size() != 3) {
        throw new WheelException(
            wheel,
            entry,
            where + "has " + row.size() + " fields, expected path,hash,size" + REBUILD);
      }
      String path = row.get(0);
      if (path.isEmpty()) {
        throw new WheelException(wheel, entry, where + "has an empty path" + REBUILD);
      }
      if (!seen.add(path)) {
        throw new WheelException(wheel, entry, where + "lists '" + path + "' twice" + REBUILD);
      }
      Optional<Hash> hash = parseHash(row.get(1), where, wheel, entry);
      OptionalLong size = parseSize(row.get(2), where, wheel, entry);
      if (hash.isPresent() != size.isPresent()) {
        throw new WheelException(
            wheel, entry, where + "for '" + path + "' has a hash or a size but not both" + REBUILD);
      }
      entries.add(new Entry(path, hash, size));
    }
    return new RecordFile(entries);
  }

  private static Optional<Hash> parseHash(String field, String where, String wheel, String entry)
      throws WheelException {
    if (field.isEmpty()) {
      return Optional.empty();
    }
    int eq = field.indexOf('=');
    if (eq <= 0) {
      throw new WheelException(
          wheel, entry, where + "hash '" + field + "' is not algorithm=digest" + REBUILD);
    }
    String name = field.substring(0, eq);
    String digest = field.substring(eq + 1);
    Algorithm algorithm = ALGORITHMS.get(name);
    if (algorithm == null) {
      throw new WheelException(
          wheel,
          entry,
          where
              + "uses hash algorithm '"
              + name
              + "'; wheels must use sha256, sha384 or sha512 (PEP 427): rebuild the wheel with a"
              + " current wheel/build tool");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(digest);
    } catch (IllegalArgumentException e) {
      raw = null;
    }
    if (raw == null || raw.length != algorithm.length() || !Hash.encode(raw).equals(digest)) {
      throw new WheelException(
          wheel,
          entry,
          where + "digest '" + digest + "' is not urlsafe base64 of a " + name + " hash" + REBUILD);
    }
    return Optional.of(new Hash(name, digest));
  }

  private static OptionalLong parseSize(String field, String where, String wheel, String entry)
      throws WheelException {
    if (field.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!field.matches("[0-9]{1,18}")) {
      throw new WheelException(
          wheel, entry, where + "size '" + field + "' is not a byte count" + REBUILD);
    }
    return OptionalLong.of(Long.parseLong(field));
  }

  /**
   * The CSV dialect Python's csv module writes by default, which is what wheel builders use: comma
   * separated, fields containing a comma, quote or line break enclosed in double quotes, a quote
   * inside doubled. Rows end with LF or CRLF.
   */
  private static final class Csv {
    private Csv() {}

    static List<List<String>> rows(String text, String wheel, String entry) throws WheelException {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean fieldStarted = false;
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            quoted = false;
          } else {
            field.append(c);
          }
          i++;
          continue;
        }
        switch (c) {
          case '"' -> {
            if (fieldStarted) {
              throw new WheelException(
                  wheel, entry, "row " + (rows.size() + 1) + " has a stray quote" + REBUILD);
            }
            quoted = true;
            fieldStarted = true;
          }
          case ',' -> {
            row.add(field.toString());
            field.setLength(0);
            fieldStarted = false;
          }
          case '\r', '\n' -> {
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
              i++;
            }
            row.add(field.toString());
            rows.add(List.copyOf(row));
            row.clear();
            field.setLength(0);
            fieldStarted = false;
          }
          default -> {
            field.append(c);
            fieldStarted = true;
          }
        }
        i++;
      }
      if (quoted) {
        throw new WheelException(
            wheel, entry, "row " + (rows.size() + 1) + " has an unclosed quote" + REBUILD);
      }
      if (fieldStarted || !row.isEmpty() || field.length() > 0) {
        row.add(field.toString());
        rows.add(List.copyOf(row));
      }
      return rows;
    }
  }
}
