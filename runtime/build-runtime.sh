#!/usr/bin/env bash
# Builds (or reuses) the CPython 3.13 runtime bundle for wasm32-wasi from Debian source packages.
#
#   runtime/build-runtime.sh [--link DIR] [--quiet]
#
# Prints the bundle directory on stdout (logs go to stderr). With --link, DIR becomes a symlink to
# it (the Maven build links target/runtime this way). --quiet (or COMPONENTIZE_RUNTIME_QUIET=1 in
# the environment, which reaches the script through Maven) prints nothing when the bundle is
# already built: scripts/run-python.sh runs Maven after building and prints only Python's output.
#
# This script is the driver: the pinned inputs, the download, the cache key, the lock and the
# publishing. The build itself is src/main/build/core-bundle.sh, which it sources under the lock.
#
# Everything is cached outside the repository under ${COMPONENTIZE_CACHE:-~/.cache/componentize-maven}:
#   sources/            Debian source packages (downloaded once, unpacked once)
#   native/<key>/       the native CPython 3.13 used as --with-build-python (keyed by its own inputs)
#   runtime/<key>/      the finished bundle, published atomically with a .complete marker
#   logs/<key>/         one log per build step
#   .build.lock         held while building, so concurrent runs wait instead of building twice
# <key> is a sha256 over every input of the build: the commands of src/main/build/core-bundle.sh
# (not its comments), runtime/src/main/{c/libdl,c/toolchain-id,sysroot,tools}, the pinned inputs
# below, the source packages' .dsc files, and the clang and wasm-ld versions. Any change to them
# gives a new key and a fresh build, so the cache cannot serve a stale bundle; a change to this
# driver, to scripts/lib.sh or to a comment of the build does not.
#
# Bundle layout (<root>/runtime/<key>/):
#   lib/*.so                       position-independent wasm libraries (libc, libdl, emulated-*,
#                                  libpython3.13), each with dylink.0 and componentize.toolchain
#   python/lib/python3.13/         the standard library (.py + unchecked-hash .pyc), PYTHONHOME=/python
#   sdk/sysroot/                   headers and static libs of the wasm32-wasi sysroot
#   sdk/include/python3.13/        CPython's headers, for building extension modules
#   manifest.json                  every file with its sha256, versions, identity, needed lists
#   bin/python.wasm                CPython's own static interpreter (smoke tests; not packaged)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LIB_NAME=build-runtime LIB_TIMES=1
# shellcheck source=../scripts/lib.sh
source "$HERE/../scripts/lib.sh"
ROOT=$CACHE_ROOT
JOBS=${JOBS:-2}
RECIPE=$HERE/src/main/build/core-bundle.sh

# Exact inputs. Versions are Debian source package versions, as the configured Debian archive
# serves them (docs/design/inputs.md).
PY_SOURCE_PACKAGE=python3.13
PY_DEB_VERSION=3.13.15-1
PY_VERSION=3.13.15
ZLIB_DEB_VERSION=1:1.3.dfsg+really1.3.1-1
SQLITE_DEB_VERSION=3.46.1-7+deb13u2
WASI_LIBC_DEB_VERSION=0.0~git20220510.9886d3d-2
WASI_LIBC_REVISION=9886d3d
# Bump whenever an ABI-relevant input changes (libc revision or flags, clang major version):
# docs/design/toolchain-identity.md.
TOOLCHAIN_VERSION=1

CC_WASM=clang-19
LD_WASM=wasm-ld-19
AR_WASM=llvm-ar-19

cache_parse_args "$@"

require_tools scripts/install-toolchain.sh "$CC_WASM" "$LD_WASM" "$AR_WASM" llvm-ranlib-19 llvm-objcopy-19 \
  wasm-validate wasm-objdump dpkg-source apt-get make cc tclsh flock sha256sum

CLANG_VERSION_TEXT=$("$CC_WASM" --version)
CLANG_VERSION=$(printf '%s\n' "$CLANG_VERSION_TEXT" | sed -n '1s/.*clang version \([0-9][0-9.]*\).*/\1/p')
[ -n "$CLANG_VERSION" ] || die "cannot read the clang version from '$CC_WASM --version'"

# ---------------------------------------------------------------------------------------------
# Sources: `apt-get source --download-only` once into sources/dl, then `dpkg-source -x` into a
# directory per package version (unpacked beside and renamed, so a crash leaves no half tree).
# ---------------------------------------------------------------------------------------------
SOURCES=$ROOT/sources
mkdir -p "$SOURCES/dl"

dsc_path() { # package version -> path of the .dsc (file names carry no epoch)
  echo "$SOURCES/dl/${1}_${2#*:}.dsc"
}

fetch_source() { # package version
  local dsc
  dsc=$(dsc_path "$1" "$2")
  if [ ! -f "$dsc" ]; then
    run_logged "$SOURCES/dl/$1.log" "download source package $1=$2" \
      bash -c 'cd "$1" && apt-get source --download-only "$2=$3"' _ "$SOURCES/dl" "$1" "$2"
  fi
  [ -f "$dsc" ] || die "apt-get source did not produce $dsc (is deb-src set up? run scripts/install-toolchain.sh)"
}
fetch_source "$PY_SOURCE_PACKAGE" "$PY_DEB_VERSION"
fetch_source zlib "$ZLIB_DEB_VERSION"
fetch_source wasi-libc "$WASI_LIBC_DEB_VERSION"
fetch_source sqlite3 "$SQLITE_DEB_VERSION"

# ---------------------------------------------------------------------------------------------
# Native CPython 3.13 (the build python of the cross build), keyed by its own inputs.
# ---------------------------------------------------------------------------------------------
NATIVE_CONFIGURE=(--with-ensurepip=no --without-static-libpython --disable-test-modules)
NATIVE_KEY=$({
  echo "native python v1"
  echo "$PY_DEB_VERSION"
  cat "$(dsc_path "$PY_SOURCE_PACKAGE" "$PY_DEB_VERSION")"
  echo "${NATIVE_CONFIGURE[*]}"
  cc --version
} | sha256sum | cut -c1-16)
NATIVE=$ROOT/native/python-$NATIVE_KEY
NATIVE_PYTHON=$NATIVE/bin/python3.13

# ---------------------------------------------------------------------------------------------
# The bundle's cache key: every input that can change the output.
# ---------------------------------------------------------------------------------------------
KEY=$({
  echo "componentize runtime bundle v2"
  hash_script "$RECIPE"
  printf '%s\n' "$PY_SOURCE_PACKAGE" "$PY_DEB_VERSION" "$PY_VERSION" "$ZLIB_DEB_VERSION" "$SQLITE_DEB_VERSION" \
    "$WASI_LIBC_DEB_VERSION" "$WASI_LIBC_REVISION" "$TOOLCHAIN_VERSION" "$CC_WASM" "$LD_WASM" "$AR_WASM"
  # Only the inputs the build reads: other code under runtime/ (e.g. the glue) must not re-key.
  (cd "$HERE/src/main" && find c/libdl c/toolchain-id sysroot tools -type f -not -path '*/__pycache__/*' |
    LC_ALL=C sort | while read -r f; do
    echo "== $f"
    cat "$f"
  done)
  for p in "$PY_SOURCE_PACKAGE $PY_DEB_VERSION" "zlib $ZLIB_DEB_VERSION" "wasi-libc $WASI_LIBC_DEB_VERSION" \
    "sqlite3 $SQLITE_DEB_VERSION"; do
    # shellcheck disable=SC2086
    cat "$(dsc_path $p)"
  done
  echo "$NATIVE_KEY"
  printf '%s\n' "$CLANG_VERSION_TEXT"
  "$LD_WASM" --version
} | sha256sum | cut -c1-16)
BUNDLE=$ROOT/runtime/$KEY

cache_serve "$BUNDLE" "runtime bundle up to date (key $KEY): $BUNDLE"
cache_lock "$ROOT/.build.lock" 3600
cache_serve "$BUNDLE" "runtime bundle was built meanwhile (key $KEY): $BUNDLE"

# shellcheck source=src/main/build/core-bundle.sh
source "$RECIPE"

cache_publish "$OUT" "$BUNDLE"
log "runtime bundle built in $(($(date +%s) - build_started)) s: $BUNDLE"
cache_hand_out "$BUNDLE"
