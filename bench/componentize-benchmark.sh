#!/usr/bin/env bash
# Componentize time of the hello app, stage by stage, with the pre-initialization's phases and CPU
# time beside wall time (docs/design/performance.md): a cold build, then builds with app.py edited (full
# pre-initialization, warm JVM) alternating with unchanged ones (snapshot cache hit). Builds (or
# reuses) the complete runtime bundle.
#   bash bench/componentize-benchmark.sh [rounds]     (default 5)
# Extra options: JAVA_OPTS (the JVM), MVN_ARGS (Maven, e.g. "-o -Dmaven.repo.local=...").
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(bash runtime/complete-bundle.sh)
mvn -B -q ${MVN_ARGS:-} -pl linker-core -am install -DskipTests
mvn -B -q ${MVN_ARGS:-} -pl runtime test-compile dependency:build-classpath -Dexec.skip=true \
  -Dcomponentize.runtime.dir="$bundle" \
  -Dmdep.outputFile=target/componentize-benchmark.classpath -Dmdep.includeScope=test
# exec:java would also run the module's bundle executions; plain java runs only the benchmark.
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "runtime/target/test-classes:$(cat runtime/target/componentize-benchmark.classpath)" \
  dev.componentize.runtime.pipeline.ComponentizeBenchmark "$bundle" "${1:-5}"
