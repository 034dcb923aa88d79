package dev.componentize.core.wheel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelConflictsTest {
  @TempDir Path dir;

  private UnpackedWheel unpack(TestWheel wheel) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Path file = wheel.write(in);
    Path target = dir.resolve("site").resolve(file.getFileName().toString());
    return WheelFile.unpack(file, target, TargetRuntime.CPYTHON_3_13, WheelLimits.DEFAULTS);
  }

  @Test
  void acceptsWheelsThatShareOnlyANamespacePackageDirectory() throws Exception {
    UnpackedWheel a = unpack(TestWheel.pure("a", "1.0").text("ns/a.py", "A = 1\n"));
    UnpackedWheel b = unpack(TestWheel.pure("b", "1.0").text("ns/b.py", "B = 1\n"));

    assertDoesNotThrow(() -> WheelConflicts.check(List.of(a, b)));
  }

  @Test
  void refusesTwoWheelsInstallingTheSameFile() throws Exception {
    UnpackedWheel a = unpack(TestWheel.pure("a", "1.0").text("util.py", "A = 1\n"));
    UnpackedWheel b = unpack(TestWheel.pure("b", "2.0").text("Util.py", "B = 1\n"));

    WheelException e =
        assertThrows(WheelException.class, () -> WheelConflicts.check(List.of(a, b)));

    assertEquals(
        "b-2.0-py3-none-any.whl: Util.py: is also installed by a-1.0-py3-none-any.whl; on the"
            + " Python path one would hide the other: keep only one of the two wheels",
        e.getMessage());
  }

  @Test
  void refusesTwoWheelsInstallingTheSameExtensionModule() throws Exception {
    String so = "fast/_core.cpython-313-wasm32-wasi.so";
    UnpackedWheel a = unpack(TestWheel.pure("a", "1.0").file(so, TestWheel.WASM_MODULE));
    UnpackedWheel b = unpack(TestWheel.pure("b", "1.0").file(so, TestWheel.WASM_MODULE));

    WheelException e =
        assertThrows(WheelException.class, () -> WheelConflicts.check(List.of(a, b)));

    assertEquals(
        "b-1.0-py3-none-any.whl: "
            + so
            + ": is also installed by a-1.0-py3-none-any.whl; on the Python path one would hide"
            + " the other: keep only one of the two wheels",
        e.getMessage());
  }

  @Test
  void refusesTwoVersionsOfOneDistribution() throws Exception {
    UnpackedWheel old = unpack(TestWheel.pure("my_pkg", "1.0"));
    UnpackedWheel current = unpack(TestWheel.pure("My.Pkg", "2.0"));

    WheelException e =
        assertThrows(WheelException.class, () -> WheelConflicts.check(List.of(old, current)));

    assertEquals(
        "My.Pkg-2.0-py3-none-any.whl: distribution My.Pkg 2.0 is already provided by"
            + " my_pkg-1.0-py3-none-any.whl (version 1.0): declare only one version of each"
            + " distribution",
        e.getMessage());
  }
}
