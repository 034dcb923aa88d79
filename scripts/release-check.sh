#!/usr/bin/env bash
# A test run of a release: deploys every published module with the release profile into a local
# staging repository (target/staging; no upload anywhere) and checks it against Maven Central's
# requirements with scripts/check-central.py.
#
#   bash scripts/release-check.sh
#
# Tests are skipped (run scripts/build-and-test.sh for them); signatures are not made (that needs
# a key: -Dgpg.skip=false) nor checked. MAVEN_ARGS is passed to Maven (e.g.
# -Dmaven.repo.local=...; not -o: Maven refuses to deploy offline, even to a file: repository).
# A snapshot version is allowed here; Central itself takes releases only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
STAGING=$ROOT/target/staging

rm -rf "$STAGING"
log "mvn -Prelease deploy into $STAGING"
# shellcheck disable=SC2086
(cd "$ROOT" && mvn -B -ntp ${MAVEN_ARGS:-} -Prelease -DskipTests -Dinvoker.skip=true \
  -Darchetype.test.skip=true "-Dcomponentize.staging.dir=$STAGING" deploy) ||
  die "the release build failed"
python3 "$ROOT/scripts/check-central.py" --allow-snapshot "$STAGING"
