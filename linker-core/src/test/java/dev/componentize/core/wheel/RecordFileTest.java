package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RecordFileTest {
  private static final String ENTRY = "demo-1.0.dist-info/RECORD";
  // sha256 of zero bytes, as every RECORD lists empty __init__.py files.
  private static final String EMPTY = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";
  private static final String REBUILD =
      "; the RECORD file is damaged: rebuild the wheel (python -m build --wheel)";

  private static RecordFile parse(String text) throws WheelException {
    return RecordFile.parse(text, "demo.whl", ENTRY);
  }

  private static String refusal(String text) {
    return assertThrows(WheelException.class, () -> parse(text)).getMessage();
  }

  @Test
  void readsRowsWithHashAndSizeAndTheUnhashedRecordRow() throws Exception {
    RecordFile r = parse("demo/__init__.py,sha256=" + EMPTY + ",0\n" + ENTRY + ",,\n");

    assertEquals(
        List.of(
            new RecordFile.Entry(
                "demo/__init__.py",
                Optional.of(new RecordFile.Hash("sha256", EMPTY)),
                OptionalLong.of(0)),
            new RecordFile.Entry(ENTRY, Optional.empty(), OptionalLong.empty())),
        r.entries());
  }

  @Test
  void hashEncodingMatchesWhatPythonToolsWrite() throws Exception {
    RecordFile.Hash h = parse("a,sha256=" + EMPTY + ",0\n").entries().get(0).hash().get();

    assertTrue(h.matches(h.newDigest().digest()));
    assertEquals(EMPTY, RecordFile.Hash.encode(h.newDigest().digest()));
  }

  @Test
  void readsQuotedFieldsWithCommasAndQuotesAndCrlfRows() throws Exception {
    RecordFile r =
        parse("\"demo/a,b \"\"c\"\".txt\",sha256=" + EMPTY + ",0\r\n" + ENTRY + ",,\r\n");

    assertEquals("demo/a,b \"c\".txt", r.entries().get(0).path());
    assertEquals(2, r.entries().size());
  }

  @Test
  void refusesWeakHashAlgorithms() {
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": row 1 uses hash algorithm 'md5'; wheels must use sha256, sha384 or sha512 (PEP"
            + " 427): rebuild the wheel with a current wheel/build tool",
        refusal("a,md5=1B2M2Y8AsgTpgAmY7PhCfg,0\n"));
  }

  @Test
  void refusesDigestThatIsNotUrlsafeBase64OfTheRightLength() {
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": row 1 digest 'abc' is not urlsafe base64 of a sha256 hash"
            + REBUILD,
        refusal("a,sha256=abc,0\n"));
    String standardBase64 = EMPTY.replace('-', '+').replace('_', '/');
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": row 1 digest '"
            + standardBase64
            + "' is not urlsafe base64 of a sha256 hash"
            + REBUILD,
        refusal("a,sha256=" + standardBase64 + ",0\n"));
  }

  @Test
  void refusesMalformedRows() {
    assertEquals(
        "demo.whl: " + ENTRY + ": row 1 has 2 fields, expected path,hash,size" + REBUILD,
        refusal("a,sha256=" + EMPTY + "\n"));
    assertEquals(
        "demo.whl: " + ENTRY + ": row 2 lists 'a' twice" + REBUILD,
        refusal("a,sha256=" + EMPTY + ",0\na,sha256=" + EMPTY + ",0\n"));
    assertEquals(
        "demo.whl: " + ENTRY + ": row 1 size '-1' is not a byte count" + REBUILD,
        refusal("a,sha256=" + EMPTY + ",-1\n"));
    assertEquals(
        "demo.whl: " + ENTRY + ": row 1 for 'a' has a hash or a size but not both" + REBUILD,
        refusal("a,sha256=" + EMPTY + ",\n"));
    assertEquals(
        "demo.whl: " + ENTRY + ": row 1 has an unclosed quote" + REBUILD, refusal("\"a,b,c\n"));
  }
}
