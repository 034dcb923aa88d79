package dev.componentize.core.wheel;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Rules for archive entry names, applied before anything is written. A wheel entry name is a
 * relative path with {@code /} separators (zip APPNOTE 4.4.17.1: "All slashes MUST be forward
 * slashes"); anything else is either a broken archive or an attempt to write outside the target
 * directory ("zip slip"), so it is refused rather than repaired.
 */
final class EntryNames {
  private EntryNames() {}

  /**
   * Checks one entry name.
   *
   * @throws WheelException saying which rule the name breaks
   */
  static void check(String wheel, String name) throws WheelException {
    if (name.isEmpty()) {
      throw new WheelException(wheel, "(empty name)", "an archive entry has an empty name" + FIX);
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
        throw new WheelException(
            wheel, printable(name), "the name contains a control character" + FIX);
      }
    }
    if (name.indexOf('\\') >= 0) {
      throw new WheelException(
          wheel,
          name,
          "the name contains a backslash, which Windows tools read as a directory separator, so"
              + " the entry could land outside the target directory; wheel entry names use '/'"
              + " only"
              + FIX);
    }
    if (name.startsWith("/")) {
      throw new WheelException(
          wheel,
          name,
          "the name is an absolute path; entries must be relative to the wheel's root" + FIX);
    }
    if (name.length() >= 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':') {
      throw new WheelException(
          wheel,
          name,
          "the name starts with a drive letter, an absolute path on Windows; entries must be"
              + " relative to the wheel's root"
              + FIX);
    }
    if (name.indexOf(':') >= 0) {
      throw new WheelException(
          wheel,
          name,
          "the name contains ':', which Windows reads as a drive or an alternate data stream"
              + FIX);
    }
    String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        throw new WheelException(
            wheel,
            name,
            "the name contains '..', which would write outside the target directory (path"
                + " traversal)"
                + FIX);
      }
      if (segment.isEmpty() || segment.equals(".")) {
        throw new WheelException(
            wheel, name, "the name has an empty or '.' path segment; it is not canonical" + FIX);
      }
    }
  }

  /**
   * The key under which two names collide on a case-insensitive or normalising file system (macOS
   * and Windows by default): Unicode NFC, then lower case. Two entries with the same key would
   * overwrite each other there, and which one wins depends on the machine.
   */
  static String collisionKey(String path) {
    return Normalizer.normalize(path, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private static String printable(String name) {
    StringBuilder b = new StringBuilder();
    for (char c : name.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
    }
    return b.toString();
  }

  static final String FIX =
      ". The wheel is malformed or hostile: do not use it; get the wheel from its project's"
          + " release or rebuild it with a standard tool (python -m build --wheel)";
}
