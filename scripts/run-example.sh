#!/usr/bin/env bash
# Builds one of the examples with Maven and runs the component it produced.
#
#   bash scripts/run-example.sh [NAME [ARGS...]]
#
# NAME   hello-cli (default), custom-world, native-extension or http-wsgi (the folders under
#        examples/; http-wsgi is a server: the script builds it and prints how to serve it)
# ARGS   passed to the program (hello-cli, native-extension); defaults show what it does
#
# Needs the plugin and the runtime in the local Maven repository: run command 1 of the README
# (scripts/build-and-test.sh, i.e. `mvn install`) first. MAVEN_ARGS is passed to Maven (e.g.
# MAVEN_ARGS=-Dmaven.repo.local=/some/repo). The component is run with jco from the tools cache
# (${COMPONENTIZE_CACHE:-~/.cache/componentize-maven}/tools), installed there by
# scripts/install-test-tools.sh if missing. Environment variables reach the program (try
# GREETING=Hi with hello-cli).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=${1:-hello-cli}
[ $# -gt 0 ] && shift
EXAMPLE="$ROOT/examples/$NAME"
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
TOOLS="$CACHE_ROOT/tools"
JCO_HOME="$TOOLS/jco"
JCO="$JCO_HOME/node_modules/@bytecodealliance/jco/dist/jco.js"

if [ ! -f "$EXAMPLE/pom.xml" ]; then
  log "no example '$NAME'; the examples are: $(cd "$ROOT/examples" && ls -d */ | tr -d / | xargs)"
  exit 2
fi
if [ ! -f "$JCO" ]; then
  log "jco is not in $TOOLS; installing the test tools"
  bash "$ROOT/scripts/install-test-tools.sh" >&2
fi

log "building examples/$NAME (mvn package)"
start=$(date +%s)
if ! (cd "$EXAMPLE" && mvn -B -q -Dstyle.color=never ${MAVEN_ARGS:-} package); then
  die "the build failed; if Maven could not resolve dev.componentize:componentize-maven-plugin," \
    "install it first: bash scripts/build-and-test.sh"
fi
log "built in $(( $(date +%s) - start )) s"

case "$NAME" in
  hello-cli)
    component="$EXAMPLE/target/hello-cli-1.0.0.wasm"
    [ $# -gt 0 ] || set -- Ada Grace
    ;;
  native-extension)
    component="$EXAMPLE/app/target/price-stats-1.0.0.wasm"
    [ $# -gt 0 ] || set -- '["19.99", "5.01", "12.50", "7.25", "30.00"]'
    ;;
  custom-world)
    component="$EXAMPLE/target/custom-world-1.0.0.wasm"
    ;;
  *)
    component=$(find "$EXAMPLE" -path '*/target/*.wasm' -print -quit)
    ;;
esac
[ -f "$component" ] || die "the build wrote no component at $component"
size=$(stat -c %s "$component")
log "component ${component#"$ROOT"/}: $size bytes ($(awk "BEGIN { printf \"%.1f\", $size / 1e6 }") MB)"

status=0
if [ "$NAME" = http-wsgi ]; then
  log "an HTTP service: serve it with" \
    "${TOOLS}/bin/wasmtime serve --addr 127.0.0.1:8080 -S cli ${component#"$ROOT"/}" \
    "and call it with curl -i 'http://127.0.0.1:8080/?name=Ada' (examples/http-wsgi/README.md)"
elif [ "$NAME" = custom-world ]; then
  # Not a program: its host (host.mjs) transpiles it with jco and calls its exports.
  log "running node examples/$NAME/host.mjs"
  JCO_HOME="$JCO_HOME" node "$EXAMPLE/host.mjs" "$component" || status=$?
else
  log "running jco run ${component#"$ROOT"/} $*"
  node "$JCO" run "$component" "$@" || status=$?
fi
log "exit status $status"
exit "$status"
