package dev.componentize.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeConfig;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin uses linker-core only through the packages its {@code module-info.java} exports
 * (docs/architecture.md, "The declared API"): every type of the core the plugin's sources name,
 * imported or written out in full, lies in one of them.
 */
class DeclaredApiTest {
  /** A type of the core named in Java source: its package is group 1. */
  private static final Pattern CORE_TYPE =
      Pattern.compile("\\b(dev\\.componentize\\.core(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]\\w*");

  @Test
  void thePluginUsesOnlyThePackagesTheCoreExports() throws Exception {
    Path core =
        Path.of(
            ComponentizeConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleReference module =
        ModuleFinder.of(core).findAll().stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no module descriptor in " + core));
    ModuleDescriptor descriptor = module.descriptor();
    assertEquals("dev.componentize.core", descriptor.name());
    Set<String> exported =
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(exported.contains("dev.componentize.core"), exported.toString());

    Path sources = Path.of(System.getProperty("basedir", ".")).resolve("src/main/java");
    List<String> outside = new ArrayList<>();
    int named = 0;
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = CORE_TYPE.matcher(Files.readString(file));
        while (m.find()) {
          named++;
          if (!exported.contains(m.group(1))) {
            outside.add(sources.relativize(file) + ": " + m.group());
          }
        }
      }
    }
    assertTrue(named > 0, "no type of the core found in " + sources);
    assertEquals(List.of(), outside, "types of packages linker-core does not export");
  }
}
