#!/usr/bin/env bash
# Runs one Python statement on the CPython runtime bundle and prints what it printed:
#
#   scripts/run-python.sh 'print(1+1)'
#
# Ensures the bundle is built (runtime/build-runtime.sh: seconds when cached, ~10 minutes from
# scratch), then runs the bundle's python.wasm on Chicory (WASI preview1, the standard library in
# an in-memory file system) through the runtime module's launcher. Only the guest's output is
# printed; the exit status is the guest's.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: scripts/run-python.sh '<python statement>'" >&2
  exit 2
fi
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib.sh
source "$REPO/scripts/lib.sh"
mkdir -p "$REPO/runtime/target"
BUILD_LOG=$REPO/runtime/target/run-python-build.log

if ! BUNDLE=$("$REPO/runtime/build-runtime.sh" --link "$REPO/runtime/target/runtime" 2>"$BUILD_LOG"); then
  cat "$BUILD_LOG" >&2
  die "building the runtime bundle failed (log: $BUILD_LOG)"
fi

export COMPONENTIZE_PYTHON_STATEMENT="$1"
export COMPONENTIZE_RUNTIME_DIR="$BUNDLE"
# The bundle is built: the build step Maven runs again only confirms it, silently.
export COMPONENTIZE_RUNTIME_QUIET=1
# Maven 3.8's console still writes bare ANSI resets ("ESC[0m") in batch mode: filter them out.
strip_resets() { sed -u 's/\x1b\[0m//g'; }
mvn -B -q -f "$REPO/runtime/pom.xml" test-compile exec:java \
  -Dexec.mainClass=dev.componentize.runtime.RunPython -Dexec.classpathScope=test \
  2> >(strip_resets >&2) | strip_resets
