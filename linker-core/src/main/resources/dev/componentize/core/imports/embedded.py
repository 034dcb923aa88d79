"""Modules embedded in the component, served from memory (docs/runtime-imports.md).

Run once at build time, after the app was imported, by the pre-initializer: install(directory)
reads the archive the build wrote (index.txt, modules.bin), keeps the entries of modules the build
did not import, and puts a finder before the path finder in sys.meta_path. Nothing embedded is
executed here: a module runs when the app first imports it, at run time. All of this is in the
snapshot, so the component needs no file system for imports.

index.txt, one line per entry, tab-separated: kind, name, flags, path, offset, length (of the
zlib-compressed bytes in modules.bin). Kinds: c = marshalled code (from the runtime's pyc),
s = source, n = namespace package, x = extension module (path = its dlopen name), d = file of a
.dist-info directory (name = the directory, path = the file in it), f = data file of a wheel.
Flags: p = package, l = also serve the source to linecache, k = compile now (source left out).
"""

import marshal
import sys
import zlib

_bootstrap = sys.modules["_frozen_importlib"]
_external = sys.modules["_frozen_importlib_external"]

_modules = {}  # name -> (kind, is_package, path, compressed bytes)
_files = {}  # guest path -> compressed bytes
_distributions = {}  # "<name>-<version>.dist-info" -> {file: compressed bytes}


def install(directory):
    import linecache

    with open(directory + "/index.txt", encoding="utf-8") as index:
        lines = index.read().splitlines()
    with open(directory + "/modules.bin", "rb") as blob:
        for line in lines:
            kind, name, flags, path, offset, length = line.split("\t")
            imported = kind in "csnx" and name in sys.modules
            if imported and "l" not in flags:
                continue
            blob.seek(int(offset))
            data = blob.read(int(length))
            if kind == "d":
                _distributions.setdefault(name, {})[path] = data
            elif kind == "f":
                _files[path] = data
            else:
                if "l" in flags:
                    linecache.cache[path] = (_lines(data),)
                if "k" in flags and not imported:
                    try:
                        code = compile(zlib.decompress(data), path, "exec", dont_inherit=True)
                        kind, data = "c", zlib.compress(marshal.dumps(code), 9)
                    except SyntaxError:
                        pass  # stays source: importing it raises the SyntaxError at run time
                if not imported and kind != "t":
                    _modules[name] = (kind, "p" in flags, path, data)
    meta_path = sys.meta_path
    meta_path.insert(meta_path.index(_external.PathFinder), EmbeddedFinder)


def _lines(data):
    return lambda: _external.decode_source(zlib.decompress(data))


def _normalize(name):
    # PEP 503 normalization, with "_" as importlib.metadata's Prepared.normalize uses it.
    out, run = [], False
    for ch in name.lower():
        if ch in "-_.":
            if not run:
                out.append("_")
            run = True
        else:
            out.append(ch)
            run = False
    return "".join(out)


class EmbeddedLoader:
    """Loads an embedded module: its code, or its source compiled now."""

    @staticmethod
    def create_module(spec):
        return None

    def exec_module(self, module):
        code = self.get_code(module.__spec__.name)
        if code is not None:
            exec(code, module.__dict__)

    @staticmethod
    def get_code(name):
        kind, _, path, data = _modules[name]
        if kind == "n":
            return None
        raw = zlib.decompress(data)
        if kind == "c":
            return marshal.loads(raw)
        return compile(raw, path, "exec", dont_inherit=True)

    @staticmethod
    def get_source(name):
        entry = _modules.get(name)
        if entry is None or entry[0] != "s":
            return None
        return _external.decode_source(zlib.decompress(entry[3]))

    @staticmethod
    def is_package(name):
        return _modules[name][1]

    @staticmethod
    def get_filename(name):
        return _modules[name][2]

    @staticmethod
    def get_data(path):
        data = _files.get(path)
        if data is None:
            raise FileNotFoundError(2, "not embedded in the component", path)
        return zlib.decompress(data)


_LOADER = EmbeddedLoader()


class EmbeddedFinder:
    """A sys.meta_path finder for the modules embedded at build time."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        entry = _modules.get(name)
        if entry is None:
            return None
        kind, package, origin, _ = entry
        if kind == "x":
            loader = _external.ExtensionFileLoader(name, origin)
            spec = _bootstrap.ModuleSpec(name, loader, origin=origin)
            spec.has_location = True
            return spec
        if kind == "n":
            spec = _bootstrap.ModuleSpec(name, _LOADER, is_package=True)
            spec.submodule_search_locations = [origin]
            return spec
        spec = _bootstrap.ModuleSpec(name, _LOADER, origin=origin, is_package=package)
        spec.has_location = True
        if package:
            spec.submodule_search_locations = [origin.rpartition("/")[0]]
        return spec

    @classmethod
    def invalidate_caches(cls):
        pass

    @classmethod
    def find_distributions(cls, context=None):
        """The wheels' .dist-info directories, for importlib.metadata."""
        if not _distributions:
            return iter(())
        wanted = getattr(context, "name", None)
        wanted = None if wanted is None else _normalize(wanted)
        distribution = _distribution_class()
        found = []
        for directory, files in _distributions.items():
            name = directory[: -len(".dist-info")].rpartition("-")[0]
            if wanted is None or _normalize(name) == wanted:
                found.append(distribution(directory, files))
        return iter(found)


_distribution = []


def _distribution_class():
    if not _distribution:
        import importlib.metadata
        import pathlib

        class EmbeddedDistribution(importlib.metadata.Distribution):
            def __init__(self, directory, files):
                self._directory = directory
                self._files = files

            def read_text(self, filename):
                data = self._files.get(str(filename))
                return None if data is None else zlib.decompress(data).decode("utf-8")

            def locate_file(self, path):
                return pathlib.PurePosixPath("/site-packages", path)

        _distribution.append(EmbeddedDistribution)
    return _distribution[0]
