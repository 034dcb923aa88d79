package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WheelNameTest {

  @Test
  void parsesNameVersionAndTags() throws Exception {
    WheelName name = WheelName.parse("fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl");

    assertEquals("fastmath", name.distribution());
    assertEquals("1.0", name.version());
    assertEquals(Optional.empty(), name.build());
    assertEquals(List.of(new WheelTag("cp313", "cp313", "wasi_0_0_0_wasm32")), name.tags());
  }

  @Test
  void parsesBuildTag() throws Exception {
    WheelName name = WheelName.parse("my_pkg-2.0.post1-1local-py3-none-any.whl");

    assertEquals("my_pkg", name.distribution());
    assertEquals("2.0.post1", name.version());
    assertEquals(Optional.of("1local"), name.build());
  }

  @Test
  void expandsCompressedTagSetsIntoEveryCombination() throws Exception {
    WheelName name = WheelName.parse("six-1.17.0-py2.py3-none-any.whl");

    assertEquals(
        List.of(new WheelTag("py2", "none", "any"), new WheelTag("py3", "none", "any")),
        name.tags());
    assertEquals(
        4, WheelName.parse("x-1-cp313.cp312-abi3-wasi_0_0_0_wasm32.wasm32_wasi.whl").tags().size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fastmath-1.0.whl",
        "fastmath-1.0-cp313-cp313.whl",
        "fastmath-1.0-x-y-cp313-cp313-any.whl",
        "fastmath-1.0-build-cp313-cp313-any.whl",
        "fastmath-1.0-cp313-cp313-any.zip",
        "fastmath-1.0-cp313..cp312-cp313-any.whl",
        "-1.0-py3-none-any.whl"
      })
  void refusesNamesThatBreakTheConvention(String fileName) {
    WheelException e = assertThrows(WheelException.class, () -> WheelName.parse(fileName));

    assertEquals(
        fileName
            + ": not a wheel file name: expected"
            + " {distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl, e.g."
            + " fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl",
        e.getMessage());
  }

  @Test
  void normalizesDistributionNamesAsTheSimpleRepositoryApiDoes() {
    assertEquals("zope-interface", WheelName.normalize("Zope.Interface"));
    assertEquals("my-pkg", WheelName.normalize("my__pkg"));
    assertEquals("my-pkg", WheelName.normalize("My-_.Pkg"));
  }
}
