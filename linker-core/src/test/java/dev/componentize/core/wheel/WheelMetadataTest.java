package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WheelMetadataTest {
  private static final String ENTRY = "demo-1.0.dist-info/WHEEL";

  private static WheelMetadata parse(String text) throws WheelException {
    return WheelMetadata.parse(text, "demo.whl", ENTRY);
  }

  private static String refusal(String text) {
    return assertThrows(WheelException.class, () -> parse(text)).getMessage();
  }

  @Test
  void readsVersionPurelibGeneratorAndTags() throws Exception {
    WheelMetadata m =
        parse(
            "Wheel-Version: 1.0\r\nGenerator: bdist_wheel (0.45.1)\r\nRoot-Is-Purelib: false\r\n"
                + "Tag: cp313-cp313-wasi_0_0_0_wasm32\r\nTag: cp313-abi3-wasi_0_0_0_wasm32\r\n");

    assertEquals("1.0", m.wheelVersion());
    assertEquals(false, m.rootIsPurelib());
    assertEquals(Optional.of("bdist_wheel (0.45.1)"), m.generator());
    assertEquals(
        List.of(
            new WheelTag("cp313", "cp313", "wasi_0_0_0_wasm32"),
            new WheelTag("cp313", "abi3", "wasi_0_0_0_wasm32")),
        m.tags());
  }

  @Test
  void ignoresUnknownKeysAndAcceptsNewerMinorVersions() throws Exception {
    WheelMetadata m = parse("Wheel-Version: 1.9\nBuild: 3\nRoot-Is-Purelib: true\n");

    assertEquals("1.9", m.wheelVersion());
    assertTrue(m.rootIsPurelib());
    assertEquals(List.of(), m.tags());
  }

  @Test
  void refusesNewerMajorVersion() {
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": Wheel-Version 2.0 is not supported (only 1.x is): build the wheel with a tool"
            + " that writes wheel format 1.0",
        refusal("Wheel-Version: 2.0\nRoot-Is-Purelib: true\n"));
  }

  @Test
  void refusesMissingVersion() {
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": has no Wheel-Version line; the WHEEL file is damaged: rebuild the wheel (python"
            + " -m build --wheel)",
        refusal("Root-Is-Purelib: true\n"));
  }

  @Test
  void refusesMissingOrInvalidRootIsPurelib() {
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": has no Root-Is-Purelib line; the WHEEL file is damaged: rebuild the wheel"
            + " (python -m build --wheel)",
        refusal("Wheel-Version: 1.0\n"));
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": Root-Is-Purelib must be true or false, not 'yes'; the WHEEL file is damaged:"
            + " rebuild the wheel (python -m build --wheel)",
        refusal("Wheel-Version: 1.0\nRoot-Is-Purelib: yes\n"));
  }

  @Test
  void refusesMalformedTagAndLine() {
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": Tag 'py3-any' is not python-abi-platform; the WHEEL file is damaged: rebuild the"
            + " wheel (python -m build --wheel)",
        refusal("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-any\n"));
    assertEquals(
        "demo.whl: "
            + ENTRY
            + ": line 2 is not 'Key: value': 'garbage'; the WHEEL file is damaged: rebuild the"
            + " wheel (python -m build --wheel)",
        refusal("Wheel-Version: 1.0\ngarbage\n"));
  }
}
