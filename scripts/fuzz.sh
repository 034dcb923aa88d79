#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers that take untrusted input (docs/fuzzing.md): the wasm
# reader, the dylink.0 reader, the WIT loader and the wheel reader. Runs the Jazzer @FuzzTests of
# linker-core one after the other (never in parallel: each keeps a core busy) for SECONDS each.
#
#   bash scripts/fuzz.sh                 # 60 s per target
#   bash scripts/fuzz.sh 600             # 10 min per target
#   bash scripts/fuzz.sh 300 WitLoaderFuzzTest#witText     # one target
#   MAVEN_ARGS="-o" bash scripts/fuzz.sh 30                  # extra Maven arguments
#
# Needs linker-core's dependencies resolved (any earlier build of the module does that). A crash
# is written by Jazzer into the target's inputs directory under linker-core/src/test/resources/
# (crash-<sha1>), where the normal test run replays it from then on; the script stops at the first
# failing target and prints the test's report. The generated corpus is kept between runs in
# linker-core/.cifuzz-corpus/ (git-ignored), so longer runs continue where the last one stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
case "$seconds" in
  '' | *[!0-9]*) echo "usage: $0 [seconds-per-target] [Class#method...]" >&2; exit 2 ;;
esac
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    WasmReaderFuzzTest#coreModule
    DylinkSectionFuzzTest#dylinkSection
    WitLoaderFuzzTest#witText
    WheelFileFuzzTest#wheelArchive
  )
fi

# Compile once; each target then only runs surefire.
# shellcheck disable=SC2086
mvn -B -q -ntp ${MAVEN_ARGS:-} -pl linker-core test-compile

for target in "${targets[@]}"; do
  printf '\n==> fuzzing %s for %s s\n' "$target" "$seconds"
  # JAZZER_FUZZ switches @FuzzTest from replaying its inputs to fuzzing; JAZZER_MAX_DURATION
  # overrides the annotation's default of 5 minutes. One fuzz test per JVM is a Jazzer rule.
  # -Xmx bounds the JVM so that an input which allocates without limit fails as an
  # OutOfMemoryError finding instead of swapping the machine. Jazzer turns each test's
  # @Timeout into libFuzzer's per-input -timeout (a slower input is a hang finding); JUnit's own
  # enforcement of it is switched off, as it would end the whole fuzzing run, one invocation.
  # shellcheck disable=SC2086
  if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" \
    mvn -B -ntp ${MAVEN_ARGS:-} -pl linker-core surefire:test \
      -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djunit.jupiter.execution.timeout.mode=disabled -DargLine="-Xmx1g -Xss1m" >"linker-core/target/fuzz-${target%%#*}.log" 2>&1; then
    echo "FINDING in $target: see linker-core/target/fuzz-${target%%#*}.log and the new crash-*"
    echo "file under linker-core/src/test/resources/dev/componentize/core/*/${target%%#*}Inputs/"
    grep -E 'Tests run|FAIL|Exception|Error' "linker-core/target/fuzz-${target%%#*}.log" | head -20
    exit 1
  fi
  # libFuzzer's final statistics: executions and corpus size for this target.
  grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs' \
    "linker-core/target/fuzz-${target%%#*}.log" | tail -2 || true
done
echo "no findings"
