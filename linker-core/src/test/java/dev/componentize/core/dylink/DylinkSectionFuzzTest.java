package dev.componentize.core.dylink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmFormatException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the {@code dylink.0} reader on raw section contents, which reaches the
 * subsection decoders without first having to build a valid module around them. Any content must
 * decode or fail with a {@link WasmFormatException}; what decodes must re-encode to content that
 * decodes to an equal value (unknown subsections included), and that encoding is a fixed point. The
 * input itself need not come back byte for byte: its LEB128s may be padded.
 *
 * <p>Seeds and reproducers: {@code DylinkSectionFuzzTestInputs/dylinkSection/}.
 */
class DylinkSectionFuzzTest {

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void dylinkSection(byte[] content) {
    CustomSection section = new CustomSection(DylinkSection.NAME, Bytes.of(content));
    DylinkSection dylink;
    try {
      dylink = DylinkSection.read("fuzz.so", section, 0);
    } catch (WasmFormatException expected) {
      return;
    }
    CustomSection written = dylink.toCustomSection();
    DylinkSection again = DylinkSection.read("rewritten.so", written, 0);
    assertEquals(dylink, again, "dylink.0 does not decode to the same value after re-encoding");
    assertEquals(written, again.toCustomSection(), "dylink.0 encoding is not a fixed point");
    dylink.memInfo();
    dylink.needed();
    dylink.exportInfo();
    dylink.importInfo();
    dylink.runtimePath();
  }
}
