package dev.componentize.core.wheel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a wheel says about itself, read and cross-checked but not yet unpacked.
 *
 * @param file the wheel file
 * @param distribution the distribution name as the {@code .dist-info} directory spells it
 * @param version the version as the {@code .dist-info} directory spells it
 * @param fileName the parsed file name, if the file name follows the wheel convention (a wheel
 *     taken from a Maven repository is named after its coordinates and may not)
 * @param distInfo the {@code {name}-{version}.dist-info} directory, without the trailing slash
 * @param metadata the WHEEL file
 * @param record the RECORD file
 * @param tags the tags that decide compatibility: the WHEEL file's {@code Tag} lines, or the file
 *     name's tags if the WHEEL file has none
 */
public record Wheel(
    Path file,
    String distribution,
    String version,
    Optional<WheelName> fileName,
    String distInfo,
    WheelMetadata metadata,
    RecordFile record,
    List<WheelTag> tags) {
  public Wheel {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(distInfo, "distInfo");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(record, "record");
    tags = List.copyOf(tags);
  }

  /** The {@code {name}-{version}.data} directory name, without the trailing slash. */
  public String dataDirectory() {
    return distInfo.substring(0, distInfo.length() - ".dist-info".length()) + ".data";
  }
}
