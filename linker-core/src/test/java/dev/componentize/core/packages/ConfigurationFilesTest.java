package dev.componentize.core.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationFilesTest {
  @TempDir Path dir;

  @Test
  void pipsEnvironmentWinsOverItsConfigurationFiles() throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve(".config/pip"));
    Files.writeString(
        home.resolve(".config/pip/pip.conf"),
        "[global]\nindex_url = http://127.0.0.1:1/global/\nextra-index-url =\n"
            + "    http://127.0.0.1:1/a/\n    http://127.0.0.1:1/b/\n[install]\n"
            + "index-url = http://127.0.0.1:1/install/\n");
    PipConfiguration fromFile = PipConfiguration.read(Map.of(), home);
    assertEquals(Optional.of("http://127.0.0.1:1/install/"), fromFile.indexUrl());
    assertEquals(
        List.of("http://127.0.0.1:1/a/", "http://127.0.0.1:1/b/"), fromFile.extraIndexUrls());
    PipConfiguration fromEnv =
        PipConfiguration.read(Map.of("PIP_INDEX_URL", "http://127.0.0.1:1/env/"), home);
    assertEquals(Optional.of("http://127.0.0.1:1/env/"), fromEnv.indexUrl());
    assertEquals("PIP_INDEX_URL", fromEnv.source());
  }

  @Test
  void requirementsFilesReadTheCommonSubset() throws Exception {
    Files.writeString(dir.resolve("base.txt"), "# base\nsix>=1.5  # needed by dateutil\n");
    Files.writeString(
        dir.resolve("requirements.txt"),
        "-r base.txt\n\nattrs==24.2.0\npython-dateutil \\\n  >=2.9\n");
    List<Resolver.Root> roots =
        RequirementsFile.read(dir.resolve("requirements.txt"), p -> p.getFileName().toString());
    assertEquals(
        List.of(
            "six>=1.5 base.txt:2",
            "attrs==24.2.0 requirements.txt:3",
            "python-dateutil>=2.9 requirements.txt:4"),
        roots.stream().map(r -> r.requirement() + " " + r.origin()).toList());
  }

  @Test
  void requirementsFileOptionsAndLoopsAreRefusedWithTheLine() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "attrs\n--index-url http://127.0.0.1:1/\n");
    assertEquals(
        "a.txt:2: option '--index-url' is not supported here (only requirements, comments and -r);"
            + " set index URLs with <indexUrl>/<extraIndexUrls> in the pom",
        assertThrows(
                PackageException.class,
                () -> RequirementsFile.read(dir.resolve("a.txt"), p -> p.getFileName().toString()))
            .getMessage());
    Files.writeString(dir.resolve("b.txt"), "-r b.txt\n");
    assertEquals(
        "b.txt: includes itself (-r loop)",
        assertThrows(
                PackageException.class,
                () -> RequirementsFile.read(dir.resolve("b.txt"), p -> p.getFileName().toString()))
            .getMessage());
  }

  @Test
  void aLockFileThatDoesNotParseNamesTheLine() throws Exception {
    Path lock = dir.resolve("pylock.toml");
    Files.writeString(lock, "lock-version = \"1.0\"\n[[packages]]\nname = \"six\nversion = 1\n");
    assertEquals(
        lock + ": line 3: unterminated string",
        assertThrows(PackageException.class, () -> PyLock.read(lock)).getMessage());
  }

  @Test
  void aLockFileOfAnotherToolIsRead() throws Exception {
    Path lock = dir.resolve("pylock.toml");
    String sha = "a".repeat(64);
    Files.writeString(
        lock,
        "lock-version = '1.0'\ncreated-by = \"other\"\n\n[[packages]]\nname = \"six\"\n"
            + "version = \"1.17.0\"\nwheels = [\n  { name = \"six-1.17.0-py2.py3-none-any.whl\","
            + " url = \"http://127.0.0.1:1/six.whl\", upload-time = 2024-12-04T17:35:26Z,"
            + " size = 11050, hashes = { sha256 = \""
            + sha
            + "\" } },\n]\n");
    PyLock read = PyLock.read(lock);
    assertEquals("six", read.packages().get(0).name());
    assertEquals(sha, read.packages().get(0).wheels().get(0).sha256());
    assertEquals(List.of(), read.requirements());
  }
}
