#!/bin/bash
# Overwrites 64 bytes in the middle of the build's only snapshot cache entry with random bytes,
# as a bad disk, an interrupted restore or a hand would.
set -euo pipefail
entries=(target/cache/*.snapshot)
[ "${#entries[@]}" -eq 1 ] && [ -f "${entries[0]}" ] || { echo "expected one snapshot entry: ${entries[*]}" >&2; exit 1; }
size=$(stat -c %s "${entries[0]}")
head -c 64 /dev/urandom | dd of="${entries[0]}" bs=1 seek=$((size / 2)) conv=notrunc status=none
echo "damaged ${entries[0]} at offset $((size / 2))"
