package dev.componentize.core.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.imports.ModuleIndex.Origin;
import dev.componentize.core.imports.ModuleIndex.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportClosureTest {
  @TempDir Path dir;

  private Path write(Map<String, String> files) throws Exception {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return dir;
  }

  private ImportClosure closure(Map<String, String> stdlib, Map<String, String> app)
      throws Exception {
    write(stdlib);
    write(app);
    ModuleIndex index =
        ModuleIndex.of(
            List.of(
                new Root(dir.resolve("lib"), "/python/lib/python3.13", Origin.STDLIB),
                new Root(dir.resolve("app"), "/sources/0", Origin.APP)));
    return new ImportClosure(index, Set.of("sys", "_decimal", "zlib"))
        .addAll(index.modules().stream().filter(m -> m.origin() == Origin.APP).toList());
  }

  @Test
  void followsFunctionLevelImportsTransitivelyThroughPackages() throws Exception {
    ImportClosure closure =
        closure(
            Map.of(
                "lib/fractions.py", "import decimal\n",
                "lib/decimal.py",
                    "try:\n    from _decimal import *\nexcept ImportError:\n"
                        + "    from _pydecimal import *\n",
                "lib/_pydecimal.py", "import huge\n",
                "lib/email/__init__.py", "",
                "lib/email/utils.py", "from email._parseaddr import quote\nimport socket\n",
                "lib/email/_parseaddr.py", "import time\n",
                "lib/socket.py", "",
                "lib/colorsys.py", ""),
            Map.of("app/app.py", "def f():\n    import fractions\n    import email.utils\n"));
    assertTrue(closure.contains("fractions"));
    assertTrue(closure.contains("decimal"));
    assertTrue(closure.contains("email"));
    assertTrue(closure.contains("email.utils"));
    assertTrue(closure.contains("email._parseaddr"));
    assertTrue(closure.contains("socket"));
    assertFalse(closure.contains("_pydecimal"), "a fallback for a built-in module");
    assertFalse(closure.contains("colorsys"));
    assertEquals(List.of("app", "email.utils"), closure.chain("email._parseaddr"));
  }

  @Test
  void relativeImportsResolveAgainstThePackage() throws Exception {
    ImportClosure closure =
        closure(
            Map.of(),
            Map.of(
                "app/pkg/__init__.py", "from . import words\n",
                "app/pkg/words.py", "from .sub.deep import thing\n",
                "app/pkg/sub/__init__.py", "",
                "app/pkg/sub/deep.py", "from .. import words\nfrom ..missing import x\n"));
    assertTrue(closure.contains("pkg.sub.deep"));
    assertEquals(1, closure.missing().size(), closure.missing()::toString);
    assertEquals("pkg.missing", closure.missing().get(0).module());
    assertEquals(2, closure.missing().get(0).line());
  }

  @Test
  void anImportFoundNowhereIsReportedWithFileAndLine() throws Exception {
    ImportClosure closure =
        closure(
            Map.of("lib/os.py", ""),
            Map.of(
                "app/app.py",
                "import os\nimport os.path\nimport sys\nimport zlib\n"
                    + "def f():\n    try:\n        import ujson\n    except ImportError:\n"
                    + "        pass\n"));
    assertEquals(1, closure.missing().size(), closure.missing()::toString);
    ImportClosure.Missing missing = closure.missing().get(0);
    assertEquals("ujson", missing.module());
    assertEquals(7, missing.line());
    assertTrue(
        missing
            .toString()
            .endsWith(
                "app.py:7: imports 'ujson', which is in no source"
                    + " directory, wheel or the standard library (fine if the import is optional)"),
        missing.toString());
  }

  @Test
  void aFileWithASyntaxErrorIsReportedNotFatal() throws Exception {
    ImportClosure closure =
        closure(
            Map.of(),
            Map.of("app/app.py", "import helper\n", "app/helper.py", "x = '''never closed\n"));
    assertTrue(closure.contains("helper"));
    assertEquals(1, closure.unscannable().size());
    assertTrue(
        closure
            .unscannable()
            .get(0)
            .toString()
            .endsWith(
                "helper.py:1: unterminated triple-quoted string (its imports are not followed)"));
  }

  @Test
  void encodingsAreAWholePackage() throws Exception {
    write(
        Map.of(
            "lib/encodings/__init__.py", "import codecs\n",
            "lib/encodings/idna.py", "import stringprep\n",
            "lib/encodings/punycode.py", "import codecs\n",
            "lib/codecs.py", "",
            "lib/stringprep.py", "",
            "app/app.py", "print('bücher'.encode('idna'))\n"));
    Path target = dir.resolve("out");
    RuntimeImports.Plan plan =
        RuntimeImports.prepare(
            StdlibMode.REACHABLE,
            true,
            List.of(
                new Root(dir.resolve("lib"), "/python/lib/python3.13", Origin.STDLIB),
                new Root(dir.resolve("app"), "/sources/0", Origin.APP)),
            Set.of(),
            target);
    List<String> names = EmbeddedArchive.names(target);
    assertTrue(
        names.containsAll(
            List.of(
                "encodings",
                "encodings.idna",
                "encodings.punycode",
                "stringprep",
                "codecs",
                "app")),
        names::toString);
    assertEquals(names.size(), plan.modules());
  }
}
