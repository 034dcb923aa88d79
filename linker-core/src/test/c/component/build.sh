#!/usr/bin/env bash
# Rebuilds the checked-in test modules from their C sources (Debian clang-19; no libc needed):
#   clang-19 --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all -o X.wasm X.c
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for name in kitchen resources hello; do
  out="$here/../../resources/component/$name.wasm"
  clang-19 --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all -o "$out" "$here/$name.c"
  echo "wrote $out ($(wc -c <"$out") bytes)"
done
