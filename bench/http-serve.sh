#!/usr/bin/env bash
# Requests per second of a trivial HTTP handler under `wasmtime serve` (issue 13): the same WIT and
# app.py (bench/apps/http-hello, answers "Hello!") built by componentize-maven and by
# componentize-py, both served on loopback with `-S cli`, measured in the same run, alternately,
# by bench/host/http-load.py (keep-alive connections, every answer checked). Run on demand, not
# in CI (a few minutes: two builds, two wasmtime compilations, the rounds).
#
#   bash bench/http-serve.sh [requests] [connections...]    (default: 300 requests; 1, 4 and 8)
#
# Prints one row per connection count: the median requests/s of each tool over ROUNDS rounds and
# the ratio ours/theirs. wasmtime instantiates the component for every request, so this measures
# instantiation from the pre-initialized snapshot plus the handler.
#
# Environment: MAVEN_ARGS (extra Maven arguments, e.g. "-o -Dmaven.repo.local=..."; the plugin is
# installed into that repository and builds our side, as in a user's project), ROUNDS (default
# 3), BENCH_WORK (scratch directory; with the two components of an earlier run in it, they are
# reused), BENCH_SERVE_SECONDS (how long a server may take to answer its first request: it
# compiles the component first; default 300). componentize-py is installed with pip into the
# tools cache as bench/compare.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-300}
shift || true
read -r -a CONNECTIONS <<<"${*:-1 4 8}"
ROUNDS=${ROUNDS:-3}
SERVE_SECONDS=${BENCH_SERVE_SECONDS:-300}
CPY_VERSION=0.25.1
APP=bench/apps/http-hello
EXPECTED=$'Hello!\n'

# shellcheck source=../scripts/lib.sh
source scripts/lib.sh
WORK=${BENCH_WORK:-$(mktemp -d /tmp/componentize-http-serve.XXXXXX)}
mkdir -p "$WORK"
read -r -a MVN_EXTRA <<<"${MAVEN_ARGS:-}"
bash scripts/install-test-tools.sh >"$WORK/tools.txt"
WASMTIME=$(sed -n 's/^wasmtime=//p' "$WORK/tools.txt")
[ -n "$WASMTIME" ] || die "wasmtime is missing (see scripts/install-test-tools.sh)"

# --- the two components --------------------------------------------------------------------------
OURS=$WORK/http-hello-ours.wasm
THEIRS=$WORK/http-hello-componentize-py.wasm
if [ ! -f "$OURS" ]; then
  # Through the Maven plugin, as a user builds it: the plugin installed from this checkout, and a
  # project holding the app's WIT and Python source.
  version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
  mvn -B -q "${MVN_EXTRA[@]}" install -DskipTests -pl componentize-maven-plugin -am >&2
  project=$WORK/ours-project
  rm -rf "$project"
  mkdir -p "$project/src/main/wit" "$project/src/main/python"
  cp "$APP/world.wit" "$project/src/main/wit/"
  cp "$APP/app.py" "$project/src/main/python/"
  componentize_pom "$project/pom.xml" bench http-hello 1 "$version"
  log "componentize-maven $version: building $OURS"
  mvn -B -q "${MVN_EXTRA[@]}" -f "$project/pom.xml" package >&2
  cp "$project/target/http-hello-1.wasm" "$OURS"
fi
if [ ! -f "$THEIRS" ]; then
  # componentize-py in its own virtual environment (pip, as bench/compare.sh installs it), with
  # the WASI 0.2.12 WIT we ship beside the world: it has no built-in WASI packages.
  cpy=$CACHE_ROOT/tools/componentize-py/bin/componentize-py
  if [ "$("$cpy" --version 2>/dev/null)" != "componentize-py $CPY_VERSION" ]; then
    rm -rf "$CACHE_ROOT/tools/componentize-py"
    python3 -m venv "$CACHE_ROOT/tools/componentize-py"
    "$CACHE_ROOT/tools/componentize-py/bin/pip" install --quiet --disable-pip-version-check \
      "componentize-py==$CPY_VERSION"
  fi
  wit=$WORK/wit-componentize-py
  mkdir -p "$wit/deps"
  cp "$APP/world.wit" "$wit/"
  for package in linker-core/src/main/resources/dev/componentize/core/wit/wasi/0.2.12/wasi-*; do
    mkdir -p "$wit/deps/$(basename "$package")"
    cp "$package/package.wit" "$wit/deps/$(basename "$package")/"
  done
  log "componentize-py $CPY_VERSION: building $THEIRS"
  "$cpy" --quiet -d "$wit" -w service componentize -p "$APP" app -o "$THEIRS" >&2
fi

# --- the two servers -----------------------------------------------------------------------------
: >"$WORK/servers.pid"
stop_servers() {
  local pid
  while read -r pid; do
    kill "$pid" 2>/dev/null || true
  done <"$WORK/servers.pid"
}
trap stop_servers EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# serve NAME WASM: starts wasmtime serve on a free loopback port; prints the port once it answers.
serve() {
  local name=$1 wasm=$2 port waited=0
  port=$(free_port)
  "$WASMTIME" serve --addr "127.0.0.1:$port" -S cli "$wasm" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  echo $! >>"$WORK/servers.pid"
  until [ "$(curl -s --max-time 5 "http://127.0.0.1:$port/" || true)" = "${EXPECTED%$'\n'}" ]; do
    [ "$waited" -lt "$SERVE_SECONDS" ] || die "$name did not answer within $SERVE_SECONDS s: $(tail -5 "$WORK/$name.err")"
    sleep 2
    waited=$((waited + 2))
  done
  echo "$port"
}
log "starting wasmtime serve for both (the first start compiles each component)"
PORT_OURS=$(serve ours "$OURS")
PORT_THEIRS=$(serve theirs "$THEIRS")

# --- the rounds ----------------------------------------------------------------------------------
rps() { python3 bench/host/http-load.py "http://127.0.0.1:$1/" "$REQUESTS" "$2" "$EXPECTED" | sed -n 's/.*rps=//p'; }
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "wasmtime serve, $($WASMTIME --version), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "components: ours $(stat -c %s "$OURS") bytes, componentize-py $CPY_VERSION $(stat -c %s "$THEIRS") bytes"
printf '%-12s %-22s %-22s %s\n' connections "componentize-maven" "componentize-py" "ratio"
for connections in "${CONNECTIONS[@]}"; do
  : >"$WORK/ours.rps"
  : >"$WORK/theirs.rps"
  for _ in $(seq "$ROUNDS"); do
    rps "$PORT_OURS" "$connections" >>"$WORK/ours.rps"
    rps "$PORT_THEIRS" "$connections" >>"$WORK/theirs.rps"
  done
  ours=$(median <"$WORK/ours.rps")
  theirs=$(median <"$WORK/theirs.rps")
  printf '%-12s %-22s %-22s %s\n' "$connections" "$ours requests/s" "$theirs requests/s" \
    "$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a / b}')"
done
echo "($REQUESTS requests per round, median of $ROUNDS alternating rounds; load at the end $(cut -d' ' -f1-3 /proc/loadavg))"
