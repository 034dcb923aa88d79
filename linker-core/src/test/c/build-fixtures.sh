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

# PIC shared libraries; libpic.so names libdep.so in dylink.0 "needed".
$pic -c "$here/dep.c" -o "$work/dep.o"
$shared -o "$out/libdep.so" "$work/dep.o"
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
