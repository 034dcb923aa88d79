#!/usr/bin/env bash
# Rebuilds the checked-in test modules from their C sources (Debian clang-19).
#   no libc:   clang-19 --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all -o X.wasm X.c
#   wasi-libc: clang-19 --target=wasm32-wasi --sysroot=<runtime bundle>/sdk/sysroot -O2 -s \
#                -o command.wasm command.c        (and -mexec-model=reactor for reactor.c)
# The wasi-libc sysroot comes from the runtime bundle cache (runtime/build-runtime.sh); without it
# command.wasm and reactor.wasm are left as checked in.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../../../scripts/lib.sh
source "$here/../../../../../scripts/lib.sh"
out_dir="$here/../../resources/component"
for name in kitchen resources hello; do
  clang-19 --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all \
    -o "$out_dir/$name.wasm" "$here/$name.c"
  echo "wrote $out_dir/$name.wasm ($(wc -c <"$out_dir/$name.wasm") bytes)"
done
bundle=$(newest_complete "$CACHE_ROOT/runtime")
sysroot=${bundle:+$bundle/sdk/sysroot}
if [ -n "$sysroot" ]; then
  clang-19 --target=wasm32-wasi --sysroot="$sysroot" -O2 -s -o "$out_dir/command.wasm" "$here/command.c"
  clang-19 --target=wasm32-wasi -mexec-model=reactor --sysroot="$sysroot" -O2 -s \
    -o "$out_dir/reactor.wasm" "$here/reactor.c"
  echo "wrote command.wasm and reactor.wasm with the sysroot $sysroot"
else
  echo "no wasi-libc sysroot under $CACHE_ROOT/runtime: command.wasm and reactor.wasm not rebuilt"
fi
