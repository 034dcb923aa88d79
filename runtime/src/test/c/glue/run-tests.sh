#!/usr/bin/env bash
# Tests libcomponentize.so against a runtime bundle (docs/python-glue.md):
#
#   runtime/src/test/c/glue/run-tests.sh [BUNDLE_DIR]
#
# BUNDLE_DIR defaults to the newest complete bundle under ~/.cache/componentize-maven/runtime/.
#  1. builds the glue with build.sh into a scratch copy of the bundle's lib/ (the bundle stays
#     untouched);
#  2. wasm-validate, and check_glue.py: dylink.0 needed list, every import provided by libpython
#     or libc, exactly the documented exports, one toolchain-identity record;
#  3. builds the libworld.so stand-in (world_fixture.c + the descriptor from make_world_blob.py);
#  4. GlueEndToEnd.java: links everything with linker-core's Linker and runs it on Endive:
#     CPython start-up, the fixture app, every export, an import, a trap with a traceback.
# Step 4 needs linker-core compiled (linker-core/target/classes, or LINKER_CORE_CLASSES) and the
# Endive jars in ~/.m2; it takes about 90 s (CPython interpreted). SKIP_E2E=1 skips it.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../../../.." && pwd)
CACHE=${COMPONENTIZE_CACHE:-$HOME/.cache/componentize-maven}
BUNDLE=${1:-}
if [ -z "$BUNDLE" ]; then
  BUNDLE=$(ls -dt "$CACHE"/runtime/*/ 2>/dev/null | while read -r d; do
    [ -f "$d/.complete" ] && { echo "${d%/}"; break; }
  done)
fi
[ -n "$BUNDLE" ] && [ -f "$BUNDLE/.complete" ] || {
  echo "run-tests: no complete runtime bundle (run runtime/build-runtime.sh, or pass BUNDLE_DIR)" >&2
  exit 1
}
echo "bundle: $BUNDLE"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
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

# 4: end to end on Endive.
if [ "${SKIP_E2E:-0}" = 1 ]; then
  echo "end-to-end run skipped (SKIP_E2E=1)"
  exit 0
fi
CLASSES=${LINKER_CORE_CLASSES:-$REPO/linker-core/target/classes}
[ -f "$CLASSES/dev/componentize/core/link/Linker.class" ] || {
  echo "run-tests: $CLASSES has no compiled linker (mvn -q -o -pl linker-core compile, or set LINKER_CORE_CLASSES)" >&2
  exit 1
}
M2=${M2_REPO:-$HOME/.m2/repository}/run/endive
CP=$CLASSES
for jar in runtime wasm wasi log; do CP=$CP:$M2/$jar/1.2.0/$jar-1.2.0.jar; done
java -Xss64m -Xmx3g -cp "$CP" "$HERE/GlueEndToEnd.java" "$WORK/lib" "$BUNDLE/python" "$HERE/app"
