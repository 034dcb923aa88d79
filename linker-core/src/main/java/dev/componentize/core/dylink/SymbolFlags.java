package dev.componentize.core.dylink;

import java.util.ArrayList;
import java.util.List;

/**
 * Symbol flag bits used by {@code dylink.0} export-info and import-info; the values are those of
 * the linking section's symbol table (tool-conventions Linking.md, "Symbol table subsection").
 */
public final class SymbolFlags {

  public static final int BINDING_WEAK = 0x1;
  public static final int BINDING_LOCAL = 0x2;
  public static final int VISIBILITY_HIDDEN = 0x4;
  public static final int UNDEFINED = 0x10;
  public static final int EXPORTED = 0x20;
  public static final int EXPLICIT_NAME = 0x40;
  public static final int NO_STRIP = 0x80;
  public static final int TLS = 0x100;
  public static final int ABSOLUTE = 0x200;

  private SymbolFlags() {}

  public static boolean isWeak(int flags) {
    return (flags & BINDING_WEAK) != 0;
  }

  public static boolean isTls(int flags) {
    return (flags & TLS) != 0;
  }

  /** The flags as names, e.g. {@code [weak, undefined]}, for messages. */
  public static List<String> describe(int flags) {
    List<String> names = new ArrayList<>();
    String[] labels = {
      "weak",
      "local",
      "hidden",
      null,
      "undefined",
      "exported",
      "explicit-name",
      "no-strip",
      "tls",
      "absolute"
    };
    int known = 0;
    for (int bit = 0; bit < labels.length; bit++) {
      if (labels[bit] != null && (flags & (1 << bit)) != 0) {
        names.add(labels[bit]);
        known |= 1 << bit;
      }
    }
    if ((flags & ~known) != 0) {
      names.add(String.format("0x%x", flags & ~known));
    }
    return names;
  }
}
