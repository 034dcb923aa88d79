#!/usr/bin/env bash
# Component encoding figures for a linked Python program (WorldEncoder.encodeProgram): component
# size with each core module's share, first-call and warm median encoding time. Builds (or reuses)
# the complete runtime bundle (with the glue and the preview1 reactor adapter); needs clang-19 and
# the test tools (scripts/install-test-tools.sh).
#   bash bench/encode-program-benchmark.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(bash runtime/complete-bundle.sh)
adapter=$bundle/adapter/wasi_snapshot_preview1.reactor.wasm
mvn -B -q -pl linker-core install -DskipTests
mvn -B -q -pl runtime test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.componentize.runtime.component.EncodeProgramBenchmark \
  -Dexec.args="$bundle $adapter ${1:-20}"
