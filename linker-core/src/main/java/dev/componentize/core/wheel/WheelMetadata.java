package dev.componentize.core.wheel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .dist-info/WHEEL} file: "Key: value" lines in the style of an e-mail header (PEP 427,
 * "The .dist-info directory"). We use {@code Wheel-Version}, {@code Root-Is-Purelib} and the {@code
 * Tag} lines; other keys ({@code Generator}, {@code Build}) are kept only where useful.
 *
 * @param wheelVersion the format version, e.g. {@code 1.0}
 * @param rootIsPurelib whether the archive root belongs to purelib (pure Python) or platlib; both
 *     map to the same site-packages directory in our runtime, but it says what the wheel claims
 * @param tags the {@code Tag} lines, one tag triple each
 * @param generator the tool that built the wheel, if it says
 */
public record WheelMetadata(
    String wheelVersion, boolean rootIsPurelib, List<WheelTag> tags, Optional<String> generator) {

  /** The major version of the format we implement; PEP 427 says to refuse a greater one. */
  public static final int SUPPORTED_MAJOR_VERSION = 1;

  private static final Pattern LINE = Pattern.compile("([A-Za-z0-9-]+):[ \\t]*(.*?)[ \\t]*");
  private static final Pattern VERSION = Pattern.compile("([0-9]+)\\.([0-9]+)");

  private static final String REBUILD =
      "; the WHEEL file is damaged: rebuild the wheel (python -m build --wheel)";

  public WheelMetadata {
    tags = List.copyOf(tags);
  }

  /**
   * Parses the text of a WHEEL file.
   *
   * @param wheel the wheel's file name, for messages
   * @param entry the WHEEL entry's name, for messages
   */
  public static WheelMetadata parse(String text, String wheel, String entry) throws WheelException {
    String version = null;
    Boolean purelib = null;
    String generator = null;
    List<WheelTag> tags = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        // An empty line ends the header block; what follows would be a message body, which
        // WHEEL files do not have.
        break;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        continue; // a folded continuation line: no key we read is ever folded
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new WheelException(
            wheel, entry, "line " + (i + 1) + " is not 'Key: value': '" + line + "'" + REBUILD);
      }
      String value = m.group(2);
      switch (m.group(1).toLowerCase(Locale.ROOT)) {
        case "wheel-version" -> version = value;
        case "root-is-purelib" -> purelib = parseBoolean(value, wheel, entry);
        case "generator" -> generator = value;
        case "tag" -> tags.add(parseTag(value, wheel, entry));
        default -> {
          // Unknown keys are allowed: later minor versions of the format may add some.
        }
      }
    }
    if (version == null) {
      throw new WheelException(wheel, entry, "has no Wheel-Version line" + REBUILD);
    }
    Matcher v = VERSION.matcher(version);
    if (!v.matches()) {
      throw new WheelException(wheel, entry, "Wheel-Version '" + version + "' is not N.N");
    }
    if (Integer.parseInt(v.group(1)) != SUPPORTED_MAJOR_VERSION) {
      throw new WheelException(
          wheel,
          entry,
          "Wheel-Version "
              + version
              + " is not supported (only "
              + SUPPORTED_MAJOR_VERSION
              + ".x is): build the wheel with a tool that writes wheel format 1.0");
    }
    if (purelib == null) {
      throw new WheelException(wheel, entry, "has no Root-Is-Purelib line" + REBUILD);
    }
    return new WheelMetadata(version, purelib, tags, Optional.ofNullable(generator));
  }

  private static boolean parseBoolean(String value, String wheel, String entry)
      throws WheelException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new WheelException(
              wheel, entry, "Root-Is-Purelib must be true or false, not '" + value + "'" + REBUILD);
    };
  }

  private static WheelTag parseTag(String value, String wheel, String entry) throws WheelException {
    String[] parts = value.split("-", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new WheelException(
          wheel, entry, "Tag '" + value + "' is not python-abi-platform" + REBUILD);
    }
    return new WheelTag(parts[0], parts[1], parts[2]);
  }
}
