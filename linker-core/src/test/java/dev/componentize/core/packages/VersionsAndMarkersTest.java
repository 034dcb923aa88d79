package dev.componentize.core.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wheel.TargetRuntime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionsAndMarkersTest {
  static final Map<String, String> ENV =
      TargetEnvironment.of(TargetRuntime.CPYTHON_3_13, "3.13.15");

  @Test
  void versionsOrderAsPep440Says() {
    List<String> ordered =
        List.of(
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.1.dev1",
            "1!0.1");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      Version a = Version.parse(ordered.get(i));
      Version b = Version.parse(ordered.get(i + 1));
      assertTrue(a.compareTo(b) < 0, a + " < " + b);
    }
    assertEquals(Version.parse("1.0"), Version.parse("1.0.0"));
    assertEquals("1.0rc1.post2.dev3", Version.parse("v1.0-c1-2.dev3").toString());
    assertEquals("2.0.post0", Version.parse("2.0-post").toString());
    assertTrue(Version.tryParse("not-a-version").isEmpty());
  }

  @Test
  void specifiersFollowPep440() {
    assertTrue(SpecifierSet.parse("~=2.2").contains(Version.parse("2.9"), false));
    assertFalse(SpecifierSet.parse("~=2.2").contains(Version.parse("3.0"), false));
    assertTrue(SpecifierSet.parse("~=1.4.5").contains(Version.parse("1.4.9"), false));
    assertFalse(SpecifierSet.parse("~=1.4.5").contains(Version.parse("1.5.0"), false));
    assertTrue(SpecifierSet.parse("==1.1.*").contains(Version.parse("1.1.post1"), false));
    assertFalse(SpecifierSet.parse("!=1.1.*").contains(Version.parse("1.1.3"), false));
    assertTrue(SpecifierSet.parse("==1.0").contains(Version.parse("1.0+local"), false));
    assertFalse(SpecifierSet.parse("<2.0").contains(Version.parse("2.0rc1"), true));
    assertFalse(SpecifierSet.parse(">1.7").contains(Version.parse("1.7.post1"), false));
    assertTrue(SpecifierSet.parse(">1.7.post2").contains(Version.parse("1.7.post3"), false));
    assertTrue(SpecifierSet.parse(">=1.0, <2").contains(Version.parse("1.5"), false));
    assertFalse(SpecifierSet.parse(">=1.0").contains(Version.parse("1.5a1"), false));
    assertTrue(SpecifierSet.parse(">=1.5a1").contains(Version.parse("1.5a1"), false));
    assertEquals(
        "'~=1': ~= needs at least two release numbers (e.g. ~=1.4)",
        assertThrows(IllegalArgumentException.class, () -> Specifier.parse("~=1")).getMessage());
  }

  @Test
  void markersAreEvaluatedForTheRuntime() {
    assertTrue(marker("sys_platform == 'wasi' and platform_machine == 'wasm32'"));
    assertTrue(marker("python_version >= '3.8' and python_version < '3.14'"));
    assertFalse(marker("python_version < '3.10'"));
    assertTrue(marker("os_name == 'posix' or sys_platform == 'win32'"));
    assertFalse(marker("platform_python_implementation == 'PyPy'"));
    assertTrue(marker("(implementation_name == 'cpython') and 'wasi' in sys_platform"));
    assertTrue(marker("'linux' not in sys_platform"));
    assertTrue(Marker.parse("extra == 'Socks_Proxy'").evaluate(ENV, Set.of("socks-proxy")));
    assertFalse(Marker.parse("extra == 'socks'").evaluate(ENV, Set.of()));
    assertEquals(
        "marker 'sys_platform = 'wasi'' at column 14: expected a comparison operator",
        assertThrows(IllegalArgumentException.class, () -> Marker.parse("sys_platform = 'wasi'"))
            .getMessage());
    assertEquals(
        "marker 'platform == 'x'' at column 1: 'platform' is not a marker variable",
        assertThrows(IllegalArgumentException.class, () -> Marker.parse("platform == 'x'"))
            .getMessage());
  }

  private static boolean marker(String m) {
    return Marker.parse(m).evaluate(ENV, Set.of());
  }

  @Test
  void requirementsParseAsPep508Says() {
    Requirement r =
        Requirement.parse("Requests[Socks, security] (>=2.8.1, ==2.8.*) ; python_version < '3.14'");
    assertEquals("requests", r.key());
    assertEquals(Set.of("socks", "security"), r.extras());
    assertEquals(">=2.8.1,==2.8.*", r.specifiers().toString());
    assertTrue(r.appliesTo(ENV, Set.of()));
    assertEquals(
        "'pip @ https://example.invalid/pip.whl': direct URL references (name @ url) are not"
            + " supported; name a version the package index has (e.g. pip==1.0)",
        assertThrows(
                IllegalArgumentException.class,
                () -> Requirement.parse("pip @ https://example.invalid/pip.whl"))
            .getMessage());
  }
}
