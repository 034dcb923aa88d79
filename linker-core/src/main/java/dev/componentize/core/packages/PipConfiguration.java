package dev.componentize.core.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The index URLs pip itself would use, so a machine set up for pip needs no extra setting: the
 * environment ({@code PIP_INDEX_URL}, {@code PIP_EXTRA_INDEX_URL}) over the configuration files,
 * read in pip's order with later files winning (global {@code /etc/xdg/pip/pip.conf}, {@code
 * /etc/pip.conf}; user {@code ~/.pip/pip.conf}, {@code ~/.config/pip/pip.conf} (or {@code
 * $XDG_CONFIG_HOME/pip/pip.conf}); then {@code PIP_CONFIG_FILE}), the {@code [install]} section
 * over {@code [global]}.
 *
 * @param indexUrl the index URL, if configured
 * @param extraIndexUrls the extra index URLs
 * @param source where the index URL was found, for messages
 */
public record PipConfiguration(
    Optional<String> indexUrl, List<String> extraIndexUrls, String source) {

  public PipConfiguration {
    extraIndexUrls = List.copyOf(extraIndexUrls);
  }

  /** pip's configuration as seen from this environment and home directory. */
  public static PipConfiguration read(Map<String, String> env, Path home) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(Path.of("/etc/xdg/pip/pip.conf"));
    files.add(Path.of("/etc/pip.conf"));
    files.add(home.resolve(".pip/pip.conf"));
    String xdg = env.get("XDG_CONFIG_HOME");
    files.add(
        (xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg))
            .resolve("pip/pip.conf"));
    if (env.get("PIP_CONFIG_FILE") != null && !env.get("PIP_CONFIG_FILE").isBlank()) {
      files.add(Path.of(env.get("PIP_CONFIG_FILE")));
    }
    String index = null;
    String source = "";
    List<String> extra = List.of();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      Map<String, Map<String, String>> ini = ini(Files.readAllLines(f, StandardCharsets.UTF_8));
      for (String section : List.of("global", "install")) {
        Map<String, String> s = ini.getOrDefault(section, Map.of());
        if (s.containsKey("index-url")) {
          index = s.get("index-url");
          source = f + " [" + section + "] index-url";
        }
        if (s.containsKey("extra-index-url")) {
          extra = split(s.get("extra-index-url"));
        }
      }
    }
    if (env.get("PIP_INDEX_URL") != null && !env.get("PIP_INDEX_URL").isBlank()) {
      index = env.get("PIP_INDEX_URL").strip();
      source = "PIP_INDEX_URL";
    }
    if (env.get("PIP_EXTRA_INDEX_URL") != null && !env.get("PIP_EXTRA_INDEX_URL").isBlank()) {
      extra = split(env.get("PIP_EXTRA_INDEX_URL"));
    }
    return new PipConfiguration(Optional.ofNullable(index), extra, source);
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  /** INI as Python's configparser reads pip.conf: sections, key = value, indented continuations. */
  private static Map<String, Map<String, String>> ini(List<String> lines) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> section = null;
    String key = null;
    for (String raw : lines) {
      String line = raw.stripTrailing();
      if (line.isBlank() || line.strip().startsWith("#") || line.strip().startsWith(";")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && section != null && key != null) {
        section.put(key, section.get(key) + "\n" + line.strip());
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section =
            out.computeIfAbsent(
                line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT),
                k -> new LinkedHashMap<>());
        key = null;
        continue;
      }
      int eq = line.indexOf('=');
      int colon = line.indexOf(':');
      int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (section == null || sep <= 0) {
        continue;
      }
      // pip accepts both index-url and index_url (and --index-url's spelling).
      key = line.substring(0, sep).strip().toLowerCase(Locale.ROOT).replace('_', '-');
      section.put(key, line.substring(sep + 1).strip());
    }
    return out;
  }
}
