#!/usr/bin/env bash
# Makes the complete runtime bundle: the core bundle of build-runtime.sh plus the two parts a
# component needs that do not come from the CPython build, so the core (7-10 minutes to build)
# is not rebuilt when they change:
#
#   runtime/complete-bundle.sh [--link DIR] [--quiet]
#
# Prints the complete bundle's directory on stdout (logs go to stderr); --link and --quiet as in
# build-runtime.sh (COMPONENTIZE_RUNTIME_QUIET=1 works too). It runs build-runtime.sh first.
#
# Added to a copy of the core bundle (hard links; the core directory is never modified):
#   lib/libcomponentize.so                        the C glue (src/main/c/glue/build.sh), checked
#                                                 like every core library
#   adapter/wasi_snapshot_preview1.reactor.wasm   the WASI preview1 -> 0.2 reactor adapter from the
#                                                 npm package @bytecodealliance/jco@1.35.0,
#                                                 verified against a pinned sha256
#   adapter/LICENSE                               its licence, Apache-2.0 WITH LLVM-exception
#   sdk/bin/wasm32-wasi-clang, -clang++           the SDK's compiler driver over the host's
#                                                 clang-19 (src/main/sdk/bin; docs/wheels.md)
#   sdk/sysroot/include/wasi/toolchain-id.h       the core's, with the record in a COMDAT
#                                                 (src/main/layer/comdat_identity.py), so the
#                                                 driver can stamp every object of a library
#   NOTICE, licenses/                             every third-party component the bundle carries,
#                                                 its licence and the licence texts, taken from
#                                                 the unpacked Debian source packages
#                                                 (src/main/layer/notice.py)
#   python/lib/python3.13/componentize_wsgi.py    the WSGI bridge for wasi:http services, and
#   python/lib/python3.13/componentize_async.py   the event loop of async exports, and
#   python/lib/python3.13/componentize_streams.py its streams, futures and error contexts
#                                                 (src/main/python), importable like the stdlib
#   python/lib/python3.13/componentize_http.py    the glue's answer when a raw wasi:http handler
#                                                 raises (src/main/python)
#   manifest.json                                 rewritten to list them
#
# Cache, under ${COMPONENTIZE_CACHE:-~/.cache/componentize-maven}:
#   sources/jco-1.35.0.tgz    the npm tarball (downloaded once)
#   runtime-full/<key2>/      the complete bundle, published atomically with a .complete marker
#   .complete-bundle.lock     held while building (build-runtime.sh has its own lock)
# <key2> is a sha256 over the core bundle's key, this script's commands (not its comments), the
# glue sources, the SDK layer (src/main/sdk), the runtime's Python modules (src/main/python), the
# layer tools and the pinned adapter checksum: any change gives a new complete bundle, and a core
# rebuild gives a new one too.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LIB_NAME=complete-bundle LIB_TIMES=1
# shellcheck source=../scripts/lib.sh
source "$HERE/../scripts/lib.sh"
ROOT=$CACHE_ROOT

# The adapter: wasmtime's wasi-preview1-component-adapter as jco 1.35.0 ships it. It imports WASI
# 0.2.12 interfaces, the version of the WIT linker-core bundles (docs/design/python-component-assembly.md).
JCO_VERSION=1.35.0
JCO_PACKAGE=@bytecodealliance/jco@$JCO_VERSION
ADAPTER_MEMBER=package/lib/wasi_snapshot_preview1.reactor.wasm
ADAPTER_SHA256=b857310c4753c8fafaa0f890e9ccf978dc3d9dbe8804b1125291a627485041d0
ADAPTER_LICENSE_SPDX="Apache-2.0 WITH LLVM-exception"
# The npm package declares that licence but carries no licence file. The text of exactly that
# licence ships in the wasi-libc source build-runtime.sh already downloaded (same licence, same
# Bytecode Alliance projects), so it is taken from there and verified too.
LICENSE_TARBALL=wasi-libc_0.0~git20220510.9886d3d.orig.tar.xz
LICENSE_MEMBER=wasi-libc-0.0~git20220510.9886d3d/LICENSE-APACHE-LLVM
LICENSE_SHA256=268872b9816f90fd8e85db5a28d33f8150ebb8dd016653fb39ef1f94f2686bc5

cache_parse_args "$@"
require_tools scripts/install-toolchain.sh npm tar sha256sum flock python3 wasm-validate clang-19 wasm-ld-19

# ---- the core bundle ---------------------------------------------------------------------------
# build-runtime.sh prints nothing on stdout with --quiet, so its --link is how its directory is
# learnt in every mode.
mkdir -p "$ROOT/runtime-full"
CORE_LINK=$ROOT/runtime-full/.core-$$
trap 'rm -f "$CORE_LINK"' EXIT
core_args=(--link "$CORE_LINK")
if [ "$CACHE_QUIET" = 1 ]; then core_args+=(--quiet); fi
COMPONENTIZE_RUNTIME_QUIET=$CACHE_QUIET bash "$HERE/build-runtime.sh" "${core_args[@]}" >/dev/null
CORE=$(readlink "$CORE_LINK")
[ -f "$CORE/.complete" ] || die "build-runtime.sh did not leave a complete core bundle at $CORE"
CORE_KEY=$(basename "$CORE")

KEY=$({
  echo "componentize complete runtime bundle"
  echo "$CORE_KEY"
  hash_script "${BASH_SOURCE[0]}"
  (cd "$HERE/src/main" && find c/glue layer sdk python -type f -not -path '*/__pycache__/*' | LC_ALL=C sort |
    while read -r f; do
      echo "== $f"
      cat "$f"
    done)
} | sha256sum | cut -c1-16)
BUNDLE=$ROOT/runtime-full/$KEY

cache_serve "$BUNDLE" "complete runtime bundle up to date (key $KEY, core $CORE_KEY): $BUNDLE"
cache_lock "$ROOT/.complete-bundle.lock" 1800
cache_serve "$BUNDLE" "complete runtime bundle was built meanwhile (key $KEY): $BUNDLE"

log "building the complete runtime bundle (key $KEY) on core $CORE_KEY"
started=$(date +%s)

# ---- the adapter, downloaded once and verified on every build ------------------------------------
SOURCES=$ROOT/sources
mkdir -p "$SOURCES"
TARBALL=$SOURCES/jco-$JCO_VERSION.tgz
if [ ! -f "$TARBALL" ]; then
  # npm pack fetches from whatever registry npm is configured for; the sha256 of the adapter inside
  # is checked below, so the registry is not trusted for content.
  log "npm pack $JCO_PACKAGE"
  PACK_DIR=$(mktemp -d "$SOURCES/.npm-pack-XXXXXX")
  (cd "$PACK_DIR" && npm pack --silent "$JCO_PACKAGE" >/dev/null) ||
    { rm -rf "$PACK_DIR"; die "npm pack $JCO_PACKAGE failed (the npm registry must be reachable once)"; }
  mv -f "$PACK_DIR"/*.tgz "$TARBALL"
  rm -rf "$PACK_DIR"
fi

TMP=$ROOT/runtime-full/.tmp-$KEY-$$
trap 'rm -f "$CORE_LINK"; rm -rf "$TMP"' EXIT
rm -rf "$TMP"
# Hard links: instant and no extra space. Every file this script changes is removed and written
# anew (never written through a link), so the core bundle stays as it was.
cp -al "$CORE" "$TMP"
rm -f "$TMP/.complete"

mkdir -p "$TMP/adapter"
tar -xzf "$TARBALL" -O "$ADAPTER_MEMBER" >"$TMP/adapter/wasi_snapshot_preview1.reactor.wasm" ||
  die "$TARBALL has no $ADAPTER_MEMBER (a damaged download? delete $TARBALL and rerun)"
actual=$(sha256sum "$TMP/adapter/wasi_snapshot_preview1.reactor.wasm" | cut -d' ' -f1)
[ "$actual" = "$ADAPTER_SHA256" ] ||
  die "$ADAPTER_MEMBER in $TARBALL has sha256 $actual, expected $ADAPTER_SHA256 (pinned in $HERE/complete-bundle.sh): the download is not jco $JCO_VERSION's; delete $TARBALL and rerun"
wasm-validate "$TMP/adapter/wasi_snapshot_preview1.reactor.wasm" ||
  die "the preview1 adapter from $TARBALL does not validate"

[ -f "$SOURCES/dl/$LICENSE_TARBALL" ] ||
  die "$SOURCES/dl/$LICENSE_TARBALL is missing (build-runtime.sh downloads it; rerun it)"
tar -xJf "$SOURCES/dl/$LICENSE_TARBALL" -O "$LICENSE_MEMBER" >"$TMP/adapter/LICENSE.text" ||
  die "$LICENSE_TARBALL has no $LICENSE_MEMBER"
actual=$(sha256sum "$TMP/adapter/LICENSE.text" | cut -d' ' -f1)
[ "$actual" = "$LICENSE_SHA256" ] || die "$LICENSE_MEMBER has sha256 $actual, expected $LICENSE_SHA256"
{
  echo "adapter/wasi_snapshot_preview1.reactor.wasm: the WASI preview1 adapter (reactor) of"
  echo "wasmtime's wasi-preview1-component-adapter, as shipped in the npm package"
  echo "@bytecodealliance/jco@$JCO_VERSION ($ADAPTER_MEMBER), sha256 $ADAPTER_SHA256."
  echo "Licence: $ADAPTER_LICENSE_SPDX. Its text follows."
  echo
  cat "$TMP/adapter/LICENSE.text"
} >"$TMP/adapter/LICENSE"
rm "$TMP/adapter/LICENSE.text"

# ---- the SDK layer: the compiler driver and the COMDAT identity header -------------------------
# Before the glue, which is compiled with the header too. The core's header is a hard link into
# the core bundle: it is removed and written anew, never written through.
rm -f "$TMP/sdk/sysroot/include/wasi/toolchain-id.h"
python3 -I -B "$HERE/src/main/layer/comdat_identity.py" "$CORE/sdk/sysroot/include/wasi/toolchain-id.h" \
  "$TMP/sdk/sysroot/include/wasi/toolchain-id.h" || die "writing the COMDAT <wasi/toolchain-id.h> failed"
mkdir -p "$TMP/sdk/bin"
for driver in wasm32-wasi-clang wasm32-wasi-clang++; do
  cp "$HERE/src/main/sdk/bin/$driver" "$TMP/sdk/bin/$driver"
  chmod 755 "$TMP/sdk/bin/$driver"
done

# ---- the glue --------------------------------------------------------------------------------------
LOGS=$ROOT/logs/full-$KEY
mkdir -p "$LOGS"
if ! OBJ_DIR=$TMP.obj bash "$HERE/src/main/c/glue/build.sh" "$TMP/sdk" "$TMP/lib" >"$LOGS/glue.log" 2>&1; then
  cat "$LOGS/glue.log" >&2
  die "building libcomponentize.so failed (log: $LOGS/glue.log)"
fi
rm -rf "$TMP.obj"
wasm-validate "$TMP/lib/libcomponentize.so" 2>"$LOGS/validate.log" ||
  die "wasm-validate rejects libcomponentize.so (see $LOGS/validate.log)"

python3 -I -B "$HERE/src/main/layer/notice.py" "$TMP" --sources "$SOURCES" >"$LOGS/notice.log" 2>&1 ||
  { cat "$LOGS/notice.log" >&2; die "writing NOTICE and licenses/ failed (log: $LOGS/notice.log)"; }

# ---- the runtime's own Python modules ----------------------------------------------------------
# A new file in the copy's stdlib directory (cp -al made the directories real, so the core bundle
# does not see it).
for module in "$HERE"/src/main/python/*.py; do
  python3 -I -B -c 'import ast, sys; ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])' "$module" ||
    die "$module is not valid Python"
  install -m 0644 "$module" "$TMP/python/lib/python3.13/$(basename "$module")"
done

# The core's checks over every library, now including the glue: dylink.0, one identity section
# agreeing with the others, every import provided by a needed library.
python3 -I -B "$HERE/src/main/tools/bundle_tool.py" check "$TMP" >"$LOGS/check.log" 2>&1 ||
  { cat "$LOGS/check.log" >&2; die "structural checks failed (log: $LOGS/check.log)"; }
python3 -I -B "$HERE/src/main/layer/layer_manifest.py" "$TMP" --key "$KEY" \
  --adapter-source "npm:@bytecodealliance/jco@$JCO_VERSION/$ADAPTER_MEMBER" \
  --adapter-license "$ADAPTER_LICENSE_SPDX" >"$LOGS/manifest.log" 2>&1 ||
  { cat "$LOGS/manifest.log" >&2; die "writing manifest.json failed (log: $LOGS/manifest.log)"; }

cache_publish "$TMP" "$BUNDLE"
log "complete runtime bundle built in $(($(date +%s) - started)) s: $BUNDLE"
cache_hand_out "$BUNDLE"
