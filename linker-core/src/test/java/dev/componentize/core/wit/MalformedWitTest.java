package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file in {@code wit/malformed/} starts with {@code // expect: line:column: message}; loading
 * it must fail with exactly that message, prefixed by the file's path ({@code <file>} in the
 * message stands for that path too).
 */
class MalformedWitTest {
  private static final String EXPECT = "// expect: ";

  static Stream<Path> malformedFiles() throws IOException, URISyntaxException {
    Path dir = Path.of(MalformedWitTest.class.getResource("/wit/malformed").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.sorted().toList();
      assertTrue(sorted.size() >= 30, "corpus of malformed files is missing");
      return sorted.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedFiles")
  void isRejectedWithTheExpectedLocatedMessage(Path file) throws IOException {
    String firstLine = Files.readAllLines(file).get(0);
    assertTrue(firstLine.startsWith(EXPECT), "first line must hold the expectation: " + file);
    String expected =
        file + ":" + firstLine.substring(EXPECT.length()).replace("<file>", file.toString());

    WitException e = assertThrows(WitException.class, () -> WitLoader.load(file, Set.of()));

    assertEquals(expected, e.getMessage());
    assertEquals(file, e.file());
  }
}
