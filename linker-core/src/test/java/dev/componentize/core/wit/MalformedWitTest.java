package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file in {@code src/test/resources/wit/malformed/} starts with {@code // expect: line:column:
 * message}; loading it must fail with exactly that message, prefixed by the file's path ({@code
 * <file>} in the message stands for that path too).
 *
 * <p>The cases are listed from the source directory, not from {@code target/test-classes}: a case
 * deleted from the sources stays in {@code target} until {@code mvn clean}, and would still be run
 * (with an expectation that may no longer hold).
 */
class MalformedWitTest {
  private static final String EXPECT = "// expect: ";

  /** The corpus in the sources (surefire runs in the module's directory). */
  static final Path CORPUS = Path.of("src/test/resources/wit/malformed");

  static Stream<Path> malformedFiles() throws IOException {
    Path dir = CORPUS;
    assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " is missing");
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
