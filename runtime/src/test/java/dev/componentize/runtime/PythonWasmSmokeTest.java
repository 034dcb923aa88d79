package dev.componentize.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs CPython's static {@code python.wasm} from the bundle once on Chicory (an interpreted run
 * takes seconds) and checks what it printed against values computed independently in Java.
 */
class PythonWasmSmokeTest {

  private static final String SCRIPT =
      String.join(
          "\n",
          "print(1+1)",
          "import json, hashlib, decimal, zlib, re, datetime, sys, importlib.machinery",
          "import xml.etree.ElementTree as ET",
          "def out(key, value): print(f'{key}={value}')",
          "out('json', json.dumps({'b': [1, 2.5, None], 'a': 'x'}, sort_keys=True))",
          "out('sha256', hashlib.sha256(b'componentize').hexdigest())",
          "out('md5', hashlib.md5(b'componentize').hexdigest())",
          "out('sha3', hashlib.sha3_256(b'componentize').hexdigest())",
          "out('decimal', decimal.Decimal(1) / decimal.Decimal(7))",
          "out('crc32', zlib.crc32(b'componentize'))",
          "out('zlib', zlib.decompress(zlib.compress(b'round trip' * 100)) == b'round trip' * 100)",
          "out('re', re.sub(r'(\\d+)', lambda m: str(int(m.group(1)) * 2), 'a1b22c333'))",
          "out('datetime', datetime.date(2024, 2, 28) + datetime.timedelta(days=2))",
          "out('pyexpat', ET.fromstring('<a><b>text</b></a>').find('b').text)",
          "out('suffixes', importlib.machinery.EXTENSION_SUFFIXES)",
          "import sqlite3",
          "db = sqlite3.connect(':memory:')",
          "db.execute('create table t (n integer)')",
          "db.executemany('insert into t values (?)', [(i,) for i in range(1, 11)])",
          "out('sqlite', db.execute('select sum(n), sqlite_version() from t').fetchone())",
          "out('version', sys.version.split()[0])");

  private static PythonWasm.Result result;
  private static Map<String, String> values;

  @BeforeAll
  static void runInterpreterOnce() {
    result = PythonWasm.runCode(RuntimeBundle.dir(), SCRIPT);
    values = new LinkedHashMap<>();
    for (String line : result.stdout().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
  }

  @Test
  void interpreterExitsCleanly() {
    assertEquals(0, result.exitCode(), () -> "stderr:\n" + result.stderr());
  }

  @Test
  void printsOnePlusOne() {
    assertTrue(result.stdout().startsWith("2\n"), () -> "stdout:\n" + result.stdout());
  }

  @Test
  void jsonSerializesWithSortedKeys() {
    assertEquals("{\"a\": \"x\", \"b\": [1, 2.5, null]}", values.get("json"));
  }

  @Test
  void hashlibDigestsMatchJava() throws Exception {
    byte[] input = "componentize".getBytes(StandardCharsets.US_ASCII);
    assertEquals(digest("SHA-256", input), values.get("sha256"));
    assertEquals(digest("MD5", input), values.get("md5"));
    assertEquals(digest("SHA3-256", input), values.get("sha3"));
  }

  @Test
  void decimalDividesToTwentyEightDigits() {
    // decimal's default context has 28 significant digits, rounding half-even.
    BigDecimal expected = BigDecimal.ONE.divide(BigDecimal.valueOf(7), MathContext.DECIMAL128);
    assertEquals(expected.round(new MathContext(28)).toPlainString(), values.get("decimal"));
  }

  @Test
  void zlibChecksumsAndRoundTrips() {
    CRC32 crc = new CRC32();
    crc.update("componentize".getBytes(StandardCharsets.US_ASCII));
    assertEquals(Long.toString(crc.getValue()), values.get("crc32"));
    assertEquals("True", values.get("zlib"));
  }

  @Test
  void regularExpressionsAndDatesWork() {
    assertEquals("a2b44c666", values.get("re"));
    assertEquals("2024-03-01", values.get("datetime"));
    assertEquals("text", values.get("pyexpat"));
  }

  @Test
  void sqliteRunsInMemoryQueries() {
    assertEquals("(55, '3.46.1')", values.get("sqlite"));
  }

  @Test
  void interpreterIsBuiltWithDynamicLoading() {
    // dynload_stub leaves EXTENSION_SUFFIXES empty; dynload_shlib lists the SOABI suffix first.
    assertEquals("['.cpython-313-wasm32-wasi.so', '.abi3.so', '.so']", values.get("suffixes"));
    assertEquals("3.13.15", values.get("version"));
  }

  private static String digest(String algorithm, byte[] input) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
  }
}
