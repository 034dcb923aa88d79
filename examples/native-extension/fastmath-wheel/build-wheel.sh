#!/usr/bin/env bash
# Builds the fastmath wheel: compiles the C extension module for wasm32-wasi against the
# componentize runtime's SDK and packs it with the Python package into a wheel (PEP 427) tagged
# cp313-cp313-wasi_0_0_0_wasm32, the tag the componentize plugin accepts for native code.
#
#   build-wheel.sh SDK_DIR OUT_DIR VERSION
#
# SDK_DIR  the runtime bundle's sdk/ (sysroot/ with wasi-libc, include/python3.13/); the pom
#          unpacks it from the dev.componentize:componentize-runtime jar
# OUT_DIR  where the wheel is written (a scratch directory OUT_DIR/wheel-build is used too)
# VERSION  the wheel's version (the Maven project version)
#
# Needs clang-19 with the wasm32 target and wasm-ld (Debian: clang-19 lld-19
# libclang-rt-19-dev-wasm32; scripts/install-toolchain.sh installs them) and `jar` from the
# JDK (set JAR to use another one) to write the zip.
set -euo pipefail

if [ $# -ne 3 ]; then
  sed -n '2,16p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SDK=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
VERSION=$3
CC=${CC_WASM:-clang-19}
JAR=${JAR:-jar}
NAME=fastmath
TAG=cp313-cp313-wasi_0_0_0_wasm32
# Any fixed time: the files' times go into the zip, and a rebuild should give the same wheel.
STAMP=${SOURCE_DATE_EPOCH:-1704067200}

command -v "$CC" >/dev/null 2>&1 || {
  echo "build-wheel.sh: $CC not found; install clang-19, lld-19 and libclang-rt-19-dev-wasm32" \
    "(scripts/install-toolchain.sh in the componentize-maven repository does)" >&2
  exit 1
}
for f in "$SDK/sysroot/include/wasi/toolchain-id.h" "$SDK/include/python3.13/Python.h"; do
  [ -f "$f" ] || { echo "build-wheel.sh: $f is missing: $SDK is not a runtime SDK" >&2; exit 1; }
done

WORK="$OUT/wheel-build"
rm -rf "$WORK"
STAGE="$WORK/stage"
DIST_INFO="$NAME-$VERSION.dist-info"
mkdir -p "$WORK/obj" "$STAGE/$NAME" "$STAGE/$DIST_INFO"

# -fPIC and -shared: a position-independent library that shares the runtime's memory and libc.
# -fvisibility=default: clang hides symbols on wasm by default, and CPython must find PyInit_*.
# -ffile-prefix-map: assert() in CPython's inline headers embeds the header's path; mapping the
# SDK and source directories to fixed names keeps the wheel byte-identical wherever it is built.
CFLAGS=(--target=wasm32-wasi "--sysroot=$SDK/sysroot" "-I$SDK/include/python3.13"
  -O2 -fPIC -fvisibility=default "-ffile-prefix-map=$SDK=/sdk" "-ffile-prefix-map=$HERE=.")
# <wasi/toolchain-id.h> records which toolchain built the library (a custom section); the
# plugin's toolchain check compares it with the runtime's. Exactly one object per library.
echo '#include <wasi/toolchain-id.h>' >"$WORK/obj/toolchain-id.c"
"$CC" "${CFLAGS[@]}" -c "$WORK/obj/toolchain-id.c" -o "$WORK/obj/toolchain-id.o"
"$CC" "${CFLAGS[@]}" -c "$HERE/src/main/c/_native.c" -o "$WORK/obj/_native.o"
# Undefined symbols (CPython's API, libc) stay imports that the linker resolves against the
# runtime's libraries. --strip-debug keeps dylink.0, which a full strip would drop.
# --experimental-pic only silences wasm-ld's notice that -shared is not yet stable.
"$CC" --target=wasm32-wasi "--sysroot=$SDK/sysroot" -shared -nostdlib -Wl,--no-entry -Wl,--experimental-pic \
  -Wl,--allow-undefined -Wl,--strip-debug \
  -o "$STAGE/$NAME/_native.cpython-313-wasm32-wasi.so" \
  "$WORK/obj/_native.o" "$WORK/obj/toolchain-id.o"
cp "$HERE/src/main/python/$NAME/"*.py "$STAGE/$NAME/"

cat >"$STAGE/$DIST_INFO/METADATA" <<META
Metadata-Version: 2.1
Name: $NAME
Version: $VERSION
Summary: Statistics whose inner loops are C, built for WASI components
META
cat >"$STAGE/$DIST_INFO/WHEEL" <<META
Wheel-Version: 1.0
Generator: componentize-maven example build-wheel.sh
Root-Is-Purelib: false
Tag: $TAG
META

# RECORD: every file with its urlsafe-base64 sha256 (no padding) and size; RECORD itself last,
# without a hash (PEP 376/427).
record_hash() {
  local hex
  hex=$(sha256sum "$1" | cut -d' ' -f1)
  # hex -> bytes -> base64url without '='
  printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" | base64 -w0 | tr '+/' '-_' | tr -d '='
}
(
  cd "$STAGE"
  find . -type f ! -path "./$DIST_INFO/RECORD" | sed 's|^\./||' | LC_ALL=C sort |
    while read -r file; do
      echo "$file,sha256=$(record_hash "$file"),$(stat -c %s "$file")"
    done
  echo "$DIST_INFO/RECORD,,"
) >"$WORK/RECORD"
mv "$WORK/RECORD" "$STAGE/$DIST_INFO/RECORD"

WHEEL="$OUT/$NAME-$VERSION-$TAG.whl"
find "$STAGE" -exec touch -h -d "@$STAMP" {} +
rm -f "$WHEEL"
# A wheel is a zip; jar writes one (-M: no META-INF/MANIFEST.MF).
(cd "$STAGE" && "$JAR" -c -M -f "$WHEEL" "$NAME" "$DIST_INFO")
echo "build-wheel.sh: wrote $WHEEL"
