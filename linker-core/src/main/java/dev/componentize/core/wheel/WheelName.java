package dev.componentize.core.wheel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A wheel file name, as the binary distribution format specifies it (PEP 427, "File name
 * convention"): {@code {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform
 * tag}.whl}. Each of the three tag fields may be a compressed tag set, several tags joined by
 * {@code .} (PEP 425, "Compressed Tag Sets"), e.g. {@code cp313.cp312}.
 */
public record WheelName(
    String distribution,
    String version,
    Optional<String> build,
    List<String> pythonTags,
    List<String> abiTags,
    List<String> platformTags) {

  // PEP 427 escapes '-' in the name and version as '_', so a field never contains '-'; the
  // characters below are what the escaping leaves (letters, digits, '_', '.', and '+' for local
  // versions).
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.!+]+");
  // "The build tag must start with a digit" (PEP 427) so that it cannot be mistaken for a tag.
  private static final Pattern BUILD = Pattern.compile("[0-9][A-Za-z0-9_.]*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_]+");

  public WheelName {
    build = build == null ? Optional.empty() : build;
    pythonTags = List.copyOf(pythonTags);
    abiTags = List.copyOf(abiTags);
    platformTags = List.copyOf(platformTags);
  }

  /**
   * Parses a wheel file name (no directories).
   *
   * @throws WheelException naming the file if it does not follow the convention
   */
  public static WheelName parse(String fileName) throws WheelException {
    return tryParse(fileName)
        .orElseThrow(
            () ->
                new WheelException(
                    fileName,
                    null,
                    "not a wheel file name: expected"
                        + " {distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl, e.g."
                        + " fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl"));
  }

  /** Parses a wheel file name, or returns empty if it does not follow the convention. */
  public static Optional<WheelName> tryParse(String fileName) {
    if (!fileName.endsWith(".whl")) {
      return Optional.empty();
    }
    String[] parts = fileName.substring(0, fileName.length() - ".whl".length()).split("-", -1);
    if (parts.length != 5 && parts.length != 6) {
      return Optional.empty();
    }
    int t = parts.length - 3;
    Optional<String> build = parts.length == 6 ? Optional.of(parts[2]) : Optional.empty();
    if (!NAME.matcher(parts[0]).matches()
        || !VERSION.matcher(parts[1]).matches()
        || build.filter(b -> !BUILD.matcher(b).matches()).isPresent()) {
      return Optional.empty();
    }
    List<String> python = tagSet(parts[t]);
    List<String> abi = tagSet(parts[t + 1]);
    List<String> platform = tagSet(parts[t + 2]);
    if (python.isEmpty() || abi.isEmpty() || platform.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WheelName(parts[0], parts[1], build, python, abi, platform));
  }

  /** Every tag triple the name stands for: the cartesian product of the three tag sets. */
  public List<WheelTag> tags() {
    List<WheelTag> tags = new ArrayList<>();
    for (String python : pythonTags) {
      for (String abi : abiTags) {
        for (String platform : platformTags) {
          tags.add(new WheelTag(python, abi, platform));
        }
      }
    }
    return List.copyOf(tags);
  }

  /**
   * The distribution name normalized as the simple repository API does (PEP 503): lower case, every
   * run of {@code -}, {@code _} and {@code .} replaced by one {@code -}. Used to compare the file
   * name with the {@code .dist-info} directory, which tools spell differently.
   */
  public static String normalize(String distribution) {
    return distribution.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }

  private static List<String> tagSet(String field) {
    String[] tags = field.split("\\.", -1);
    for (String tag : tags) {
      if (!TAG.matcher(tag).matches()) {
        return List.of();
      }
    }
    return List.of(tags);
  }
}
