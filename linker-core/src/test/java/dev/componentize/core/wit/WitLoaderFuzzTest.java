package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the WIT lexer, parser and resolver through {@link WitLoader#loadText},
 * the in-memory entry point (built-in WASI packages resolvable, no {@code deps/}). Any text must
 * resolve or fail with a {@link WitException}; deep nesting must not overflow the stack. Every
 * world of a package that resolved is printed, and the printed text must load again and print
 * identically: the printer's output is what later stages consume.
 *
 * <p>Inputs are bytes decoded as UTF-8 (malformed sequences become U+FFFD, as a lenient editor
 * would show them); seeds and reproducers: {@code WitLoaderFuzzTestInputs/witText/}.
 */
class WitLoaderFuzzTest {

  private static final Set<String> FEATURES = Set.of("experimental");

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void witText(byte[] input) {
    Resolve resolve;
    try {
      resolve = WitLoader.loadText(new String(input, StandardCharsets.UTF_8), FEATURES);
    } catch (WitException expected) {
      return;
    }
    for (WorldId world : resolve.pkg(resolve.mainPackage()).worlds().values()) {
      String printed = WitPrinter.printWorld(resolve, world);
      Resolve again = WitLoader.loadText(printed, FEATURES);
      String name = resolve.world(world).name();
      assertEquals(
          printed,
          WitPrinter.printWorld(again, again.selectWorld(name).id()),
          "world '" + name + "' prints differently after a print-parse round trip");
    }
  }
}
