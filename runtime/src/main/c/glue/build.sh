#!/usr/bin/env bash
# Builds libcomponentize.so, the C glue of Python components (docs/design/python-glue.md).
#
#   build.sh SDK_DIR LIB_DIR
#
# SDK_DIR  the runtime bundle's sdk/ layout: SDK_DIR/sysroot (wasi-libc headers with
#          <wasi/toolchain-id.h>) and SDK_DIR/include/python3.13 (CPython's headers)
# LIB_DIR  the bundle's lib/ directory: holds libc.so and libpython3.13.so, which the glue is
#          linked against (they become its dylink.0 `needed` entries); libcomponentize.so is
#          written there.
#
# Environment: CC_WASM (default clang-19), LD_WASM (default wasm-ld-19), OBJ_DIR (scratch
# directory for objects; default: a temporary directory removed afterwards).
set -euo pipefail

if [ $# -ne 2 ]; then
  sed -n '2,12p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SDK=$(cd "$1" && pwd)
LIB=$(cd "$2" && pwd)
CC_WASM=${CC_WASM:-clang-19}
LD_WASM=${LD_WASM:-wasm-ld-19}

for f in "$SDK/sysroot/include/wasi/toolchain-id.h" "$SDK/include/python3.13/Python.h" \
  "$LIB/libc.so" "$LIB/libpython3.13.so"; do
  [ -f "$f" ] || { echo "glue/build.sh: $f is missing" >&2; exit 1; }
done

if [ -n "${OBJ_DIR:-}" ]; then
  mkdir -p "$OBJ_DIR"
  OBJ=$OBJ_DIR
else
  OBJ=$(mktemp -d)
  trap 'rm -rf "$OBJ"' EXIT
fi

# Hidden by default: only the entry points marked EXPORT (runtime.c) become dylink exports, so the
# glue's internals can never clash with a symbol of libpython or an extension module.
CFLAGS=(--target=wasm32-wasi "--sysroot=$SDK/sysroot" "-I$SDK/include/python3.13"
  -O2 -DNDEBUG -fPIC -fvisibility=hidden -std=c11 -Wall -Wextra -Werror
  -Wno-unused-parameter -Wno-missing-field-initializers)
for src in abi descriptor runtime identity; do
  "$CC_WASM" "${CFLAGS[@]}" -c "$HERE/$src.c" -o "$OBJ/$src.o"
done

# The two symbols libworld.so provides (componentize_world, componentize_call_import) are weak
# references (runtime.c) and become weak imports; everything else must resolve against
# libc/libpython, so no --allow-undefined.
BUILTINS=$("$CC_WASM" --target=wasm32-wasi -print-libgcc-file-name)
"$LD_WASM" -shared --no-entry --export=__wasm_call_ctors --strip-debug \
  -o "$LIB/libcomponentize.so" \
  "$OBJ/abi.o" "$OBJ/descriptor.o" "$OBJ/runtime.o" "$OBJ/identity.o" \
  "$LIB/libpython3.13.so" "$LIB/libc.so" "$BUILTINS"
echo "$LIB/libcomponentize.so"
