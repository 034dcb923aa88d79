#!/usr/bin/env bash
# Builds and checks libcomponentize.so against a runtime bundle (docs/design/python-glue.md):
#
#   runtime/src/test/c/glue/run-tests.sh [--out DIR] [BUNDLE_DIR]
#
# BUNDLE_DIR defaults to the newest complete bundle under ~/.cache/componentize-maven/runtime/.
#  1. builds the glue with build.sh into DIR/lib, a copy of the bundle's lib/ (the bundle stays
#     untouched; without --out, DIR is a temporary directory removed afterwards);
#  2. wasm-validate, and check_glue.py: dylink.0 needed list, every import provided by libpython
#     or libc, exactly the documented exports, one toolchain-identity record;
#  3. builds DIR/lib/libworld.so, the stand-in for the generated world library (world_fixture.c
#     with the descriptor from make_world_blob.py), and validates it.
# The end-to-end run (link with linker-core, run on Endive) is the JUnit test
# dev.componentize.runtime.glue.GlueEndToEndTest, which calls this script with --out.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../../../../scripts/lib.sh
source "$HERE/../../../../../scripts/lib.sh"
OUT=""
if [ "${1:-}" = --out ]; then
  OUT=${2:?--out needs a directory}
  shift 2
fi
BUNDLE=${1:-}
if [ -z "$BUNDLE" ]; then
  BUNDLE=$(newest_complete "$CACHE_ROOT/runtime")
fi
[ -n "$BUNDLE" ] && [ -f "$BUNDLE/.complete" ] ||
  die "no complete runtime bundle (run runtime/build-runtime.sh, or pass BUNDLE_DIR)"
echo "bundle: $BUNDLE"

if [ -n "$OUT" ]; then
  mkdir -p "$OUT"
  WORK=$(cd "$OUT" && pwd)
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/lib"
cp "$BUNDLE"/lib/*.so "$WORK/lib/"

# 1-2: the glue itself.
"$HERE/../../../main/c/glue/build.sh" "$BUNDLE/sdk" "$WORK/lib" 2> >(grep -v 'is not yet stable' >&2)
wasm-validate "$WORK/lib/libcomponentize.so"
python3 "$HERE/check_glue.py" "$WORK/lib"
echo "libcomponentize.so: $(stat -c %s "$WORK/lib/libcomponentize.so") bytes"

# 3: the stand-in for the generated libworld.so.
python3 "$HERE/make_world_blob.py" "$WORK/world_blob.h"
clang-19 --target=wasm32-wasi "--sysroot=$BUNDLE/sdk/sysroot" -O2 -fPIC -fvisibility=hidden \
  -Wall -Wextra -Werror "-I$WORK" -c "$HERE/world_fixture.c" -o "$WORK/world_fixture.o"
wasm-ld-19 -shared --no-entry --export=__wasm_call_ctors --strip-debug -o "$WORK/lib/libworld.so" \
  "$WORK/world_fixture.o" "$WORK/lib/libcomponentize.so" "$WORK/lib/libc.so" 2> >(grep -v 'is not yet stable' >&2)
wasm-validate "$WORK/lib/libworld.so"
echo "built and checked: $WORK/lib/libcomponentize.so, $WORK/lib/libworld.so"
