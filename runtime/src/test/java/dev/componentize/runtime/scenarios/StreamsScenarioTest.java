package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 (resources/scenarios/streams, relay and complainer): {@code stream<T>}, {@code
 * future<T>} and {@code error-context} through the whole pipeline, run on wasmtime 49 with {@code
 * -W component-model-async=y -S p3=y}. The streams component is a WASI 0.3 command that reads stdin
 * as a {@code stream<u8>} and writes it upper-cased to stdout as a {@code stream<u8>}; it also
 * exports {@code scenarios:streams/shout}, whose async {@code upper} takes a {@code stream<u8>} and
 * returns one. The relay component imports that interface; composed with the streams component
 * ({@code wasm-tools compose}), its run passes its stdin stream to {@code upper} in the other
 * component and the stream it gets back to stdout, then awaits a future, writes and reads a {@code
 * stream<string>}/{@code stream<u32>} pair, a {@code future} and a {@code stream} without payload,
 * and passes error-contexts to and from a third component (complainer; wasmtime 49 needs {@code -W
 * component-model-error-context=y} for them).
 */
class StreamsScenarioTest {
  private static final List<String> WASMTIME_RUN =
      List.of("run", "-W", "component-model-async=y", "-S", "p3=y");

  @TempDir static Path work;
  static Path streams;

  @BeforeAll
  static void componentize() throws Exception {
    streams = Scenarios.componentize("streams", work, List.of());
  }

  @Test
  void aWasi03CommandStreamsStdinToStdout() throws Exception {
    Path input = work.resolve("hello.txt");
    Files.writeString(input, "hello, streams\n");
    Scenarios.Run run = run(streams, input);
    System.out.print(
        run.transcript(
            "echo 'hello, streams' | wasmtime run -W component-model-async=y -S p3=y"
                + " streams.wasm"));
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("HELLO, STREAMS\n", run.stdout(), run::describe);
  }

  @Test
  void aFewMegabytesStreamThroughInChunks() throws Exception {
    StringBuilder text = new StringBuilder();
    Random random = new Random(19);
    while (text.length() < 4 * 1024 * 1024) {
      text.append((char) ('a' + random.nextInt(26)));
      if (random.nextInt(60) == 0) {
        text.append('\n');
      }
    }
    Path input = work.resolve("big.txt");
    Files.writeString(input, text, StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    Scenarios.Run run = run(streams, input);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        "$ wasmtime run -W component-model-async=y -S p3=y streams.wasm < big.txt ("
            + text.length()
            + " bytes): exit "
            + run.exitCode()
            + ", "
            + run.stdout().length()
            + " bytes out in "
            + millis
            + " ms (wasmtime's compilation of the component included when not cached)");
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(
        run.stdout().equals(text.toString().toUpperCase(Locale.ROOT)),
        () -> "output differs from the upper-cased input; " + run.stderr());
  }

  @Test
  void anotherComponentCallsTheStreamExportsThroughTheirImports() throws Exception {
    Path relay = Scenarios.componentize("relay", work, List.of());
    Path complainer = Scenarios.componentize("complainer", work, List.of());
    Path composed = work.resolve("relay-composed.wasm");
    Scenarios.Run compose =
        Scenarios.run(
            List.of(
                Scenarios.wasmTools().toString(),
                "compose",
                relay.toString(),
                "-d",
                streams.toString(),
                "-d",
                complainer.toString(),
                "-o",
                composed.toString()),
            work,
            Map.of(),
            300);
    assertEquals(0, compose.exitCode(), compose::describe);
    Path input = work.resolve("relay.txt");
    Files.writeString(input, "through two components\n");
    // error-context is a feature of its own in wasmtime 49.
    Scenarios.Run run = run(composed, input, "-W", "component-model-error-context=y");
    System.out.print(
        run.transcript(
            "wasm-tools compose relay.wasm -d streams.wasm -d complainer.wasm -o"
                + " relay-composed.wasm\n"
                + "$ echo 'through two components' | wasmtime run -W component-model-async=y"
                + " -W component-model-error-context=y -S p3=y relay-composed.wasm"));
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(
        "THROUGH TWO COMPONENTS\n"
            + "doubled: 42\n"
            + "words per line: [3, 2, 0, 1]\n"
            + "ready: None\n"
            + "ticks: 3\n"
            + "error-context made here: the disk is on fire\n"
            + "error-context passed on: described here: the disk is on fire\n"
            + "error-context received: the fan is loud\n",
        run.stdout(),
        run::describe);
  }

  private static Scenarios.Run run(Path component, Path stdin, String... flags) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Scenarios.wasmtime().toString());
    command.addAll(WASMTIME_RUN);
    command.addAll(List.of(flags));
    command.add(component.toString());
    return Scenarios.run(command, work, Map.of("RUST_BACKTRACE", "0"), 600, stdin);
  }
}
