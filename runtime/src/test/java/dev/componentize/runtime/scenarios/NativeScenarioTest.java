package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.runtime.Fixtures;
import dev.componentize.runtime.TestWheels;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3 (issue 5): an app (resources/scenarios/native) that imports two native extension
 * modules from a wheel, {@code fastmath._square} and {@code fastmath._cube} (C, clang-19 against
 * the bundle's SDK; {@code _cube} calls a C function of {@code _square}), and the standard library
 * modules json, re, decimal, datetime, hashlib and zlib. The component runs under jco (transpile +
 * node) with no directories at all, and every answer equals what Java computes for the same input.
 */
class NativeScenarioTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] TEXT =
      "Grüße aus der Komponente! 0123456789 ".repeat(40).getBytes(StandardCharsets.UTF_8);

  @TempDir static Path work;
  static Path component;
  private static Path transpiled;

  @BeforeAll
  static void componentize() throws Exception {
    Path sdk = Scenarios.bundle().resolve("sdk");
    Path cc = Files.createDirectories(work.resolve("cc"));
    Fixtures fixtures = new Fixtures(sdk, cc);
    Path square = fixtures.extension("_square.cpython-313-wasm32-wasi.so", "square.c");
    Path cube = fixtures.extension("_cube.cpython-313-wasm32-wasi.so", "cube.c", square);
    Path wheel =
        TestWheels.build(
            work.resolve("fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl"),
            "fastmath",
            "1.0",
            "cp313-cp313-wasi_0_0_0_wasm32",
            List.of(
                new TestWheels.Entry(
                    "fastmath/__init__.py",
                    Files.readAllBytes(Fixtures.SOURCES.resolve("fastmath/__init__.py"))),
                new TestWheels.Entry(
                    "fastmath/_square.cpython-313-wasm32-wasi.so", Files.readAllBytes(square)),
                new TestWheels.Entry(
                    "fastmath/_cube.cpython-313-wasm32-wasi.so", Files.readAllBytes(cube))));
    component = Scenarios.componentize("native", work, List.of(wheel));
  }

  @Test
  void everyAnswerMatchesJava() throws Exception {
    List<String> calls = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    call(calls, expected, "square", String.valueOf(12345L * 12345L), "12345");
    call(calls, expected, "cube", String.valueOf(-77L * -77L * -77L), "-77");
    call(calls, expected, "hypotenuse", String.valueOf((long) Math.hypot(20, 21)), "20", "21");
    long sum = 3 - 14 + 159 + 2653 + 58979;
    call(calls, expected, "json-sum", String.valueOf(sum), quote("[3, -14, 159, 2653, 58979]"));
    call(
        calls,
        expected,
        "json-object",
        quote("{\"alpha\":1,\"mu\":-2,\"zeta\":3}"),
        "[\"zeta\", \"alpha\", \"mu\"]",
        "[3, 1, -2]");
    String text = "order 66 shipped 1977-05-25, invoice 4711 of 2025";
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile("\\d+").matcher(text);
    while (m.find()) {
      found.add(quote(m.group()));
    }
    call(
        calls,
        expected,
        "find-all",
        "[" + String.join(",", found) + "]",
        quote("\\d+"),
        quote(text));
    List<String> amounts = List.of("0.1", "0.2", "1234567890.123456789", "-0.3");
    BigDecimal total = BigDecimal.ZERO;
    List<String> quoted = new ArrayList<>();
    for (String a : amounts) {
      total = total.add(new BigDecimal(a));
      quoted.add(quote(a));
    }
    call(calls, expected, "decimal-sum", quote(total.toPlainString()), quoted.toString());
    LocalDate from = LocalDate.parse("1969-07-20");
    LocalDate to = LocalDate.parse("2026-11-21");
    call(
        calls,
        expected,
        "days-between",
        String.valueOf(ChronoUnit.DAYS.between(from, to)),
        quote(from.toString()),
        quote(to.toString()));
    call(
        calls,
        expected,
        "weekday",
        quote(to.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)),
        quote(to.toString()));
    String bytes = "{\"bytes\": \"" + HEX.formatHex(TEXT) + "\"}";
    for (String[] algorithm :
        List.of(
            new String[] {"sha256", "SHA-256"},
            new String[] {"md5", "MD5"},
            new String[] {"sha1", "SHA-1"},
            new String[] {"sha3_256", "SHA3-256"},
            new String[] {"sha512", "SHA-512"})) {
      String digest = HEX.formatHex(MessageDigest.getInstance(algorithm[1]).digest(TEXT));
      call(calls, expected, "digest", quote(digest), quote(algorithm[0]), bytes);
    }
    CRC32 crc = new CRC32();
    crc.update(TEXT);
    call(calls, expected, "crc32", String.valueOf(crc.getValue()), bytes);
    calls.add("[\"compress\", " + bytes + "]");

    Scenarios.Run run = callExports(calls, "native");
    List<String> lines = run.stdout().lines().toList();
    System.out.print(
        run.transcript("node native-check.mjs native calls.json")
            .replace(HEX.formatHex(TEXT), "<" + TEXT.length + " bytes>"));
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(expected, lines.subList(0, expected.size()), run::describe);
    // zlib: what Python compressed (the last call), Java's Inflater restores.
    String prefix = expected.size() + " compress = ";
    String last = lines.get(expected.size());
    assertTrue(last.startsWith(prefix), last);
    byte[] compressed = HEX.parseHex(last.substring(prefix.length()));
    assertTrue(compressed.length < TEXT.length / 4, "compressed to " + compressed.length);
    assertArrayEquals(TEXT, inflate(compressed));
  }

  /**
   * Transpiles the component into {@code work/<name>} and runs native-check.mjs on {@code calls}.
   */
  private static Scenarios.Run callExports(List<String> calls, String name) throws Exception {
    if (transpiled == null) {
      transpiled = Scenarios.transpile(component, work, "native");
    }
    Path callsFile = work.resolve(name + "-calls.json");
    Files.writeString(callsFile, "[\n" + String.join(",\n", calls) + "\n]\n");
    return Scenarios.run(
        List.of(
            Scenarios.node().toString(),
            Scenarios.RESOURCES.resolve("native/native-check.mjs").toString(),
            transpiled.toString(),
            callsFile.toString()),
        work,
        Map.of(),
        600);
  }

  @Test
  void theExtensionModulesAndTheStandardLibraryCameFromTheSnapshot() throws Exception {
    Scenarios.Run run = callExports(List.of("[\"provenance\"]"), "provenance");
    System.out.print(run.transcript("node native-check.mjs native provenance.json"));
    assertEquals(0, run.exitCode(), run::describe);
    String answer = run.stdout();
    assertTrue(
        answer.contains(
            "fastmath._square: /site-packages/fastmath/_square.cpython-313-wasm32-wasi.so (at"
                + " build time: True)"),
        answer);
    assertTrue(
        answer.contains(
            "fastmath._cube: /site-packages/fastmath/_cube.cpython-313-wasm32-wasi.so (at build"
                + " time: True)"),
        answer);
    assertTrue(
        answer.contains("json: /python/lib/python3.13/json/__init__.py (at build time: True)"),
        answer);
    assertTrue(answer.contains("zlib: built-in (at build time: True)"), answer);
  }

  /**
   * One call: export {@code name} with JSON {@code args}; {@code result} as the script prints it.
   */
  private static void call(
      List<String> calls, List<String> expected, String name, String result, String... args) {
    expected.add(calls.size() + " " + name + " = " + result);
    calls.add("[" + quote(name) + (args.length == 0 ? "" : ", " + String.join(", ", args)) + "]");
  }

  /** A JSON string literal. */
  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static byte[] inflate(byte[] compressed) throws Exception {
    Inflater inflater = new Inflater();
    inflater.setInput(compressed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!inflater.finished()) {
      int n = inflater.inflate(buffer);
      if (n == 0 && inflater.needsInput()) {
        break;
      }
      out.write(buffer, 0, n);
    }
    inflater.end();
    return out.toByteArray();
  }
}
