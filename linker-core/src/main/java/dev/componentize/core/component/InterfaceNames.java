package dev.componentize.core.component;

import java.util.Set;

/** Matching of versioned interface names. */
final class InterfaceNames {
  private InterfaceNames() {}

  /**
   * The import among {@code imports} that serves core import module {@code module}: the one of that
   * name, or else one with the same {@code ns:pkg/iface} whose version is semver-compatible and not
   * older (Explainer.md, "Import and Export Definitions": versions match along the semver
   * compatibility track, i.e. same major version, or same minor for 0.x). This is how a preview1
   * adapter built against {@code wasi:filesystem/preopens@0.2.6} works in a world of WASI 0.2.12.
   */
  static String servingImport(Set<String> imports, String module) {
    if (imports.contains(module)) {
      return module;
    }
    int at = module.indexOf('@');
    if (at < 0) {
      return module;
    }
    String base = module.substring(0, at + 1);
    int[] wanted = semver(module.substring(at + 1));
    for (String name : imports) {
      if (name.startsWith(base)) {
        int[] have = semver(name.substring(at + 1));
        if (wanted != null && have != null && compatible(wanted, have)) {
          return name;
        }
      }
    }
    return module;
  }

  private static boolean compatible(int[] wanted, int[] have) {
    if (wanted[0] != have[0] || (wanted[0] == 0 && wanted[1] != have[1])) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      if (have[i] != wanted[i]) {
        return have[i] > wanted[i];
      }
    }
    return true;
  }

  private static int[] semver(String version) {
    String[] parts = version.split("[-+]", 2)[0].split("\\.");
    if (parts.length != 3) {
      return null;
    }
    try {
      return new int[] {
        Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
