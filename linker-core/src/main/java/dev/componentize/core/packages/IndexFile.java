package dev.componentize.core.packages;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file of a project as an index lists it (PEP 503 anchor, PEP 691 {@code files} entry).
 *
 * @param filename the file's name, as the index gives it (checked before it names a cache entry)
 * @param url the absolute URL to fetch it from, without fragment
 * @param hashes hash name to lower-case hex digest ({@code sha256} is the one we require)
 * @param requiresPython the {@code Requires-Python} specifiers the index repeats, if any
 * @param yanked whether the file is yanked (PEP 592)
 * @param coreMetadata whether the index serves the file's METADATA at {@code url + ".metadata"}
 *     (PEP 658/714)
 * @param coreMetadataHashes the hashes of that METADATA, when given
 * @param size the size in bytes, when the index says (PEP 700)
 * @param index the index page that listed the file
 */
public record IndexFile(
    String filename,
    URI url,
    Map<String, String> hashes,
    Optional<String> requiresPython,
    boolean yanked,
    boolean coreMetadata,
    Map<String, String> coreMetadataHashes,
    OptionalLong size,
    URI index) {

  public IndexFile {
    hashes = Map.copyOf(hashes);
    coreMetadataHashes = Map.copyOf(coreMetadataHashes);
  }

  /** The sha256 digest, if the index gives one. */
  public Optional<String> sha256() {
    return Optional.ofNullable(hashes.get("sha256"));
  }

  /** Whether the file is a wheel. */
  public boolean isWheel() {
    return filename.endsWith(".whl");
  }

  /** Whether the file is a source distribution (PEP 625 {@code .tar.gz}, or a legacy zip). */
  public boolean isSdist() {
    return filename.endsWith(".tar.gz") || filename.endsWith(".zip") || filename.endsWith(".tgz");
  }
}
