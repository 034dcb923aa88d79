package dev.componentize.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeConfig;
import dev.componentize.core.Componentizer;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import dev.componentize.core.wit.World;
import dev.componentize.core.wit.WorldItem;
import dev.componentize.runtime.component.ComponentTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every world of the WASI 0.2.12 packages linker-core bundles builds as a component through the
 * production pipeline, with a trivial app that subclasses each exported interface, and wasm-tools
 * validates it and prints the world's imports and exports back. One component includes every world
 * (a build costs a minute or more on a loaded 2-core machine; linker-core's {@code WasiWorldsTest}
 * maps each world on its own in milliseconds). This covers each type form WASI uses: {@code use}
 * chains across interfaces, renamed uses ({@code error as io-error}), aliases of aliases ({@code
 * type field-name = field-key}) and resource aliases ({@code type headers = fields}).
 */
class WasiWorldsComponentTest {
  private static final Path BUILTIN =
      PipelineFixtures.MODULE.resolve(
          "../linker-core/src/main/resources/dev/componentize/core/wit/wasi/0.2.12");

  @TempDir static Path work;

  /** {@code wasi:<package>/<world>@0.2.12} of every world in the bundled package files. */
  static List<String> worlds() throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(BUILTIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".wit")).sorted().toList()) {
        Resolve resolve = WitLoader.load(file, Set.of());
        for (World world : resolve.worlds()) {
          if (world.pkg().equals(resolve.mainPackage())) {
            names.add(resolve.pkg(world.pkg()).name().qualify(world.name()));
          }
        }
      }
    }
    assertTrue(names.size() >= 9, "worlds found: " + names);
    return names;
  }

  @Test
  void aWorldIncludingEveryWasiWorldBuildsAndValidates() throws Exception {
    Path dir = work.resolve("all");
    Path wit = dir.resolve("wit/world.wit");
    Files.createDirectories(wit.getParent());
    StringBuilder text = new StringBuilder("package test:worlds;\n\nworld app {\n");
    for (String qualified : worlds()) {
      text.append("  include ").append(qualified).append(";\n");
    }
    Files.writeString(wit, text.append("}\n").toString());
    Path output = dir.resolve("app.wasm");
    Componentizer.componentize(
        ComponentizeConfig.builder()
            .wit(wit)
            .world("app")
            .pythonSources(List.of(PipelineFixtures.RESOURCES.resolve("wasi-worlds")))
            .runtimeBundle(PipelineFixtures.builtBundle())
            .output(output)
            .workDirectory(dir.resolve("work"))
            .build());
    Path wasmTools = ComponentTools.wasmTools();
    run(wasmTools.toString(), "validate", output.toString());
    String printed = run(wasmTools.toString(), "component", "wit", output.toString());
    Resolve resolve = WitLoader.load(wit, Set.of());
    World world = resolve.selectWorld("app");
    for (var entry : world.imports().entrySet()) {
      assertTrue(
          printed.contains("import " + name(resolve, entry) + ";"),
          entry.getKey() + "\n" + printed);
    }
    for (var entry : world.exports().entrySet()) {
      assertTrue(
          printed.contains("export " + name(resolve, entry) + ";"),
          entry.getKey() + "\n" + printed);
    }
    assertTrue(printed.contains("export wasi:http/incoming-handler@0.2.12;"), printed);
    assertTrue(printed.contains("export wasi:cli/run@0.2.12;"), printed);
  }

  private static String name(Resolve resolve, java.util.Map.Entry<String, WorldItem> entry) {
    if (entry.getValue() instanceof WorldItem.InterfaceItem i) {
      return resolve.interfaceName(i.id());
    }
    return entry.getKey();
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + text);
    return text;
  }
}
