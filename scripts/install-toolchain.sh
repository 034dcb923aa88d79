#!/usr/bin/env bash
# Installs what building and testing componentize-maven needs on a Debian machine.
# Idempotent: safe to run again; it only installs what is missing.
#
#   clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32  the wasm32-wasi C toolchain (clang-16 cannot
#                                                     emit position-independent code for wasm32)
#   wabt                                              wasm-validate / wasm-objdump for structural checks
#   tclsh, python3, cc, node + npm                    only where the command is missing: SQLite's
#                                                     amalgamation (tclsh), bundle tools and tests
#                                                     (python3, cc), test tools (jco via npm)
#   deb-src entries                                   so `apt-get source` reaches python3.13 and zlib
#                                                     (trixie) and wasi-libc 9886d3d (bookworm)
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

PACKAGES=(clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32 wabt dpkg-dev xz-utils zstd)
SRC_LIST=/etc/apt/sources.list.d/componentize-maven-src.sources

need_update=0
if [ ! -f "$SRC_LIST" ]; then
  echo "install-toolchain: adding deb-src entries ($SRC_LIST)"
  $SUDO tee "$SRC_LIST" >/dev/null <<'SOURCES'
# Added by componentize-maven scripts/install-toolchain.sh: source packages only.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  need_update=1
fi

# Commands that may come from elsewhere than Debian (pyenv, NodeSource): install only if absent.
for tool in tclsh:tcl python3:python3 cc:gcc node:nodejs npm:npm; do
  if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
    PACKAGES+=("${tool##*:}")
  fi
done

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "$need_update" = 1 ] || [ "${#missing[@]}" -gt 0 ] || ! apt-cache showsrc wasi-libc 2>/dev/null | grep -q 9886d3d; then
  $SUDO apt-get update -qq
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-toolchain: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

clang-19 --version | sed -n 1p
wasm-ld-19 --version | sed -n 1p
wasm-validate --version
echo "install-toolchain: ready"
