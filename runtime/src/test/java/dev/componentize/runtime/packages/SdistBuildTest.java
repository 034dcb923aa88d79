package dev.componentize.runtime.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.packages.IndexHttp;
import dev.componentize.core.packages.PackageCache;
import dev.componentize.core.packages.PackageException;
import dev.componentize.core.packages.PyLock;
import dev.componentize.core.packages.PythonPackages;
import dev.componentize.core.packages.Requirement;
import dev.componentize.core.packages.Resolver;
import dev.componentize.core.packages.TargetEnvironment;
import dev.componentize.core.sdist.GuestPython;
import dev.componentize.core.sdist.SdistBuilder;
import dev.componentize.core.wheel.TargetRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wheels built from real source distributions by their own PEP 517 backends (setuptools, flit_core)
 * on the runtime's CPython on Endive, against a package index on the loopback interface: pure
 * builds, the pure-Python fallback of a package whose C extension cannot be compiled, the message
 * for one that needs it, the build cache and the lock round trip.
 */
class SdistBuildTest {
  private static final Map<String, String> ENV =
      TargetEnvironment.of(TargetRuntime.CPYTHON_3_13, TargetRuntime.CPYTHON_3_13.version());
  private static final String SETUPTOOLS_BUILD =
      "[build-system]\nrequires = [\"setuptools>=70\"]\nbuild-backend = \"setuptools.build_meta\"\n";

  @TempDir static Path work;
  static SdistFixtures.Index index;
  static GuestPython python;
  static PackageCache cache;
  static final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void serve() throws Exception {
    Path wheels = SdistFixtures.backendWheels();
    index = new SdistFixtures.Index();
    index.addWheels(wheels);
    python = GuestPython.of(SdistFixtures.bundle());
    cache = new PackageCache(work.resolve("cache"));
    index.add(
        "flitdemo",
        "flitdemo-1.0.tar.gz",
        SdistFixtures.tarGz(
            "flitdemo-1.0",
            Map.of(
                "pyproject.toml",
                "[build-system]\nrequires = [\"flit_core>=3.2,<4\"]\n"
                    + "build-backend = \"flit_core.buildapi\"\n\n"
                    + "[project]\nname = \"flitdemo\"\nversion = \"1.0\"\n"
                    + "description = \"A flit project\"\n",
                "flitdemo/__init__.py",
                "VALUE = 42\n")));
    index.add(
        "puredemo",
        "puredemo-1.0.tar.gz",
        SdistFixtures.tarGz(
            "puredemo-1.0",
            Map.of(
                "pyproject.toml",
                SETUPTOOLS_BUILD
                    + "\n[project]\nname = \"puredemo\"\nversion = \"1.0\"\n\n"
                    + "[tool.setuptools]\npackages = [\"puredemo\"]\n",
                "puredemo/__init__.py",
                "def greet(name):\n    return 'hello ' + name\n")));
    index.add("speedy", "speedy-1.0.tar.gz", optionalExtension("speedy"));
    index.add("speedyc", "speedyc-1.0.tar.gz", optionalExtension("speedyc"));
    index.add(
        "needsc",
        "needsc-1.0.tar.gz",
        SdistFixtures.tarGz(
            "needsc-1.0",
            Map.of(
                "pyproject.toml",
                SETUPTOOLS_BUILD + "\n[project]\nname = \"needsc\"\nversion = \"1.0\"\n",
                "setup.py",
                "from setuptools import Extension, setup\n"
                    + "setup(ext_modules=[Extension('needsc._core', ['needsc/_core.c'])])\n",
                "needsc/_core.c",
                "#include <Python.h>\n")));
  }

  /**
   * An sdist whose setup.py builds a C extension and falls back to pure Python when it does not
   * compile, as MarkupSafe's does.
   */
  private static byte[] optionalExtension(String name) {
    return SdistFixtures.tarGz(
        name + "-1.0",
        Map.of(
            "pyproject.toml",
            SETUPTOOLS_BUILD
                + "\n[project]\nname = \""
                + name
                + "\"\nversion = \"1.0\"\n\n[tool.setuptools]\npackages = [\""
                + name
                + "\"]\n",
            "setup.py",
            "from setuptools import Extension, setup\n"
                + "from setuptools.command.build_ext import build_ext\n"
                + "from setuptools.errors import CCompilerError, ExecError, PlatformError\n"
                + "class BuildFailed(Exception):\n    pass\n"
                + "class optional_build_ext(build_ext):\n"
                + "    def build_extension(self, ext):\n"
                + "        try:\n            super().build_extension(ext)\n"
                + "        except (CCompilerError, ExecError, PlatformError) as e:\n"
                + "            raise BuildFailed() from e\n"
                + "try:\n"
                + "    setup(cmdclass={'build_ext': optional_build_ext},\n"
                + "          ext_modules=[Extension('"
                + name
                + "._speedups', ['"
                + name
                + "/_speedups.c'])])\n"
                + "except BuildFailed:\n    setup()\n",
            name + "/__init__.py",
            "try:\n    from ._speedups import double\nexcept ImportError:\n"
                + "    def double(x):\n        return 2 * x\n",
            name + "/_speedups.c",
            "#include <Python.h>\n"
                + "static PyObject *double_(PyObject *self, PyObject *arg) {\n"
                + "  long v = PyLong_AsLong(arg);\n"
                + "  if (v == -1 && PyErr_Occurred()) return NULL;\n"
                + "  return PyLong_FromLong(2 * v);\n}\n"
                + "static PyMethodDef methods[] = {{\"double\", double_, METH_O, NULL},"
                + " {NULL, NULL, 0, NULL}};\n"
                + "static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, \"_speedups\","
                + " NULL, -1, methods};\n"
                + "PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }\n"));
  }

  @AfterAll
  static void stop() {
    if (index != null) {
      index.close();
    }
  }

  private static IndexHttp online() {
    return new IndexHttp(null, false, Duration.ofSeconds(30));
  }

  private static SdistBuilder builder() {
    return new SdistBuilder(
        python,
        List.of(index.url()),
        online(),
        cache,
        TargetRuntime.CPYTHON_3_13,
        ENV,
        work.resolve("builds"),
        Duration.ofMinutes(30),
        log::add);
  }

  private static PyLock lock(String requirement) throws Exception {
    return PythonPackages.lock(
        List.of(new Resolver.Root(Requirement.parse(requirement), "<packages>")),
        List.of(index.url()),
        false,
        online(),
        cache,
        TargetRuntime.CPYTHON_3_13,
        ENV,
        builder());
  }

  private static List<String> entries(Path wheel) throws Exception {
    try (ZipFile zip = new ZipFile(wheel.toFile())) {
      return zip.stream().map(e -> e.getName()).sorted().toList();
    }
  }

  @Test
  void aFlitSdistBecomesAPureWheelAndIsLockedByItsSdist() throws Exception {
    PyLock lock = lock("flitdemo");
    PyLock.Package p = lock.packages().get(0);
    assertEquals("flitdemo", p.name());
    assertEquals(List.of(), p.wheels());
    assertEquals("flitdemo-1.0.tar.gz", p.sdist().orElseThrow().name());
    Path file = work.resolve("pylock.toml");
    lock.write(file);
    String text = Files.readString(file);
    assertTrue(text.contains("\n[packages.sdist]\nname = \"flitdemo-1.0.tar.gz\"\n"), text);
    PyLock read = PyLock.read(file);
    assertEquals(lock, read);

    int runs = log.size();
    var installed =
        PythonPackages.install(
            read,
            cache,
            new IndexHttp(null, true, Duration.ofSeconds(1)),
            TargetRuntime.CPYTHON_3_13,
            ENV,
            builder());
    assertEquals(1, installed.fromCache(), "the wheel built while locking is reused");
    assertEquals(0, installed.built());
    assertEquals(runs, log.size(), "nothing was built again: " + log);
    Path wheel = installed.wheels().get(0);
    assertEquals("flitdemo-1.0-py2.py3-none-any.whl", wheel.getFileName().toString());
    assertTrue(entries(wheel).contains("flitdemo/__init__.py"), entries(wheel).toString());
  }

  @Test
  void aSetuptoolsSdistBecomesAPureWheel() throws Exception {
    PyLock lock = lock("puredemo");
    var installed =
        PythonPackages.install(lock, cache, online(), TargetRuntime.CPYTHON_3_13, ENV, builder());
    Path wheel = installed.wheels().get(0);
    assertEquals("puredemo-1.0-py3-none-any.whl", wheel.getFileName().toString());
    assertTrue(entries(wheel).contains("puredemo/__init__.py"), entries(wheel).toString());
  }

  @Test
  void anOptionalCExtensionFallsBackToPurePython() throws Exception {
    PyLock lock = lock("speedy");
    Path wheel =
        PythonPackages.install(lock, cache, online(), TargetRuntime.CPYTHON_3_13, ENV, builder())
            .wheels()
            .get(0);
    assertEquals("speedy-1.0-py3-none-any.whl", wheel.getFileName().toString());
    assertTrue(
        log.stream().anyMatch(l -> l.contains("(without its C extension: the build fell back")),
        log.toString());
  }

  @Test
  void withNativeExtensionsTheSdkCompilesTheCExtensionOnTheHost() throws Exception {
    SdistBuilder nativeBuilder = builder().withNativeExtensions();
    PyLock lock =
        PythonPackages.lock(
            List.of(new Resolver.Root(Requirement.parse("speedyc"), "<packages>")),
            List.of(index.url()),
            false,
            online(),
            cache,
            TargetRuntime.CPYTHON_3_13,
            ENV,
            nativeBuilder);
    assertTrue(
        log.stream().noneMatch(l -> l.contains("cannot run on this machine")),
        "clang-19 is needed: " + log);
    Path wheel =
        PythonPackages.install(
                lock, cache, online(), TargetRuntime.CPYTHON_3_13, ENV, nativeBuilder)
            .wheels()
            .get(0);
    assertEquals("speedyc-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl", wheel.getFileName().toString());
    assertTrue(
        entries(wheel).contains("speedyc/_speedups.cpython-313-wasm32-wasi.so"),
        entries(wheel).toString());
    assertTrue(log.stream().anyMatch(l -> l.contains("(with its C extension: ")), log.toString());
  }

  @Test
  void aMandatoryCExtensionFailsSayingHowToProvideAWasiWheel() {
    PackageException e = assertThrows(PackageException.class, () -> lock("needsc"));
    String m = e.getMessage();
    assertTrue(
        m.startsWith(
            "package 'needsc' ("
                + index.url().resolve("/files/needsc-1.0.tar.gz")
                + "): its build needs a C compiler: it ran '"),
        m);
    assertTrue(
        m.contains(
            "', and the runtime's CPython inside the build cannot start processes. Provide a"
                + " wasm32-wasi wheel of it instead: build one against the runtime's SDK with mvn"
                + " componentize:wheel (docs/wheels.md, examples/native-extension), tagged"
                + " cp313-cp313-wasi_0_0_0_wasm32, and add it with <wheels> or a <type>whl</type>"
                + " dependency instead of <packages>."),
        m);
  }
}
