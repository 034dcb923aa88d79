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
#                                                     (trixie, forky) and wasi-libc 9886d3d
#                                                     (bookworm), from the configured Debian archive
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

PACKAGES=(clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32 wabt dpkg-dev xz-utils zstd)
SRC_LIST=/etc/apt/sources.list.d/componentize-maven-src.sources

need_update=0
# The source entries use the Debian archive this machine is already configured for: the first
# `Types: deb` URI (deb822) or `deb` line URI in /etc/apt/sources.list* whose suite is a Debian
# release, so no host is written here.
debian_uri() {
  local f uri
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '
      /^[[:space:]]*deb[[:space:]]/ { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) { u = $i; s = $(i + 1); break }
                                      if (s ~ /^(bookworm|trixie|forky|sid)$/ && u !~ /security/) { print u; exit } }
      /^URIs:/   { u = $2 }
      /^Suites:/ { if ($2 ~ /^(bookworm|trixie|forky|sid)$/ && u !~ /security/) { print u; exit } }
    ' "$f")
    # (No pipe into head: with pipefail, the writer's SIGPIPE would fail the script.)
    if [ -n "$uri" ]; then
      echo "$uri"
      return 0
    fi
  done
}
DEBIAN_URI=$(debian_uri)
[ -n "$DEBIAN_URI" ] || die "no Debian archive found in /etc/apt/sources.list* to take source packages from"
if [ ! -f "$SRC_LIST" ] || ! grep -q "^URIs: $DEBIAN_URI\$" "$SRC_LIST" || ! grep -q forky "$SRC_LIST"; then
  log "adding deb-src entries ($SRC_LIST) for the configured Debian archive"
  printf '%s\n' '# Added by componentize-maven scripts/install-toolchain.sh: source packages only,' \
    '# from the Debian archive the machine is configured for.' \
    'Types: deb-src' "URIs: $DEBIAN_URI" 'Suites: bookworm trixie forky' 'Components: main' \
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' | $SUDO tee "$SRC_LIST" >/dev/null
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
  log "installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

clang-19 --version | sed -n 1p
wasm-ld-19 --version | sed -n 1p
wasm-validate --version
log "ready"
