#!/usr/bin/env bash
# The README's test command: installs what the build needs, then builds every module and runs
# every test (unit tests, the runtime smoke test, integration tests).
#
#   bash scripts/build-and-test.sh            # everything
#   MAVEN_ARGS="-o" bash scripts/build-and-test.sh   # extra Maven arguments, e.g. offline
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Java and Maven"
if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    openjdk-17-jdk-headless maven >/dev/null
fi
# (No `| head` here: with pipefail, the writer's SIGPIPE would fail the script.)
java -version
mvn -v

step "C toolchain for wasm32-wasi (clang-19, lld-19, wabt, deb-src entries)"
bash scripts/install-toolchain.sh

if [ -f scripts/install-test-tools.sh ]; then
  step "Test tools (jco, wasm-tools, wasmtime)"
  bash scripts/install-test-tools.sh
fi

step "Build and test (mvn install)"
# shellcheck disable=SC2086
mvn -B -ntp ${MAVEN_ARGS:-} install

step "Short fuzz pass: wasm, dylink.0, WIT and wheel readers, 15 s each (docs/fuzzing.md)"
bash scripts/fuzz.sh 15
