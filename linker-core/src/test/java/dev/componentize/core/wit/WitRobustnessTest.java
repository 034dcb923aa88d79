package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Damaged WIT (cut short, or with a character replaced) must fail with a located {@link
 * WitException}, never with another exception, and never hang.
 */
class WitRobustnessTest {

  private static void loadExpectingOnlyWitErrors(String text) {
    try {
      WitLoader.loadText(text, Set.of());
    } catch (WitException e) {
      assertTrue(e.line() >= 0 && e.column() >= 0, e.getMessage());
    } catch (RuntimeException e) {
      fail("unexpected " + e + " for input:\n" + text, e);
    }
  }

  @Test
  void everyPrefixOfARichFileFailsCleanlyOrLoads() throws Exception {
    String text = Files.readString(WitPrinterTest.golden("everything.wit"));
    for (int end = 0; end < text.length(); end++) {
      loadExpectingOnlyWitErrors(text.substring(0, end));
    }
  }

  @Test
  void randomSingleCharacterDamageFailsCleanlyOrLoads() throws Exception {
    String text = Files.readString(WitPrinterTest.golden("worlds.wit"));
    String replacements = "{}()<>;:,.=@/%_-*\"a1 \n";
    Random random = new Random(42);
    for (int i = 0; i < 1500; i++) {
      int at = random.nextInt(text.length());
      char c = replacements.charAt(random.nextInt(replacements.length()));
      loadExpectingOnlyWitErrors(text.substring(0, at) + c + text.substring(at + 1));
    }
  }
}
