#!/usr/bin/env bash
# Ours vs componentize-py on the same three apps (issue 7 item 1, issue 5 item 5). Run on demand,
# not in CI: a full run takes 30-60 minutes on 2 cores.
#
#   bash bench/compare.sh [runs]          (default 3 runs of everything that is measured)
#
# Apps (bench/apps/<app>/{world.wit,app.py}, the same WIT and Python source for both tools):
#   hello   a wasi:cli/command CLI (the app implements wasi:cli/run)
#   lists   a custom world with list-heavy exports (sum/sort of list<u32>, list<record>)
#   stdlib  a custom world whose app imports json, decimal and re
#
# Figures, medians over the runs, and the ratio ours/theirs:
#   cold    componentize wall time of a fresh process (ours: a new `java` per build running
#           bench CompareBenchmark -> Componentizer.componentize; theirs: the componentize-py CLI)
#   warm    ours: median of the in-process rounds after the first (the JVM and Endive warm);
#           componentize-py is a native CLI with no warm mode, so its cold figure stands for both
#   size    bytes of the component
#   rss     peak resident memory of the build process (/usr/bin/time -v)
#   wasmtime  wall time of `wasmtime run --allow-precompiled` on the precompiled component
#           (process start, instantiation, first call, exit), after `wasmtime compile`
#   jco     instantiate() plus the first call in node (core modules compiled beforehand),
#           after `jco transpile`, from bench/host/first-call.mjs
#   sort100k  (lists only) one sort(list<u32>) call with 100k elements under jco
# The table goes to stdout and, with date, machine, load, versions and command, to
# bench/RESULTS.md.
#
# Environment: COMPONENTIZE_RUNTIME_DIR (a complete runtime bundle; default: runtime/complete-bundle.sh
# builds or reuses it), MAVEN_ARGS (extra Maven arguments, e.g. "-o -Dmaven.repo.local=..."),
# WARM_ROUNDS (in-process rounds after the first; default 2), RUNTIME_RUNS (wasmtime and jco runs,
# cheap and noisy on a loaded machine; default 10), BENCH_APPS (a subset, e.g. "hello"),
# BENCH_WORK (scratch directory), BENCH_REUSE_BUILDS=1 (with BENCH_WORK of an earlier run: keep its
# build figures and components, measure wasmtime and jco again).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-3}
WARM_ROUNDS=${WARM_ROUNDS:-2}
RUNTIME_RUNS=${RUNTIME_RUNS:-10}
REUSE=${BENCH_REUSE_BUILDS:-0}
read -r -a APPS <<<"${BENCH_APPS:-hello lists stdlib}"
COMPONENTIZE_PY_VERSION=0.25.1
# componentize-py bundles its own CPython (3.14 in 0.25.1); our runtime bundle is CPython 3.13.
COMPONENTIZE_PY_PYTHON=3.14
WASI_VERSION=0.2.12

# shellcheck source=../scripts/lib.sh
source scripts/lib.sh
TOOLS="$CACHE_ROOT/tools"
WORK=${BENCH_WORK:-$(mktemp -d /tmp/componentize-compare.XXXXXX)}
mkdir -p "$WORK"
read -r -a MVN_EXTRA <<<"${MAVEN_ARGS:-}"

# --- tools ---------------------------------------------------------------------------------------
bash scripts/install-test-tools.sh >"$WORK/tools.txt"
WASMTIME=$(sed -n 's/^wasmtime=//p' "$WORK/tools.txt")
JCO_HOME=$(sed -n 's/^jco-home=//p' "$WORK/tools.txt")
[ -n "$WASMTIME" ] || die "wasmtime is missing (see scripts/install-test-tools.sh)"
JCO="$JCO_HOME/node_modules/@bytecodealliance/jco/dist/jco.js"

CPY_HOME="$TOOLS/componentize-py"
CPY="$CPY_HOME/bin/componentize-py"
if [ "$("$CPY" --version 2>/dev/null)" != "componentize-py $COMPONENTIZE_PY_VERSION" ]; then
  log "installing componentize-py==$COMPONENTIZE_PY_VERSION (PyPI) into $CPY_HOME"
  rm -rf "$CPY_HOME"
  python3 -m venv "$CPY_HOME"
  "$CPY_HOME/bin/pip" install --quiet --disable-pip-version-check \
    "componentize-py==$COMPONENTIZE_PY_VERSION"
fi

# --- our side: runtime bundle with the glue, adapter, classpath ----------------------------------
# The complete bundle (core + glue + preview1 reactor adapter), built or reused.
BUNDLE=${COMPONENTIZE_RUNTIME_DIR:-$(bash runtime/complete-bundle.sh)}
ADAPTER="$BUNDLE/adapter/wasi_snapshot_preview1.reactor.wasm"
for part in lib/libcomponentize.so adapter/wasi_snapshot_preview1.reactor.wasm; do
  [ -f "$BUNDLE/$part" ] ||
    die "$BUNDLE has no $part: use a complete bundle (runtime/complete-bundle.sh)"
done
if [ "$REUSE" != 1 ]; then
  mvn -B -q "${MVN_EXTRA[@]}" -pl linker-core install -Dmaven.test.skip=true
  mvn -B -q "${MVN_EXTRA[@]}" -pl runtime test-compile dependency:build-classpath -Dexec.skip=true \
    -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test
fi
CLASSPATH_OURS="$ROOT/runtime/target/test-classes:$(cat "$WORK/classpath.txt")"

# --- helpers -------------------------------------------------------------------------------------
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else print v[int((NR+1)/2)]}'; }
minimum() { sort -g | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a/b; else print "-"}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }

# Runs "$@" under /usr/bin/time; appends "wall_seconds max_rss_kb" to the file $TIMED_OUT.
timed() {
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@"
  cat "$WORK/time.txt" >>"$TIMED_OUT"
}

# The same WIT for componentize-py: it has no built-in WASI packages, so the WASI 0.2.12 WIT we
# ship (linker-core resources) goes beside the world as deps/.
wit_for_componentize_py() {
  local app=$1 dir="$WORK/wit-$1"
  local wasi="$ROOT/linker-core/src/main/resources/dev/componentize/core/wit/wasi/$WASI_VERSION"
  rm -rf "$dir"
  mkdir -p "$dir/deps"
  cp "bench/apps/$app/world.wit" "$dir/"
  for package in "$wasi"/wasi-*; do
    mkdir -p "$dir/deps/$(basename "$package")"
    cp "$package/package.wit" "$dir/deps/$(basename "$package")/"
  done
  echo "$dir"
}

# How wasmtime calls the app's first export, and what it must print.
wasmtime_args() {
  case $1 in
    hello) echo "--env GREETING=hi" ;;
    lists) echo "--invoke sum([1,2,3])" ;;
    stdlib) echo "--invoke invoice(\"{\\\"items\\\":[{\\\"name\\\":\\\"tea\\\",\\\"price\\\":\\\"1.10\\\",\\\"qty\\\":5}]}\")" ;;
  esac
}
wasmtime_expect() {
  case $1 in
    hello) echo "GREETING: hi" ;;
    lists) echo "6" ;;
    stdlib) echo '5.50' ;;
  esac
}

# Times the built component $2 of tool $1 for app $3 on wasmtime and jco; appends to the files.
measure_runtime() {
  local tool=$1 wasm=$2 app=$3 out="$WORK/$1-$3"
  "$WASMTIME" compile "$wasm" -o "$out.cwasm"
  local args
  read -r -a args <<<"$(wasmtime_args "$app")"
  rm -f "$WORK/$tool-$app.wasmtime" "$WORK/$tool-$app.jco" "$WORK/$tool-$app.sort"
  for _ in $(seq "$RUNTIME_RUNS"); do
    local start end
    start=$(now_ns)
    "$WASMTIME" run --allow-precompiled "${args[@]}" "$out.cwasm" >"$out.wasmtime.txt"
    end=$(now_ns)
    grep -qF "$(wasmtime_expect "$app")" "$out.wasmtime.txt" ||
      { log "$tool $app: wrong wasmtime output:"; cat "$out.wasmtime.txt" >&2; exit 1; }
    echo "$(((end - start) / 1000))" | awk '{printf "%.1f\n", $1/1000}' >>"$WORK/$tool-$app.wasmtime"
  done
  rm -rf "$out.transpiled"
  node "$JCO" transpile "$wasm" --name "$app" --quiet --instantiation async -o "$out.transpiled"
  echo '{"type":"module"}' >"$out.transpiled/package.json"
  ln -s "$JCO_HOME/node_modules" "$out.transpiled/node_modules"
  for _ in $(seq "$RUNTIME_RUNS"); do
    # componentize-py's modules use extended-const, which Node 20 ships behind a flag.
    node --experimental-wasm-extended-const bench/host/first-call.mjs "$out.transpiled" "$app" "$app" \
      >"$out.jco.txt"
    sed -n 's/^to_first_result_ms=//p' "$out.jco.txt" >>"$WORK/$tool-$app.jco"
    sed -n 's/^sort_100k_ms=//p' "$out.jco.txt" >>"$WORK/$tool-$app.sort"
  done
}

# --- measure -------------------------------------------------------------------------------------
LOAD_BEFORE=$(load)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if [ "$REUSE" = 1 ]; then
  [ -f "$WORK/builds-started.txt" ] ||
    die "BENCH_REUSE_BUILDS=1 needs BENCH_WORK of an earlier complete run"
else
  echo "$STARTED" >"$WORK/builds-started.txt"
  git rev-parse --short HEAD >"$WORK/builds-commit.txt"
  basename "$BUNDLE" >"$WORK/builds-bundle.txt"
fi
declare -A LOADS
for app in "${APPS[@]}"; do
  LOADS[$app]=$(load)
  if [ "$REUSE" = 1 ]; then
    log "$app: reusing the builds of $(cat "$WORK/builds-started.txt")"
  else
    log "$app: ours, $RUNS cold builds (fresh JVM each)"
    TIMED_OUT="$WORK/ours-$app.cold"
    rm -f "$TIMED_OUT" "$WORK/cpy-$app.cold"
    for run in $(seq "$RUNS"); do
      timed java -cp "$CLASSPATH_OURS" dev.componentize.runtime.bench.CompareBenchmark \
        "$BUNDLE" "$ADAPTER" "bench/apps/$app/world.wit" "$app" "bench/apps/$app" \
        "$WORK/ours-$app.wasm" "$WORK/ours-work-$app" 1 >"$WORK/ours-$app.cold-$run.txt"
    done
    log "$app: ours, 1 + $WARM_ROUNDS rounds in one JVM"
    java -cp "$CLASSPATH_OURS" dev.componentize.runtime.bench.CompareBenchmark \
      "$BUNDLE" "$ADAPTER" "bench/apps/$app/world.wit" "$app" "bench/apps/$app" \
      "$WORK/ours-$app.wasm" "$WORK/ours-work-$app" "$((WARM_ROUNDS + 1))" >"$WORK/ours-$app.warm.txt"
    grep -v '^round=0 ' "$WORK/ours-$app.warm.txt" | sed -n 's/^round=[0-9]* ms=\([0-9]*\) .*/\1/p' |
      awk '{print $1/1000}' >"$WORK/ours-$app.warm"

    log "$app: componentize-py, $RUNS builds"
    wit=$(wit_for_componentize_py "$app")
    TIMED_OUT="$WORK/cpy-$app.cold"
    for _ in $(seq "$RUNS"); do
      timed "$CPY" --quiet -d "$wit" -w "$app" componentize -p "bench/apps/$app" app \
        -o "$WORK/cpy-$app.wasm"
    done
  fi

  log "$app: wasmtime and jco"
  measure_runtime ours "$WORK/ours-$app.wasm" "$app"
  measure_runtime cpy "$WORK/cpy-$app.wasm" "$app"
done
LOAD_AFTER=$(load)
LOAD_LINE="before $LOAD_BEFORE; at the start of each app: $(for app in "${APPS[@]}"; do printf '%s %s; ' "$app" "${LOADS[$app]}"; done)after $LOAD_AFTER"
if [ "$REUSE" != 1 ]; then
  echo "$LOAD_LINE" >"$WORK/builds-load.txt"
fi

# --- report --------------------------------------------------------------------------------------
col() { awk -v c="$2" '{print $c}' "$1" | median; }
{
  echo "| app | metric | ours | componentize-py | ours/theirs |"
  echo "|---|---|---:|---:|---:|"
  for app in "${APPS[@]}"; do
    oc=$(col "$WORK/ours-$app.cold" 1); tc=$(col "$WORK/cpy-$app.cold" 1)
    ow=$(median <"$WORK/ours-$app.warm")
    os=$(stat -c %s "$WORK/ours-$app.wasm"); ts=$(stat -c %s "$WORK/cpy-$app.wasm")
    orss=$(col "$WORK/ours-$app.cold" 2); trss=$(col "$WORK/cpy-$app.cold" 2)
    ow8=$(median <"$WORK/ours-$app.wasmtime"); tw8=$(median <"$WORK/cpy-$app.wasmtime")
    oj=$(median <"$WORK/ours-$app.jco"); tj=$(median <"$WORK/cpy-$app.jco")
    echo "| $app | componentize, cold JVM (s) | $oc | $tc | $(ratio "$oc" "$tc") |"
    echo "| $app | componentize, warm JVM (s) | $ow | $tc (no warm mode) | $(ratio "$ow" "$tc") |"
    echo "| $app | component size (MB) | $(ratio "$os" 1000000) | $(ratio "$ts" 1000000) | $(ratio "$os" "$ts") |"
    echo "| $app | peak RSS of the build (MB) | $(ratio "$orss" 1000) | $(ratio "$trss" 1000) | $(ratio "$orss" "$trss") |"
    # Latencies of tens of milliseconds suffer most from a shared CPU: the minimum is shown too.
    ow8m=$(minimum <"$WORK/ours-$app.wasmtime"); tw8m=$(minimum <"$WORK/cpy-$app.wasmtime")
    ojm=$(minimum <"$WORK/ours-$app.jco"); tjm=$(minimum <"$WORK/cpy-$app.jco")
    echo "| $app | wasmtime run, precompiled (ms; min) | $ow8 ($ow8m) | $tw8 ($tw8m) | $(ratio "$ow8" "$tw8") |"
    echo "| $app | jco instantiate + first call (ms; min) | $oj ($ojm) | $tj ($tjm) | $(ratio "$oj" "$tj") |"
    if [ "$app" = lists ]; then
      osort=$(median <"$WORK/ours-$app.sort"); tsort=$(median <"$WORK/cpy-$app.sort")
      echo "| $app | jco sort(list<u32>) of 100k (ms) | $osort | $tsort | $(ratio "$osort" "$tsort") |"
    fi
  done
} >"$WORK/table.md"
cat "$WORK/table.md"

{
  echo "# Benchmark: componentize-maven vs componentize-py"
  echo
  echo "Generated by \`bash bench/compare.sh $RUNS\` (WARM_ROUNDS=$WARM_ROUNDS, RUNTIME_RUNS=$RUNTIME_RUNS):"
  echo "builds on $(cat "$WORK/builds-started.txt"), medians over $RUNS runs (warm: the median of"
  echo "$WARM_ROUNDS in-process round(s) after the first); wasmtime and jco on $STARTED, medians over"
  echo "$RUNTIME_RUNS runs."
  echo "Do not edit by hand; rerun the script."
  echo
  cat "$WORK/table.md"
  echo
  echo "## Conditions"
  echo
  echo "- Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)),"
  echo "  $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME")."
  echo "- Load average (1/5/15 min) during the builds: $(cat "$WORK/builds-load.txt")."
  if [ "$REUSE" = 1 ]; then
    echo "  During the wasmtime and jco runs: $LOAD_LINE."
  fi
  echo "  The machine is shared: with a load above the core count every figure is stretched, both"
  echo "  tools alike (they ran one after the other, never at the same time)."
  echo "- Ours: componentize-maven $(cat "$WORK/builds-commit.txt") (linker-core via"
  echo "  runtime/src/test/java/dev/componentize/runtime/bench/CompareBenchmark.java), CPython 3.13"
  echo "  runtime bundle $(cat "$WORK/builds-bundle.txt") (with its glue and preview1 reactor adapter),"
  echo "  $(java -version 2>&1 | head -1), pre-initialized on Endive (interpreter)."
  echo "- Theirs: componentize-py $COMPONENTIZE_PY_VERSION (PyPI), which bundles CPython $COMPONENTIZE_PY_PYTHON."
  echo "- Hosts: $("$WASMTIME" --version), jco $(node "$JCO" --version 2>/dev/null), node $(node --version)."
  echo
  echo "## What differs between the two builds"
  echo
  echo "- Same world.wit and app.py for both tools (bench/apps/*): the binding shapes coincide"
  echo "  (\`wit_world.WitWorld\` subclass for world exports, \`wit_world.exports.Run\` for"
  echo "  wasi:cli/run, records as dataclasses in \`wit_world\`)."
  echo "- componentize-py gets the WASI $WASI_VERSION WIT as deps/ beside the world (ours has it built in)."
  echo "- Node runs with --experimental-wasm-extended-const: componentize-py's core modules use"
  echo "  extended constant expressions, which Node 20 keeps behind that flag."
  echo "- componentize-py has no warm mode (a native CLI); its one figure is in both rows."
} >bench/RESULTS.md
log "wrote bench/RESULTS.md (scratch files in $WORK)"
