package dev.componentize.core.component;

import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported interface that {@code use}s a type of another exported interface: the type must come
 * out of the first export's instance, or the printed WIT repeats the record instead of saying
 * {@code use a.{r}}.
 */
class ExportsUseTest {
  private static final Path WIT = Path.of("src/test/resources/component/exports-use.wit");

  @TempDir Path work;

  @Test
  void secondExportUsesTheTypeOfTheFirst() throws Exception {
    Resolve resolve = WitLoader.load(WIT, Set.of());
    Path component = work.resolve("exports-use.wasm");
    Files.write(
        component,
        WorldEncoder.encode(
            WitWorlds.toWorldType(resolve, resolve.selectWorld(null)),
            ComponentChecks.resource("exports-use.wasm")));
    ComponentChecks.assertValid(component);
    ComponentChecks.assertWitRoundTrip(
        component,
        WIT,
        List.of("a", "b"),
        List.of("export test:x/a@0.1.0;", "export test:x/b@0.1.0;"));
  }
}
