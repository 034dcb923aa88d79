#!/usr/bin/env bash
# Async components (issue 19), ours vs componentize-py 0.25.1, side by side in one run: the same
# world.wit and app.py built by both tools, both components run on wasmtime 49 with
# `-W component-model-async=y -S p3=y`, their output checked, and a table of build times, sizes and
# run times printed (markdown, on stdout). Run on demand, not in CI: a few minutes on 2 cores.
#
#   bash bench/async-compare.sh [app...]      (default: every bench/apps/async-* app)
#
# Apps (bench/apps/<app>/{world.wit,app.py}; componentize-py.py, when there, is the app for
# componentize-py: the same program on its own API, where the two differ):
#   async-gather   async exports awaiting two WASI 0.3 monotonic-clock wait-for imports at once
#                  (asyncio.gather), and a third one started while the first two still run
#   async-cat      a WASI 0.3 command copying stdin to stdout, upper-cased, as streams
#
# Ours is built as a user builds: `mvn package` of a project as the archetype generates it, first
# with an empty cache directory and no target/ ("first"), then after an edit of app.py ("edited");
# componentize-py keeps nothing between runs, so it is timed on the same two states. Wall times
# from /usr/bin/time; the load average is printed with the table (the machine is shared).
#
# Environment: MAVEN_ARGS (extra Maven arguments for every mvn, e.g. "-o -Dmaven.repo.local=...";
# the plugin and the runtime artifact are installed into that repository first), BENCH_WORK
# (scratch directory).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ $# -gt 0 ]; then
  APPS=("$@")
else
  APPS=()
  for dir in bench/apps/async-*/; do APPS+=("$(basename "$dir")"); done
fi
COMPONENTIZE_PY_VERSION=0.25.1
WASI_VERSION=0.3.0
ASYNC_FLAGS=(-W component-model-async=y -S p3=y)

# shellcheck source=../scripts/lib.sh
source scripts/lib.sh
WORK=${BENCH_WORK:-$(mktemp -d /tmp/componentize-async-compare.XXXXXX)}
mkdir -p "$WORK"
read -r -a MVN_EXTRA <<<"${MAVEN_ARGS:-}"

bash scripts/install-test-tools.sh >"$WORK/tools.txt"
WASMTIME=$(sed -n 's/^wasmtime=//p' "$WORK/tools.txt")
[ -n "$WASMTIME" ] || die "wasmtime is missing (see scripts/install-test-tools.sh)"
CPY_HOME="$CACHE_ROOT/tools/componentize-py"
CPY="$CPY_HOME/bin/componentize-py"
if [ "$("$CPY" --version 2>/dev/null)" != "componentize-py $COMPONENTIZE_PY_VERSION" ]; then
  log "installing componentize-py==$COMPONENTIZE_PY_VERSION into $CPY_HOME"
  rm -rf "$CPY_HOME"
  python3 -m venv "$CPY_HOME"
  "$CPY_HOME/bin/pip" install --quiet --disable-pip-version-check \
    "componentize-py==$COMPONENTIZE_PY_VERSION"
fi

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
log "installing componentize-maven-plugin $VERSION and the runtime artifact (mvn ${MVN_EXTRA[*]})"
mvn -B -q "${MVN_EXTRA[@]}" -pl runtime,componentize-maven-plugin -am install -DskipTests >&2

# The wasmtime calls of each app and the output each must print (a grep -E pattern); a call
# `stdin:TEXT` runs the component as a command with TEXT on its standard input.
calls() {
  case $1 in
    async-gather)
      echo "sleep-twice(300)|^\"slept 300 ms twice concurrently\"\$"
      echo "two-then-one(300)|^\"three waits of 300 ms, the third 100 ms later: overlapped\"\$"
      ;;
    async-cat) echo "stdin:hello, streams|^HELLO, STREAMS\$" ;;
    *) die "no calls for app $1" ;;
  esac
}

# Wall seconds of "$@" (console to the file $LOG_TO), appended to the file $1.
timed_into() {
  local out=$1
  shift
  /usr/bin/time -f '%e' -o "$WORK/time.txt" "$@" >"$LOG_TO" 2>&1 ||
    { log "failed: $*"; tail -30 "$LOG_TO" >&2; exit 1; }
  cat "$WORK/time.txt" >>"$out"
}

# shellcheck source=project.sh
source bench/project.sh

# componentize-py has no built-in WASI: the WASI 0.3.0 WIT we ship goes beside the world as deps/.
cpy_wit() {
  local app=$1 dir="$WORK/cpy-wit-$1"
  rm -rf "$dir"
  mkdir -p "$dir/deps"
  cp "bench/apps/$app/world.wit" "$dir/"
  local package
  for package in "$ROOT/linker-core/src/main/resources/dev/componentize/core/wit/wasi/$WASI_VERSION"/wasi-*; do
    mkdir -p "$dir/deps/$(basename "$package")"
    cp "$package/package.wit" "$dir/deps/$(basename "$package")/"
  done
  echo "$dir"
}

world_of() { sed -n 's/^world \([a-z0-9-]*\).*/\1/p' "bench/apps/$1/world.wit" | head -1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=()
for app in "${APPS[@]}"; do
  [ -f "bench/apps/$app/world.wit" ] || die "no app bench/apps/$app"
  project="$WORK/ours-$app"
  cpy_src="$WORK/cpy-src-$app"
  wit=$(cpy_wit "$app")
  world=$(world_of "$app")
  rm -rf "$cpy_src" "$WORK/cache-$app" && mkdir -p "$cpy_src"
  if [ -f "bench/apps/$app/componentize-py.py" ]; then
    cp "bench/apps/$app/componentize-py.py" "$cpy_src/app.py"
  else
    cp "bench/apps/$app/app.py" "$cpy_src/"
  fi
  rm -f "$WORK"/{ours,cpy}-"$app".{times,compile}
  make_project "$app" "$project"
  for state in first edited; do
    if [ "$state" = edited ]; then
      echo "# edited" | tee -a "$project/src/main/python/app.py" >>"$cpy_src/app.py"
    fi
    log "$app: $state build, ours"
    LOG_TO="$WORK/ours-$app.$state.log" timed_into "$WORK/ours-$app.times" \
      mvn -B -f "$project/pom.xml" "${MVN_EXTRA[@]}" -Dcomponentize.cacheDirectory="$WORK/cache-$app" package
    log "$app: $state build, componentize-py"
    LOG_TO="$WORK/cpy-$app.$state.log" timed_into "$WORK/cpy-$app.times" \
      "$CPY" -d "$wit" -w "$world" componentize -p "$cpy_src" app -o "$WORK/cpy-$app.wasm"
  done
  cp "$project/target/$app-1.0.wasm" "$WORK/ours-$app.wasm"
  for tool in ours cpy; do
    wasm="$WORK/$tool-$app.wasm"
    # Compiled once ahead (a plain `wasmtime run` compiles the whole component at every start).
    LOG_TO="$WORK/$tool-$app.compile.log" timed_into "$WORK/$tool-$app.compile" \
      "$WASMTIME" compile "${ASYNC_FLAGS[@]}" "$wasm" -o "$WORK/$tool-$app.cwasm"
    runs=""
    while IFS='|' read -r call expect; do
      if [[ $call == stdin:* ]]; then
        invoke=()
        input=${call#stdin:}
      else
        invoke=(--invoke "$call")
        input=""
      fi
      start=$(date +%s%N)
      printf '%s\n' "$input" | "$WASMTIME" run "${ASYNC_FLAGS[@]}" --allow-precompiled "${invoke[@]}" \
        "$WORK/$tool-$app.cwasm" >"$WORK/$tool-$app.out" 2>&1 ||
        { log "$tool $app: $call failed:"; cat "$WORK/$tool-$app.out" >&2; exit 1; }
      end=$(date +%s%N)
      grep -qE "$expect" "$WORK/$tool-$app.out" ||
        { log "$tool $app: $call printed:"; cat "$WORK/$tool-$app.out" >&2; exit 1; }
      log "$tool $app: wasmtime run, $call: $(cat "$WORK/$tool-$app.out")"
      runs="$runs$call $(((end - start) / 1000000)) ms; "
    done < <(calls "$app")
    first=$(sed -n 1p "$WORK/$tool-$app.times")
    edited=$(sed -n 2p "$WORK/$tool-$app.times")
    name=$([ "$tool" = ours ] && echo "componentize-maven" || echo "componentize-py $COMPONENTIZE_PY_VERSION")
    ROWS+=("| $app | $name | $first | $edited | $(stat -c %s "$wasm") | $(cat "$WORK/$tool-$app.compile") | ${runs%; } |")
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "| app | tool | first build (s) | edited app (s) | size (bytes) | wasmtime compile (s) | wasmtime run, precompiled, output checked (wall) |"
echo "|---|---|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; load average (1/5/15 min) before $LOAD_BEFORE, after $LOAD_AFTER;"
echo "$("$WASMTIME" --version), flags ${ASYNC_FLAGS[*]}; ours $(git rev-parse --short HEAD) (mvn package, archetype"
echo "project), componentize-py $COMPONENTIZE_PY_VERSION (its CLI, WASI $WASI_VERSION WIT as deps/). Scratch files: $WORK"
