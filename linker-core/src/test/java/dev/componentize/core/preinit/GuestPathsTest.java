package dev.componentize.core.preinit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuestPathsTest {
  private final GuestPaths paths = new GuestPaths(directories());

  private static Map<String, Path> directories() {
    Map<String, Path> directories = new LinkedHashMap<>();
    directories.put("/python", Path.of("/opt/runtime/python"));
    directories.put("/sources/0", Path.of("/home/me/app/src/main/python"));
    directories.put("/sources/1", Path.of("/home/me/app/src/extra"));
    directories.put("/sources/10", Path.of("/home/me/app/src/tenth"));
    directories.put("/site-packages", Path.of("/home/me/app/target/componentize/site-packages"));
    return directories;
  }

  @Test
  void aTracebackNamesTheProjectFiles() {
    String traceback =
        "Traceback (most recent call last):\n"
            + "  File \"/sources/0/app.py\", line 3, in <module>\n"
            + "    import helper\n"
            + "  File \"/sources/1/helper.py\", line 1, in <module>\n"
            + "    raise ValueError('boom')\n"
            + "ValueError: boom";
    assertEquals(
        "Traceback (most recent call last):\n"
            + "  File \"/home/me/app/src/main/python/app.py\", line 3, in <module>\n"
            + "    import helper\n"
            + "  File \"/home/me/app/src/extra/helper.py\", line 1, in <module>\n"
            + "    raise ValueError('boom')\n"
            + "ValueError: boom",
        paths.toHost(traceback));
  }

  @Test
  void onlyWholeGuestDirectoriesAreReplaced() {
    assertEquals("/home/me/app/src/tenth/x.py", paths.toHost("/sources/10/x.py"));
    assertEquals("/sources/2/x.py", paths.toHost("/sources/2/x.py"));
    assertEquals("/sources/0x/a.py", paths.toHost("/sources/0x/a.py"));
    assertEquals("see /other/sources/0/a.py", paths.toHost("see /other/sources/0/a.py"));
    assertEquals(
        "No module named 'x' (searched /home/me/app/src/main/python)",
        paths.toHost("No module named 'x' (searched /sources/0)"));
    assertEquals(
        "'/home/me/app/target/componentize/site-packages/pkg/mod.py'",
        paths.toHost("'/site-packages/pkg/mod.py'"));
    assertEquals(
        "/opt/runtime/python/lib/python3.13/json/__init__.py: bad",
        paths.toHost("/python/lib/python3.13/json/__init__.py: bad"));
  }
}
