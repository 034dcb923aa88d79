"""Writes NOTICE and licenses/ into a complete runtime bundle (runtime/complete-bundle.sh).

    notice.py BUNDLE --sources DIR

BUNDLE is the complete bundle being made (its manifest.json still the core's, which records the
Debian source package versions it was built from); DIR is the cache's sources/ directory, where
build-runtime.sh unpacked those packages. Every licence text is taken from the unpacked trees (or,
for the preview1 adapter, from the adapter/LICENSE the bundle already carries), never written
here, and a text that is missing fails the build: the NOTICE cannot silently lose an entry.

What the bundle carries is read from the bundle itself where the build decides it: whether
CPython was built with mimalloc (pyconfig.h) and whether _ctypes (libffi), _ssl or _hashlib
(OpenSSL) are in (the build's _sysconfigdata). Any of those inside would stop this script: their
licences have no source here yet.
"""

import argparse
import json
import os
import re
import sys
import textwrap

NOTICE = "NOTICE"
LICENSES = "licenses"


def fail(message):
    raise SystemExit(f"notice.py: {message}")


def read(path):
    if not os.path.isfile(path):
        fail(f"{path} is missing (build-runtime.sh unpacks the source packages into the cache's sources/)")
    with open(path, encoding="utf-8") as f:
        return f.read()


def define(text, name, path):
    match = re.search(r"#\s*define\s+" + name + r"\s+(\S+)", text)
    if not match:
        fail(f"{path} has no #define {name}")
    return match.group(1).strip('"')


def rst_section(text, title, path):
    """The body of the section `title` (underlined with '-') of an reStructuredText file."""
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        if lines[i].strip() == title and re.fullmatch(r"-{3,}", lines[i + 1].strip()):
            body = []
            for j in range(i + 2, len(lines)):
                if j + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[j + 1].strip()) and lines[j].strip():
                    break
                body.append(lines[j])
            return "\n".join(body).strip() + "\n"
    fail(f"{path} has no section '{title}'")


def leading_comment(text, path):
    """The first /* ... */ comment of a C file."""
    match = re.match(r"\s*/\*(.*?)\*/", text, re.S)
    if not match:
        fail(f"{path} does not start with a comment")
    return "\n".join(line.strip().lstrip("*").rstrip() for line in match.group(1).split("\n")).strip() + "\n"


def upstream(version):
    """A Debian version without epoch and revision: 1:1.3.dfsg+really1.3.1-1 -> 1.3.dfsg+really1.3.1."""
    version = version.split(":", 1)[-1]
    return version.rsplit("-", 1)[0]


def main(argv):
    parser = argparse.ArgumentParser(prog="notice.py")
    parser.add_argument("bundle")
    parser.add_argument("--sources", required=True)
    args = parser.parse_args(argv)
    bundle, sources = args.bundle, args.sources
    with open(os.path.join(bundle, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    versions = manifest["sources"]
    python_version = manifest["python"]["version"]
    clang = manifest["toolchain"]["clang"]
    for package in ("python3.13", "zlib", "wasi-libc", "sqlite3"):
        if package not in versions:
            fail(f"{bundle}/manifest.json records no source package {package}")

    # The trees as build-runtime.sh (src/main/build/core-bundle.sh) names them.
    py = os.path.join(sources, f"python3.13-{versions['python3.13']}-upstream")
    zlib = os.path.join(sources, f"zlib-{versions['zlib'].split(':', 1)[-1]}")
    libc = os.path.join(sources, f"wasi-libc-{versions['wasi-libc']}")
    sqlite = os.path.join(sources, f"sqlite3-{versions['sqlite3']}")

    license_rst_path = os.path.join(py, "Doc", "license.rst")
    license_rst = read(license_rst_path)
    expat_h_path = os.path.join(py, "Modules", "expat", "expat.h")
    expat_h = read(expat_h_path)
    expat_version = ".".join(
        define(expat_h, f"XML_{part}_VERSION", expat_h_path) for part in ("MAJOR", "MINOR", "MICRO")
    )
    mpdec_h_path = os.path.join(py, "Modules", "_decimal", "libmpdec", "mpdecimal.h")
    mpdec_version = define(read(mpdec_h_path), "MPD_VERSION", mpdec_h_path)
    hacl_path = os.path.join(py, "Modules", "_hacl", "Hacl_Hash_SHA2.c")
    pyconfig_path = os.path.join(bundle, "sdk", "include", "python3.13", "pyconfig.h")
    with_mimalloc = re.search(r"^#define WITH_MIMALLOC 1$", read(pyconfig_path), re.M) is not None
    stdlib = os.path.join(bundle, "python", "lib", "python3.13")
    sysconfigdata = [n for n in os.listdir(stdlib) if n.startswith("_sysconfigdata_") and n.endswith(".py")]
    if len(sysconfigdata) != 1:
        fail(f"{stdlib} holds {len(sysconfigdata)} _sysconfigdata files, expected one")
    config = read(os.path.join(stdlib, sysconfigdata[0]))
    for module, library in (("_CTYPES", "libffi"), ("_SSL", "OpenSSL"), ("_HASHLIB", "OpenSSL")):
        if f"'MODULE_{module}_STATE': 'yes'" in config:
            fail(f"this CPython build has {module.lower()} (and {library}): add {library}'s licence to notice.py first")

    # (name, what of the bundle it is in, licence, [(file under licenses/, text)])
    entries = []
    entries.append((
        f"CPython {python_version} (Debian source package python3.13 {versions['python3.13']})",
        "lib/libpython3.13.so, python/lib/python3.13/ (the standard library), sdk/include/python3.13/",
        "PSF-2.0 (Python Software Foundation License Version 2; the history and earlier licences "
        "are in the same file). license.rst lists the licences of the software CPython "
        "incorporates, some of which are in this build (below)",
        [("cpython/LICENSE", read(os.path.join(py, "LICENSE"))), ("cpython/license.rst", license_rst)],
    ))
    entries.append((
        f"Expat {expat_version} (CPython's copy, Modules/expat)",
        "inside lib/libpython3.13.so (pyexpat)",
        "MIT",
        [("expat/COPYING", read(os.path.join(py, "Modules", "expat", "COPYING")))],
    ))
    entries.append((
        f"libmpdec {mpdec_version} (mpdecimal; CPython's copy, Modules/_decimal/libmpdec)",
        "inside lib/libpython3.13.so (_decimal)",
        "BSD-2-Clause",
        [("mpdecimal/LICENSE", rst_section(license_rst, "libmpdec", license_rst_path))],
    ))
    entries.append((
        "HACL* (CPython's copy, Modules/_hacl)",
        "inside lib/libpython3.13.so (_md5, _sha1, _sha2, _sha3)",
        "MIT",
        [("hacl-star/LICENSE", leading_comment(read(hacl_path), hacl_path))],
    ))
    if with_mimalloc:
        entries.append((
            "mimalloc (CPython's copy, Objects/mimalloc)",
            "inside lib/libpython3.13.so (the object allocator)",
            "MIT",
            [("mimalloc/LICENSE", rst_section(license_rst, "mimalloc", license_rst_path))],
        ))
    entries.append((
        f"zlib {upstream(versions['zlib']).split('really')[-1]} (Debian source package zlib {versions['zlib']})",
        "inside lib/libpython3.13.so (zlib module); sdk/sysroot/lib/wasm32-wasi/libz.a, "
        "sdk/sysroot/include/zlib.h, zconf.h",
        "Zlib",
        [("zlib/LICENSE", read(os.path.join(zlib, "LICENSE")))],
    ))
    entries.append((
        f"SQLite {upstream(versions['sqlite3'])} (Debian source package sqlite3 {versions['sqlite3']})",
        "inside lib/libpython3.13.so (_sqlite3); sdk/sysroot/lib/wasm32-wasi/libsqlite3.a, "
        "sdk/sysroot/include/sqlite3.h",
        "public domain (the authors disclaim copyright)",
        [("sqlite/LICENSE.md", read(os.path.join(sqlite, "LICENSE.md")))],
    ))
    malloc_c = os.path.join(libc, "dlmalloc", "src", "malloc.c")
    # Its notice is the first paragraph of malloc.c's leading comment.
    dlmalloc_notice = leading_comment(read(malloc_c), malloc_c).split("\n\n")[0].strip() + "\n"
    entries.append((
        f"wasi-libc {manifest['toolchain']['wasiLibcRevision']} (Debian source package wasi-libc {versions['wasi-libc']})",
        "lib/libc.so, lib/libwasi-emulated-*.so, sdk/sysroot/ (headers and static libraries)",
        "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT, with parts under their own licences: "
        "musl (MIT), cloudlibc (BSD-2-Clause), dlmalloc (CC0-1.0)",
        [
            ("wasi-libc/LICENSE", read(os.path.join(libc, "LICENSE"))),
            ("wasi-libc/LICENSE-APACHE-LLVM", read(os.path.join(libc, "LICENSE-APACHE-LLVM"))),
            ("wasi-libc/LICENSE-APACHE", read(os.path.join(libc, "LICENSE-APACHE"))),
            ("wasi-libc/LICENSE-MIT", read(os.path.join(libc, "LICENSE-MIT"))),
            ("wasi-libc/musl-COPYRIGHT", read(os.path.join(libc, "libc-top-half", "musl", "COPYRIGHT"))),
            ("wasi-libc/cloudlibc-LICENSE", read(os.path.join(libc, "libc-bottom-half", "cloudlibc", "LICENSE"))),
            ("wasi-libc/dlmalloc-NOTICE", dlmalloc_notice),
        ],
    ))
    entries.append((
        f"LLVM compiler-rt builtins (clang {clang}, libclang_rt.builtins-wasm32.a)",
        "linked into lib/libc.so and lib/libpython3.13.so",
        "Apache-2.0 WITH LLVM-exception (text: wasi-libc/LICENSE-APACHE-LLVM, the same licence)",
        [],
    ))
    adapter_license = os.path.join(bundle, "adapter", "LICENSE")
    entries.append((
        "the WASI preview1 reactor adapter (wasmtime's wasi-preview1-component-adapter, from "
        + manifest_adapter_source(bundle),
        "adapter/wasi_snapshot_preview1.reactor.wasm",
        "Apache-2.0 WITH LLVM-exception",
        [("adapter/LICENSE", read(adapter_license))],
    ))

    out = os.path.join(bundle, LICENSES)
    if os.path.exists(out):
        fail(f"{out} exists already")
    lines = [
        "componentize-runtime: the CPython runtime bundle of componentize-maven",
        "",
        "The parts written by the componentize-maven project (lib/libdl.so, lib/libcomponentize.so,",
        "the toolchain identity object linked into every library, sdk/sysroot/include/dlfcn.h and",
        "wasi/*.h, the compiler drivers sdk/bin/*) are licensed under the Apache License, Version 2.0",
        "(the project's LICENSE; its text is the one in licenses/wasi-libc/LICENSE-APACHE).",
        "",
        "This artifact also carries the following third-party software, each under its own licence.",
        "The licence texts are under licenses/ (in the jar also META-INF/licenses/), taken from the",
        "Debian source packages the runtime was built from.",
    ]
    for number, (name, where, licence, texts) in enumerate(entries, 1):
        lines += ["", f"{number}. {name}"]
        lines += field("In", where)
        lines += field("Licence", licence)
        if texts:
            lines += field("Texts", ", ".join(f"{LICENSES}/{path}" for path, _ in texts))
        for path, text in texts:
            target = os.path.join(out, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
    lines += [
        "",
        "Not included: libffi (CPython's _ctypes is not built for wasm32-wasi), OpenSSL (no _ssl or",
        "_hashlib), and the other incorporated software of license.rst that this build leaves out.",
    ]
    with open(os.path.join(bundle, NOTICE), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def field(label, value):
    """A NOTICE field, wrapped at 100 columns under its label."""
    return textwrap.wrap(value, 100, initial_indent=f"   {label + ':':<9}", subsequent_indent=" " * 12,
                         break_on_hyphens=False)


def manifest_adapter_source(bundle):
    """The adapter's origin as complete-bundle.sh states it in the first line of adapter/LICENSE."""
    text = read(os.path.join(bundle, "adapter", "LICENSE"))
    match = re.search(r"as shipped in the npm package\s+(\S+)", text)
    if not match:
        fail(f"{bundle}/adapter/LICENSE does not say which package the adapter came from")
    return f"the npm package {match.group(1)})"


if __name__ == "__main__":
    main(sys.argv[1:])
