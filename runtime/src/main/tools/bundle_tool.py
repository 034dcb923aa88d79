"""Structural checks and manifest for the componentize runtime bundle.

Run by runtime/build-runtime.sh with the native CPython it built (never the system python):

    bundle_tool.py check BUNDLE
    bundle_tool.py manifest BUNDLE --key K --python-version V --soabi S --ext-suffix E ...

It reads wasm modules itself (sections, imports, exports, the dylink.0 custom section of
WebAssembly/tool-conventions DynamicLinking.md, and our componentize.toolchain section of
docs/design/toolchain-identity.md) so it depends on nothing but the standard library.
"""

import argparse
import hashlib
import json
import os
import re
import sys

# DynamicLinking.md: dylink.0 subsection types and the import-info binding flag.
WASM_DYLINK_NEEDED = 2
WASM_DYLINK_IMPORT_INFO = 4
WASM_SYM_BINDING_WEAK = 0x1

# Imports a position-independent library expects from whoever links it (the componentize linker
# or the static executable), not from another library.
LINKER_PROVIDED_ENV = {
    "memory",
    "__indirect_function_table",
    "__memory_base",
    "__table_base",
    "__stack_pointer",
}
PROGRAM_PROVIDED_SYMBOLS = {
    "__heap_base",
    "__heap_end",
    "__stack_low",
    "__stack_high",
    "main",
    "__main_argc_argv",
}
HOST_MODULES = {"wasi_snapshot_preview1"}

IDENTITY_SECTION = "componentize.toolchain"
EXCLUDED_FROM_FILES = ("bin/",)  # kept in the cache, not part of the packaged bundle


class WasmFormatError(Exception):
    def __init__(self, path, offset, message):
        super().__init__(f"{path}: offset {offset}: {message}")


class Reader:
    def __init__(self, path, data, start=0, end=None):
        self.path = path
        self.data = data
        self.pos = start
        self.end = len(data) if end is None else end

    def fail(self, message):
        raise WasmFormatError(self.path, self.pos, message)

    def byte(self):
        if self.pos >= self.end:
            self.fail("unexpected end of data")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def uleb(self):
        result = 0
        shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 35:
                self.fail("LEB128 value longer than 5 bytes")

    def bytes(self, n):
        if self.pos + n > self.end:
            self.fail(f"{n} bytes run past the end")
        b = self.data[self.pos : self.pos + n]
        self.pos += n
        return b

    def name(self):
        return self.bytes(self.uleb()).decode("utf-8")

    def limits(self):
        flags = self.byte()
        self.uleb()
        if flags & 1:
            self.uleb()


class Module:
    """The parts of a core wasm module the bundle checks need."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            data = f.read()
        r = Reader(path, data)
        if r.bytes(4) != b"\0asm" or r.bytes(4) != b"\1\0\0\0":
            r.fail("not a core wasm module (bad magic or version)")
        self.custom = {}  # name -> list of payloads
        self.imports = []  # (module, field, kind)
        self.exports = {}  # name -> kind
        while r.pos < r.end:
            section_id = r.byte()
            size = r.uleb()
            body = Reader(path, data, r.pos, r.pos + size)
            if body.end > r.end:
                r.fail(f"section {section_id} runs past the end")
            if section_id == 0:
                name = body.name()
                self.custom.setdefault(name, []).append(data[body.pos : body.end])
            elif section_id == 2:
                self._read_imports(body)
            elif section_id == 7:
                self._read_exports(body)
            r.pos = body.end

    def _read_imports(self, r):
        for _ in range(r.uleb()):
            module, field, kind = r.name(), r.name(), r.byte()
            if kind == 0:
                r.uleb()
            elif kind == 1:
                r.byte()
                r.limits()
            elif kind == 2:
                r.limits()
            elif kind == 3:
                r.byte()
                r.byte()
            elif kind == 4:
                r.byte()
                r.uleb()
            else:
                r.fail(f"unknown import kind {kind}")
            self.imports.append((module, field, kind))
        if r.pos != r.end:
            r.fail("import section not consumed exactly")

    def _read_exports(self, r):
        for _ in range(r.uleb()):
            name, kind = r.name(), r.byte()
            r.uleb()
            self.exports[name] = kind
        if r.pos != r.end:
            r.fail("export section not consumed exactly")

    def dylink(self):
        """(needed, weak imports) from dylink.0, or None when the section is absent."""
        payloads = self.custom.get("dylink.0")
        if not payloads:
            return None
        data = payloads[0]
        r = Reader(self.path + " [dylink.0]", data)
        needed, weak = [], set()
        while r.pos < r.end:
            kind, size = r.byte(), r.uleb()
            sub = Reader(r.path, data, r.pos, r.pos + size)
            if kind == WASM_DYLINK_NEEDED:
                needed = [sub.name() for _ in range(sub.uleb())]
            elif kind == WASM_DYLINK_IMPORT_INFO:
                for _ in range(sub.uleb()):
                    module, field, flags = sub.name(), sub.name(), sub.uleb()
                    if flags & WASM_SYM_BINDING_WEAK:
                        weak.add(field)
            r.pos = sub.end
        return needed, weak

    def identity(self):
        """The componentize.toolchain record as a dict, or None."""
        payloads = self.custom.get(IDENTITY_SECTION)
        if not payloads:
            return None
        if len(payloads) != 1:
            raise WasmFormatError(self.path, 0, f"{len(payloads)} {IDENTITY_SECTION} sections (want 1)")
        text = payloads[0].decode("utf-8")
        record = dict(line.split("=", 1) for line in text.splitlines() if line)
        if record.get("format") != "1":
            raise WasmFormatError(self.path, 0, f"unknown {IDENTITY_SECTION} format {record.get('format')!r}")
        return record


def libraries(bundle):
    lib_dir = os.path.join(bundle, "lib")
    return {n: Module(os.path.join(lib_dir, n)) for n in sorted(os.listdir(lib_dir)) if n.endswith(".so")}


def closure(name, libs):
    seen, todo = [], [name]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        if n not in libs:
            raise SystemExit(f"check: {name} needs {n}, which is not in the bundle's lib/")
        seen.append(n)
        todo.extend(libs[n].dylink()[0])
    return seen


def unresolved_imports(name, libs):
    """Imports of `name` that neither its needed libraries, itself, the linker nor the host provide."""
    module = libs[name]
    _, weak = module.dylink()
    provided = set()
    for n in closure(name, libs):
        provided.update(libs[n].exports)
    missing = []
    for mod, field, _ in module.imports:
        if mod in HOST_MODULES or field in weak:
            continue
        if mod == "env" and field in LINKER_PROVIDED_ENV:
            continue
        if mod in ("env", "GOT.mem", "GOT.func"):
            if field in provided or field in PROGRAM_PROVIDED_SYMBOLS:
                continue
        missing.append(f"{mod}.{field}")
    return missing


def check(bundle):
    libs = libraries(bundle)
    problems = []
    identities = {}
    for name, module in libs.items():
        if module.dylink() is None:
            problems.append(f"{name}: no dylink.0 section (not a position-independent library)")
            continue
        identity = module.identity()
        if identity is None:
            problems.append(f"{name}: no {IDENTITY_SECTION} section")
        else:
            identities[name] = (identity.get("toolchain"), identity.get("wasi-libc"))
        for sym in unresolved_imports(name, libs):
            problems.append(f"{name}: import {sym} is exported by none of {closure(name, libs)}")
    if len(set(identities.values())) > 1:
        problems.append(f"libraries disagree on the toolchain identity: {identities}")
    python = libs.get("libpython3.13.so")
    if python is None:
        problems.append("lib/libpython3.13.so is missing")
    elif "libc.so" not in python.dylink()[0]:
        problems.append(f"libpython3.13.so does not need libc.so (needed: {python.dylink()[0]})")
    for name, module in libs.items():
        needed = module.dylink()[0] if module.dylink() else []
        print(f"{name}: needed={needed} imports={len(module.imports)} exports={len(module.exports)}")
    if problems:
        for p in problems:
            print("PROBLEM: " + p)
        raise SystemExit(f"check: {len(problems)} problem(s) in {bundle}")
    print(f"check: {len(libs)} libraries OK")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def header_identity(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    macros = dict(re.findall(r'#define (__wasi_\w+__) "([^"]*)"', text))
    return {
        "name": macros["__wasi_toolchain_name__"],
        "version": macros["__wasi_toolchain_version__"],
        "wasiLibcRevision": macros["__wasi_libc_revision__"],
        "wasiLibcSource": macros["__wasi_libc_source__"],
        "clang": macros["__wasi_toolchain_clang__"],
    }


def manifest(args):
    bundle = args.bundle
    libs = libraries(bundle)
    files = []
    for dirpath, dirnames, filenames in os.walk(bundle):
        dirnames.sort()
        for f in sorted(filenames):
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, bundle).replace(os.sep, "/")
            if rel in ("manifest.json", ".complete") or rel.startswith(EXCLUDED_FROM_FILES):
                continue
            files.append({"path": rel, "size": os.path.getsize(full), "sha256": sha256(full)})
    files.sort(key=lambda e: e["path"])
    doc = {
        "format": 1,
        "bundleKey": args.key,
        "python": {
            "version": args.python_version,
            "soabi": args.soabi,
            "extSuffix": args.ext_suffix,
            "home": args.python_home,
            "stdlib": "python/lib/python3.13",
            "include": "sdk/include/python3.13",
        },
        "toolchain": header_identity(args.identity_header),
        "sources": dict(s.split("=", 1) for s in args.source),
        "libraries": [
            {
                "path": "lib/" + name,
                "needed": module.dylink()[0],
                "toolchainSection": module.identity(),
            }
            for name, module in libs.items()
        ],
        "notIncluded": {"bin/python.wasm": sha256(os.path.join(bundle, "bin", "python.wasm"))},
        "files": files,
    }
    with open(os.path.join(bundle, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, sort_keys=False)
        f.write("\n")
    print(f"manifest: {len(files)} files")


def main(argv):
    parser = argparse.ArgumentParser(prog="bundle_tool.py")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check")
    c.add_argument("bundle")
    m = sub.add_parser("manifest")
    m.add_argument("bundle")
    m.add_argument("--key", required=True)
    m.add_argument("--python-version", required=True)
    m.add_argument("--soabi", required=True)
    m.add_argument("--ext-suffix", required=True)
    m.add_argument("--python-home", required=True)
    m.add_argument("--source", action="append", default=[])
    m.add_argument("--identity-header", required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            check(args.bundle)
        else:
            manifest(args)
    except WasmFormatError as e:
        raise SystemExit(f"{args.command}: {e}")


if __name__ == "__main__":
    main(sys.argv[1:])
