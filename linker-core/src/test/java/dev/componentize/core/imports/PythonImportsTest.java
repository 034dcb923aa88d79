package dev.componentize.core.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.componentize.core.imports.PythonImports.Import;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonImportsTest {
  private static List<String> modules(String source) throws Exception {
    return PythonImports.scan(source).stream()
        .map(i -> ".".repeat(i.level()) + i.module() + (i.names().isEmpty() ? "" : i.names()))
        .toList();
  }

  @Test
  void plainDottedAndAliasedImports() throws Exception {
    assertEquals(
        List.of("os", "a.b.c", "json", "x.y"),
        modules("import os\nimport a.b.c as abc, json\nimport x.y as z\n"));
  }

  @Test
  void fromImportsWithParenthesesAliasesAndStar() throws Exception {
    assertEquals(
        List.of("email[utils, parser]", "collections.abc[*]", "typing[List, Dict]"),
        modules(
            "from email import utils, parser as p\n"
                + "from collections.abc import *\n"
                + "from typing import (\n    List,\n    Dict as D,\n)\n"));
  }

  @Test
  void relativeImportsKeepTheirLevel() throws Exception {
    List<Import> imports =
        PythonImports.scan("from . import words\nfrom .. import x\nfrom ...pkg.mod import y\n");
    assertEquals(List.of(1, 2, 3), imports.stream().map(Import::level).toList());
    assertEquals(List.of("", "", "pkg.mod"), imports.stream().map(Import::module).toList());
    assertEquals(List.of("words"), imports.get(0).names());
  }

  @Test
  void importsInsideFunctionsAndUnderTryOrIfAreFound() throws Exception {
    String source =
        "def f():\n"
            + "    import fractions\n"
            + "    if x:\n"
            + "        from textwrap import wrap\n"
            + "try:\n"
            + "    import ujson as json\n"
            + "except ImportError:\n"
            + "    import json\n"
            + "if a: import b; import c\n";
    assertEquals(
        List.of("fractions", "textwrap[wrap]", "ujson", "json", "b", "c"), modules(source));
  }

  @Test
  void dynamicImportsWithStringLiteralsAreFound() throws Exception {
    String source =
        "m = __import__('colorsys')\n"
            + "import importlib\n"
            + "n = importlib.import_module(\"email.utils\")\n"
            + "o = import_module('.sibling', __package__)\n"
            + "p = importlib.import_module(name)\n"
            + "q = __import__(f'x{y}')\n";
    assertEquals(List.of("colorsys", "importlib", "email.utils", ".sibling"), modules(source));
    assertEquals(3, PythonImports.scan(source).get(2).line());
  }

  @Test
  void stringsCommentsAndNonStatementKeywordsAreNotImports() throws Exception {
    String source =
        "\"\"\"import nothing\nfrom here import no\"\"\"\n"
            + "# import commented\n"
            + "s = 'import quoted'\n"
            + "def g():\n"
            + "    yield from gen()\n"
            + "    raise E from cause\n"
            + "x = {'import': 1}\n";
    assertEquals(List.of(), modules(source));
  }

  @Test
  void mainGuardsTypeCheckingAndScriptOnlyFunctionsAreSkipped() throws Exception {
    String source =
        "import real\n"
            + "from typing import TYPE_CHECKING\n"
            + "if TYPE_CHECKING:\n"
            + "    import only_for_types\n"
            + "else:\n"
            + "    import at_run_time\n"
            + "def _test():\n"
            + "    import doctest\n"
            + "def used():\n"
            + "    import kept\n"
            + "used()\n"
            + "if __name__ == '__main__':\n"
            + "    import argparse\n"
            + "    _test()\n"
            + "    used()\n"
            + "import after\n";
    assertEquals(
        List.of("real", "typing[TYPE_CHECKING]", "at_run_time", "kept", "after"), modules(source));
  }

  @Test
  void fallbackImportsNameWhatTheTryBodyImports() throws Exception {
    List<Import> imports =
        PythonImports.scan(
            "try:\n"
                + "    from _decimal import *\n"
                + "except ImportError:\n"
                + "    from _pydecimal import *\n"
                + "try:\n"
                + "    import fast\n"
                + "except Exception:\n"
                + "    import other\n");
    assertEquals(List.of("_decimal"), imports.get(1).fallbackFor());
    assertEquals(List.of(), imports.get(3).fallbackFor());
  }

  @Test
  void anUnterminatedStringIsAScanExceptionWithItsLine() {
    PythonImports.ScanException e =
        assertThrows(
            PythonImports.ScanException.class,
            () -> PythonImports.scan("import os\n\nx = 'never closed\nimport json\n"));
    assertEquals(3, e.line());
    assertEquals("unterminated string literal", e.getMessage());
  }

  @Test
  void continuationLinesAndLineNumbers() throws Exception {
    List<Import> imports =
        PythonImports.scan("x = 1 + \\\n    2\nimport a\nfrom b import (c,\n    d)\nimport e\n");
    assertEquals(List.of(3, 4, 6), imports.stream().map(Import::line).toList());
  }
}
