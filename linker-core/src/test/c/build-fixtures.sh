#!/bin/sh
# Rebuilds the wasm fixtures in ../resources/wasm from the sources in this directory.
# Needs Debian's clang-19, lld-19 and wabt (wat2wasm). The outputs are checked in, so the Maven
# build never runs this; run it by hand after changing a source and commit both.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/wasm"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

pic="clang-19 --target=wasm32-wasi -O2 -fPIC -fvisibility=default"
shared="clang-19 --target=wasm32-wasi -shared -nostdlib -Wl,--no-entry -Wl,--allow-undefined -Wl,--strip-debug"

# The runtime's <wasi/toolchain-id.h>, fed a <wasi/version.h> with the values of
# docs/design/toolchain-identity.md, gives libdep.so a real componentize.toolchain section.
sysroot_include="$here/../../../../runtime/src/main/sysroot/include"
mkdir -p "$work/include/wasi"
sed -e 's/@TOOLCHAIN_VERSION@/1/' -e 's/@WASI_LIBC_REVISION@/9886d3d/' \
  -e 's|@WASI_LIBC_SOURCE@|debian:wasi-libc/0.0~git20220510.9886d3d-2|' \
  -e 's/@CLANG_VERSION@/19.1.7/' \
  "$sysroot_include/wasi/version.h.in" > "$work/include/wasi/version.h"
$pic -I"$work/include" -I"$sysroot_include" -c "$here/../../../../runtime/src/main/c/toolchain-id/toolchain-id.c" \
  -o "$work/toolchain-id.o"

# PIC shared libraries; libpic.so names libdep.so in dylink.0 "needed".
$pic -c "$here/dep.c" -o "$work/dep.o"
$shared -o "$out/libdep.so" "$work/dep.o" "$work/toolchain-id.o"
$pic -c "$here/pic.c" -o "$work/pic.o"
(cd "$out" && $shared -o "$out/libpic.so" "$work/pic.o" libdep.so)
$pic -mreference-types -c "$here/tables.c" -o "$work/tables.o"
$shared -mreference-types -o "$out/libtables.so" "$work/tables.o"

# Non-PIC module owning its memory.
clang-19 --target=wasm32-wasi -O2 -c "$here/nonpic.c" -o "$work/nonpic.o"
clang-19 --target=wasm32-wasi -nostdlib -Wl,--no-entry -Wl,--export-all -Wl,--strip-debug \
  -o "$out/nonpic.wasm" "$work/nonpic.o"

# Shared memory + bulk memory: passive data, data count, memory.init/data.drop.
clang-19 --target=wasm32-wasi -O2 -matomics -mbulk-memory -c "$here/bulk.c" -o "$work/bulk.o"
clang-19 --target=wasm32-wasi -nostdlib -Wl,--no-entry -Wl,--export-all -Wl,--shared-memory \
  -Wl,--max-memory=1048576 -Wl,--strip-debug -o "$out/bulk.wasm" "$work/bulk.o"

# Encodings clang does not produce (element forms, multi-memory, memory64, tags).
wat2wasm --enable-multi-memory --enable-memory64 --enable-exceptions --enable-threads \
  "$here/forms.wat" -o "$out/forms.wasm"

ls -l "$out"
