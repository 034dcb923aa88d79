package dev.componentize.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindingsWriterTest {
  @TempDir Path dir;

  @Test
  void writesEveryFile() throws Exception {
    BindingsWriter.Outcome outcome =
        BindingsWriter.write(
            dir,
            Map.of(
                "wit_world/__init__.py", "x = 1\n",
                "wit_world/py.typed", "",
                "_componentize.pyi", "def f() -> None: ...\n"));
    assertEquals(new BindingsWriter.Outcome(3, 3, 0), outcome);
    assertEquals("x = 1\n", Files.readString(dir.resolve("wit_world/__init__.py")));
    assertTrue(Files.isRegularFile(dir.resolve("wit_world/py.typed")));
  }

  @Test
  void unchangedFilesAreNotRewritten() throws Exception {
    Map<String, String> files = Map.of("wit_world/__init__.py", "x = 1\n");
    BindingsWriter.write(dir, files);
    Path file = dir.resolve("wit_world/__init__.py");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, old);
    assertEquals(new BindingsWriter.Outcome(1, 0, 0), BindingsWriter.write(dir, files));
    assertEquals(old, Files.getLastModifiedTime(file));
    assertEquals(
        new BindingsWriter.Outcome(1, 1, 0),
        BindingsWriter.write(dir, Map.of("wit_world/__init__.py", "x = 2\n")));
    assertEquals("x = 2\n", Files.readString(file));
  }

  @Test
  void staleFilesGoFromThePackageOnly() throws Exception {
    BindingsWriter.write(
        dir,
        Map.of(
            "wit_world/__init__.py", "",
            "wit_world/imports/logging.py", "old interface\n"));
    Files.writeString(dir.resolve("user_module.py"), "not ours\n");
    BindingsWriter.Outcome outcome = BindingsWriter.write(dir, Map.of("wit_world/__init__.py", ""));
    assertEquals(new BindingsWriter.Outcome(1, 0, 1), outcome);
    assertFalse(Files.exists(dir.resolve("wit_world/imports")), "empty directory removed");
    assertTrue(Files.isRegularFile(dir.resolve("user_module.py")), "outside wit_world/ kept");
  }
}
