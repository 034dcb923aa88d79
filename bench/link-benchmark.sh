#!/usr/bin/env bash
# Linker figures on the real runtime bundle: parse+write MB/s and link time (median, warm JVM),
# peak heap. Builds (or reuses) the runtime bundle first.
#   bash bench/link-benchmark.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(bash runtime/build-runtime.sh)
mvn -B -q -pl linker-core install -DskipTests
mvn -B -q -pl runtime test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.componentize.runtime.bench.LinkBenchmark \
  -Dexec.args="$bundle ${1:-20}"
