#!/usr/bin/env bash
# A live check of <packages> against the package index pip uses on this machine (on demand, never
# in CI: it needs the network). Builds a throw-away project naming attrs, python-dateutil 2.x (which
# pulls six) and idna, plus jinja2 (which pulls markupsafe) with --with-jinja2, runs the component
# with jco, then deletes target/ and rebuilds offline (-o) from pylock.toml and the download cache.
# markupsafe has no pure-Python wheel: the build makes one from its sdist with its own setuptools
# backend on the runtime's CPython (its C speedups cannot be compiled there; it falls back to pure
# Python), so --with-jinja2 also checks the sdist path and prints which escape() the app got.
#
# The index is the one pip would use: PIP_INDEX_URL, else pip's configured index-url, else the
# default compiled into the installed pip. No index host is written here.
#
#   bash scripts/live-index-check.sh [--with-jinja2] [work directory]
# Maven arguments (e.g. -Dmaven.repo.local=...) go in MAVEN_ARGS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JINJA=false
if [ "${1:-}" = --with-jinja2 ]; then JINJA=true; shift; fi
WORK=${1:-$(mktemp -d)}
LIB_NAME=live-index-check
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
JCO="$CACHE_ROOT/tools/jco/node_modules/@bytecodealliance/jco/dist/jco.js"
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)

index=${PIP_INDEX_URL:-}
if [ -z "$index" ]; then
  index=$(python3 -m pip config get install.index-url 2>/dev/null \
    || python3 -m pip config get global.index-url 2>/dev/null || true)
fi
if [ -z "$index" ]; then
  # pip's built-in default, as the installed pip defines it.
  index=$(python3 -c 'from pip._internal.models.index import PyPI; print(PyPI.simple_url)' 2>/dev/null \
    || true)
fi
[ -n "$index" ] || { log "no index: set PIP_INDEX_URL or pip's index-url"; exit 2; }
log "index (from pip): $index"

project="$WORK/live-packages"
rm -rf "$project"
mkdir -p "$project/src/main/python" "$project/src/main/wit"
jinja_package=""
jinja_import=""
jinja_use=""
if $JINJA; then
  jinja_package="<package>jinja2</package>"
  jinja_import="import jinja2, markupsafe"
  jinja_use='print(jinja2.Template("Hello {{ name|e }} from jinja2 {{ v }}!").render(name="<Maven>", v=jinja2.__version__)); print("markupsafe", markupsafe._escape_inner.__module__)'
fi
componentize_pom "$project/pom.xml" dev.componentize.live live-packages 1.0 "$VERSION" "
          <packages>
            <package>attrs</package>
            <package>python-dateutil&gt;=2.9,&lt;3</package>
            <package>idna</package>
            $jinja_package
          </packages>"
cat > "$project/src/main/wit/world.wit" <<'WIT'
package live:packages@1.0.0;

world cli {
  include wasi:cli/command@0.2.12;
}
WIT
cat > "$project/src/main/python/app.py" <<PY
import attrs
import dateutil
import dateutil.parser
import idna
import six
import encodings.punycode  # the codec idna.encode uses: imported at build time, as run time has no files
$jinja_import

from wit_world import exports


@attrs.define
class Point:
    x: int
    y: int


# Read at import, i.e. at build time: attrs.__version__ asks importlib.metadata, which reads the
# dist-info files, and a component has no file system at run time.
VERSIONS = {"attrs": attrs.__version__, "dateutil": dateutil.__version__, "six": six.__version__,
            "idna": idna.__version__}


class Run(exports.Run):
    def run(self):
        print("attrs", VERSIONS["attrs"], Point(1, 2))
        print("dateutil", VERSIONS["dateutil"], dateutil.parser.isoparse("2024-02-29T12:30:00Z").isoformat())
        print("six", VERSIONS["six"])
        print("idna", VERSIONS["idna"], idna.encode("bücher.example").decode())
        $jinja_use
PY

cd "$project"
log "mvn package in $project"
mvn -B -Dstyle.color=never ${MAVEN_ARGS:-} -Dcomponentize.indexUrl="$index" package | grep -E 'componentize|BUILD|ERROR'
component="$project/target/live-packages-1.0.wasm"
log "pylock.toml:"
cat pylock.toml
log "running the component (jco run)"
node "$JCO" run "$component"
rm -rf target
log "offline rebuild (mvn -o package, target/ deleted)"
mvn -B -o -Dstyle.color=never ${MAVEN_ARGS:-} package | grep -E 'componentize|BUILD|ERROR'
node "$JCO" run "$component"
