package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WitPrinterTest {

  static Path features() throws URISyntaxException {
    return Path.of(WitPrinterTest.class.getResource("/wit/features").toURI());
  }

  @Test
  void printedWorldParsesBackToTheSameText() throws Exception {
    Resolve resolve = WitLoader.load(features(), Set.of("experimental"));
    String printed = WitPrinter.printWorld(resolve, resolve.selectWorld("app").id());
    System.out.println(printed);
    Resolve again = WitLoader.loadText(printed, Set.of("experimental"));
    assertEquals(printed, WitPrinter.printWorld(again, again.selectWorld("app").id()));
  }
}
