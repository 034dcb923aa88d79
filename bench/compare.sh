#!/usr/bin/env bash
# Ours vs componentize-py on the same three apps (issue 7 item 1, issue 5 item 5, issue 15). Run on
# demand, not in CI: a full run takes 20-40 minutes on 2 cores.
#
#   bash bench/compare.sh [runs] [app...]     (default 3 runs of everything that is measured, all apps)
#   bash bench/compare.sh 1 hello             (a quick run)
#
# Apps (bench/apps/<app>/{world.wit,app.py}, the same WIT and Python source for both tools):
#   hello   a wasi:cli/command CLI (the app implements wasi:cli/run)
#   lists   a custom world with list-heavy exports (sum/sort of list<u32>, list<record>)
#   stdlib  a custom world whose app imports json, decimal and re
#
# Ours is built the way a user builds: `mvn package` in a fresh process on a generated project
# (the archetype's pom, src/main/wit/world.wit, src/main/python/app.py), with the plugin and the
# runtime artifact already in the local Maven repository. Theirs is the componentize-py CLI.
# Figures, medians over the runs, and the ratio ours/theirs:
#   first     first build of the project: ours with an empty cache directory (no snapshot, no
#             bindings bytecode) and no target/; theirs: a CLI run (it keeps nothing between runs)
#   edited    app.py changed (a comment with a counter appended), everything else as in the
#             previous build: ours `mvn package` again (target/ and the cache kept), theirs the CLI
#             on the same edited app.py; the two tools alternate round by round
#   unchanged ours only: `mvn package` with nothing changed (the up-to-date check; Maven's floor)
#   size      bytes of the component
#   rss       peak resident memory of the build process (/usr/bin/time: the largest process of
#             the tree; `mvn` is one JVM, the plugin forks nothing for these apps), first and edited;
#             ours with the archetype's .mvn/jvm.config (the serial collector), and once more for an
#             edited app without it (Maven's JVM defaults: G1, a quarter of RAM as heap limit)
#   wasmtime  wall time of `wasmtime run --allow-precompiled` on the precompiled component
#             (process start, instantiation, first call, exit), after `wasmtime compile`
#   jco       instantiate() plus the first call in node (core modules compiled beforehand),
#             after `jco transpile`, from bench/host/first-call.mjs
#   sort100k  (lists only) one sort(list<u32>) call with 100k elements under jco
# The table goes to stdout and, with date, machine, load, versions and command, to
# bench/RESULTS.md.
#
# Environment: MAVEN_ARGS (extra Maven arguments for every mvn, e.g. "-o -Dmaven.repo.local=...";
# the script installs the plugin and the runtime artifact into that repository first), MAVEN_OPTS
# (passed to ours as a user's would be; unset: Maven's defaults), RUNTIME_RUNS (wasmtime and jco
# runs, cheap and noisy on a loaded machine; default 10), BENCH_APPS (instead of the app
# arguments), BENCH_WORK (scratch directory), BENCH_REUSE_BUILDS=1 (with BENCH_WORK of an earlier
# run: keep its build figures and components, measure wasmtime and jco again).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-3}
shift $(($# > 0 ? 1 : 0))
RUNTIME_RUNS=${RUNTIME_RUNS:-10}
REUSE=${BENCH_REUSE_BUILDS:-0}
if [ $# -gt 0 ]; then APPS=("$@"); else read -r -a APPS <<<"${BENCH_APPS:-hello lists stdlib}"; fi
for app in "${APPS[@]}"; do
  [ -f "bench/apps/$app/world.wit" ] || { echo "no app bench/apps/$app" >&2; exit 2; }
done
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

# --- our side: the plugin and the runtime artifact in the local repository -----------------------
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
if [ "$REUSE" != 1 ]; then
  log "installing componentize-maven-plugin $VERSION and the runtime artifact (mvn ${MVN_EXTRA[*]})"
  mvn -B -q "${MVN_EXTRA[@]}" -pl runtime,componentize-maven-plugin -am install -DskipTests
fi

# A project as the archetype generates it, with the app's WIT and Python (make_project).
# shellcheck source=project.sh
source bench/project.sh

# `mvn package` of project $1 with cache directory $2, timed into $TIMED_OUT; console to $3.
mvn_package() {
  (cd "$1" && timed mvn -B "${MVN_EXTRA[@]}" -Dcomponentize.cacheDirectory="$2" package >"$3" 2>&1) ||
    { log "mvn package failed in $1:"; tail -40 "$3" >&2; exit 1; }
}

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

# componentize-py on app $1 with WIT directory $2 and sources $3, timed into $TIMED_OUT.
cpy_build() {
  timed "$CPY" --quiet -d "$2" -w "$1" componentize -p "$3" app -o "$WORK/cpy-$1.wasm"
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
  echo "${MAVEN_OPTS:-}" >"$WORK/builds-maven-opts.txt"
fi
declare -A LOADS
for app in "${APPS[@]}"; do
  LOADS[$app]=$(load)
  if [ "$REUSE" = 1 ]; then
    log "$app: reusing the builds of $(cat "$WORK/builds-started.txt")"
  else
    project="$WORK/project-$app"
    wit=$(wit_for_componentize_py "$app")
    cpy_src="$WORK/cpy-src-$app"
    rm -rf "$cpy_src" && mkdir -p "$cpy_src" && cp "bench/apps/$app/app.py" "$cpy_src/"
    rm -f "$WORK"/{ours,cpy}-"$app".{first,edited,unchanged,plain}
    log "$app: first build, $RUNS runs each (ours: new project, empty cache directory)"
    for run in $(seq "$RUNS"); do
      make_project "$app" "$project"
      rm -rf "$WORK/cache-$app"
      TIMED_OUT="$WORK/ours-$app.first" \
        mvn_package "$project" "$WORK/cache-$app" "$WORK/ours-$app.first-$run.log"
      TIMED_OUT="$WORK/cpy-$app.first" cpy_build "$app" "$wit" "$cpy_src"
    done
    log "$app: edited app, $RUNS rounds (the tools alternate)"
    for run in $(seq "$RUNS"); do
      echo "# edited $run" | tee -a "$project/src/main/python/app.py" >>"$cpy_src/app.py"
      TIMED_OUT="$WORK/ours-$app.edited" \
        mvn_package "$project" "$WORK/cache-$app" "$WORK/ours-$app.edited-$run.log"
      TIMED_OUT="$WORK/cpy-$app.edited" cpy_build "$app" "$wit" "$cpy_src"
    done
    log "$app: edited app once more, without the archetype's .mvn/jvm.config (ours only)"
    mv "$project/.mvn" "$project/.mvn-off"
    echo "# edited again" >>"$project/src/main/python/app.py"
    TIMED_OUT="$WORK/ours-$app.plain" \
      mvn_package "$project" "$WORK/cache-$app" "$WORK/ours-$app.plain.log"
    mv "$project/.mvn-off" "$project/.mvn"
    log "$app: unchanged, $RUNS runs (ours only)"
    TIMED_OUT="$WORK/ours-$app.unchanged"
    for run in $(seq "$RUNS"); do
      mvn_package "$project" "$WORK/cache-$app" "$WORK/ours-$app.unchanged-$run.log"
    done
    cp "$project/target/$app-1.0.wasm" "$WORK/ours-$app.wasm"
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
    of=$(col "$WORK/ours-$app.first" 1); tf=$(col "$WORK/cpy-$app.first" 1)
    oe=$(col "$WORK/ours-$app.edited" 1); te=$(col "$WORK/cpy-$app.edited" 1)
    ou=$(col "$WORK/ours-$app.unchanged" 1)
    os=$(stat -c %s "$WORK/ours-$app.wasm"); ts=$(stat -c %s "$WORK/cpy-$app.wasm")
    ofr=$(col "$WORK/ours-$app.first" 2); tfr=$(col "$WORK/cpy-$app.first" 2)
    oer=$(col "$WORK/ours-$app.edited" 2); ter=$(col "$WORK/cpy-$app.edited" 2)
    ow8=$(median <"$WORK/ours-$app.wasmtime"); tw8=$(median <"$WORK/cpy-$app.wasmtime")
    oj=$(median <"$WORK/ours-$app.jco"); tj=$(median <"$WORK/cpy-$app.jco")
    echo "| $app | edited app: build (s) | $oe | $te | $(ratio "$oe" "$te") |"
    echo "| $app | first build (s) | $of | $tf | $(ratio "$of" "$tf") |"
    echo "| $app | unchanged: mvn package (s) | $ou | - | $(ratio "$ou" "$te") |"
    echo "| $app | peak RSS, edited app (MB) | $(ratio "$oer" 1000) | $(ratio "$ter" 1000) | $(ratio "$oer" "$ter") |"
    opr=$(col "$WORK/ours-$app.plain" 2)
    echo "| $app | peak RSS, edited app, Maven's JVM defaults (MB) | $(ratio "$opr" 1000) | $(ratio "$ter" 1000) | $(ratio "$opr" "$ter") |"
    echo "| $app | peak RSS, first build (MB) | $(ratio "$ofr" 1000) | $(ratio "$tfr" 1000) | $(ratio "$ofr" "$tfr") |"
    echo "| $app | component size (MB) | $(ratio "$os" 1000000) | $(ratio "$ts" 1000000) | $(ratio "$os" "$ts") |"
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
  echo "Generated by \`bash bench/compare.sh $RUNS ${APPS[*]}\` (RUNTIME_RUNS=$RUNTIME_RUNS):"
  echo "builds on $(cat "$WORK/builds-started.txt"), medians over $RUNS runs of each build row (of an"
  echo "even count, the lower middle one);"
  echo "wasmtime and jco on $STARTED, medians over $RUNTIME_RUNS runs."
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
  echo "- Ours: componentize-maven $(cat "$WORK/builds-commit.txt"), \`mvn package\` of a project as the"
  echo "  archetype generates it ($(mvn -B -v 2>/dev/null | head -1 | sed -e 's/\x1b\[[0-9;]*m//g' -e 's/ (.*//'), $(java -version 2>&1 | head -1),"
  echo "  MAVEN_OPTS=\"$(cat "$WORK/builds-maven-opts.txt")\", the archetype's .mvn/jvm.config:"
  echo "  \`$(cat archetype/src/main/resources/archetype-resources/.mvn/jvm.config)\`), CPython 3.13 runtime artifact"
  echo "  from the local repository, pre-initialized on Endive (interpreter)."
  echo "- Theirs: componentize-py $COMPONENTIZE_PY_VERSION (PyPI), which bundles CPython $COMPONENTIZE_PY_PYTHON."
  echo "- Hosts: $("$WASMTIME" --version), jco $(node "$JCO" --version 2>/dev/null), node $(node --version)."
  echo
  echo "## What differs between the two builds"
  echo
  echo "- Same world.wit and app.py for both tools (bench/apps/*): the binding shapes coincide"
  echo "  (\`wit_world.WitWorld\` subclass for world exports, \`wit_world.exports.Run\` for"
  echo "  wasi:cli/run, a record as a class with its fields in \`wit_world\`: a dataclass in"
  echo "  componentize-py's bindings, a light \`wit_world.types.Record\` in ours)."
  echo "- componentize-py gets the WASI $WASI_VERSION WIT as deps/ beside the world (ours has it built in)."
  echo "- Node runs with --experimental-wasm-extended-const: componentize-py's core modules use"
  echo "  extended constant expressions, which Node 20 keeps behind that flag."
  echo "- componentize-py keeps nothing between runs: its first and edited builds do the same work."
  echo "  Ours keeps a snapshot cache and the bindings' bytecode in the cache directory and an"
  echo "  up-to-date stamp in target/; the first-build row starts with both empty."
} >bench/RESULTS.md
log "wrote bench/RESULTS.md (scratch files in $WORK)"
