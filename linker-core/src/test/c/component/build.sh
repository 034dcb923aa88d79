#!/usr/bin/env bash
# Rebuilds the checked-in test module from kitchen.c (Debian clang-19; no libc needed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../resources/component/kitchen.wasm"
clang-19 --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all -o "$out" "$here/kitchen.c"
echo "wrote $out ($(wc -c <"$out") bytes)"
