# Shared by the runtime, bench and tool scripts; sourced, never run:
#
#   LIB_NAME=my-script; source "$REPO/scripts/lib.sh"
#
# log, die          messages on stderr, prefixed with LIB_NAME (and the time with LIB_TIMES=1)
# require_tools     dies naming the first missing command and the script that installs it
# run_logged        runs a command with its output in a log file; on failure shows the log's end
# CACHE_ROOT        ${COMPONENTIZE_CACHE:-~/.cache/componentize-maven}, the one cache of the project
# newest_complete   the newest published directory under a cache folder
# cache_*           lock-and-publish of a cache directory: built under a temporary name while a
#                   lock is held, marked with .complete, renamed into place; readers trust only
#                   directories with the marker
# hash_script       a shell script's commands without its comment lines, for cache keys
# componentize_pom  the pom of a throw-away project whose build runs the plugin's componentize goal
# shellcheck shell=bash

LIB_NAME=${LIB_NAME:-$(basename "$0" .sh)}
LIB_TIMES=${LIB_TIMES:-0}
CACHE_ROOT=${COMPONENTIZE_CACHE:-$HOME/.cache/componentize-maven}

log() {
  if [ "$LIB_TIMES" = 1 ]; then
    printf '[%s %s] %s\n' "$LIB_NAME" "$(date -u +%H:%M:%S)" "$*" >&2
  else
    printf '%s: %s\n' "$LIB_NAME" "$*" >&2
  fi
}

die() {
  log "ERROR: $*"
  exit 1
}

# require_tools INSTALLER COMMAND...: every COMMAND must be on the PATH.
require_tools() {
  local installer=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "'$tool' not found: run $installer first"
  done
}

# run_logged LOG DESCRIPTION COMMAND...: runs COMMAND with its output in LOG, logging the start
# and the time taken; on failure shows the end of LOG and says where the whole log is.
run_logged() {
  local logfile=$1 what=$2 started
  shift 2
  started=$(date +%s)
  log "$what ..."
  if ! "$@" >"$logfile" 2>&1; then
    echo "----- last 40 lines of $logfile -----" >&2
    tail -n 40 "$logfile" >&2
    die "$what failed (full log: $logfile)"
  fi
  log "$what done in $(($(date +%s) - started)) s"
}

# newest_complete DIR: the most recently published directory under DIR that has its .complete
# marker (nothing when there is none).
newest_complete() {
  local d
  # shellcheck disable=SC2012
  ls -dt "$1"/*/ 2>/dev/null | while read -r d; do
    if [ -f "$d/.complete" ]; then
      echo "${d%/}"
      break
    fi
  done
}

# hash_script FILE: FILE without its comment-only and blank lines, so a cache key over a script
# changes with its commands and not with its comments. (The scripts hashed this way have no
# here-documents, where a '#' line would be content.)
hash_script() {
  sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' "$1"
}

# ---- lock-and-publish of a cache directory ---------------------------------------------------------
# The scripts that publish into the cache take `[--link DIR] [--quiet]`:
#   cache_parse_args "$@"           sets CACHE_LINK_DIR and CACHE_QUIET (COMPONENTIZE_RUNTIME_QUIET=1
#                                   in the environment, which reaches a script through Maven, is
#                                   --quiet too)
#   cache_serve DIR MESSAGE         if DIR is published: logs MESSAGE (unless quiet), hands DIR out
#                                   and ends the script
#   cache_lock LOCKFILE SECONDS     holds LOCKFILE (fd 9) until the script ends, waiting at most
#                                   SECONDS for another holder
#   cache_publish TMP DIR           marks TMP complete and renames it to DIR (a concurrent
#                                   publisher's DIR wins)
#   cache_hand_out DIR              points --link at DIR and prints DIR unless quiet
CACHE_LINK_DIR=""
CACHE_QUIET=${COMPONENTIZE_RUNTIME_QUIET:-0}

cache_parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --link) CACHE_LINK_DIR=${2:?--link needs a directory}; shift 2 ;;
      --quiet) CACHE_QUIET=1; shift ;;
      -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
      *) echo "$LIB_NAME: unknown argument '$1' (usage: $LIB_NAME.sh [--link DIR] [--quiet])" >&2; exit 2 ;;
    esac
  done
}

cache_hand_out() {
  local dir=$1
  if [ -n "$CACHE_LINK_DIR" ]; then
    mkdir -p "$(dirname "$CACHE_LINK_DIR")"
    if [ -e "$CACHE_LINK_DIR" ] && [ ! -L "$CACHE_LINK_DIR" ]; then
      die "--link $CACHE_LINK_DIR: it exists and is not a symlink; refusing to replace it"
    fi
    ln -sfn "$dir" "$CACHE_LINK_DIR"
  fi
  if [ "$CACHE_QUIET" = 0 ]; then echo "$dir"; fi
}

cache_serve() {
  if [ -f "$1/.complete" ]; then
    if [ "$CACHE_QUIET" = 0 ]; then log "$2"; fi
    cache_hand_out "$1"
    exit 0
  fi
}

# One build at a time per cache: concurrent runs (several developers, CI, parallel Maven builds)
# would otherwise build the same directory twice. Taken only when something must be built, so a
# published directory is served without waiting; check again with cache_serve after taking it.
cache_lock() {
  local lockfile=$1 seconds=$2
  mkdir -p "$(dirname "$lockfile")"
  exec 9>"$lockfile"
  if ! flock -n 9; then
    log "another build holds $lockfile; waiting for it"
    flock -w "$seconds" 9 || die "waited $((seconds / 60)) minutes for $lockfile: is a build stuck?"
  fi
}

cache_publish() {
  local tmp=$1 dir=$2
  touch "$tmp/.complete"
  mkdir -p "$(dirname "$dir")"
  if ! mv -T "$tmp" "$dir" 2>/dev/null; then
    [ -f "$dir/.complete" ] || die "cannot publish $dir (a partial directory is in the way: delete it)"
    log "another build published $dir first; using it"
  fi
}

# Writes the pom of a throw-away project (packaging pom) whose build runs the componentize goal of
# plugin version PLUGIN_VERSION; CONFIGURATION (XML, may be empty) is the plugin's <configuration>.
#   componentize_pom FILE GROUP_ID ARTIFACT_ID VERSION PLUGIN_VERSION [CONFIGURATION]
componentize_pom() {
  local file=$1 group=$2 artifact=$3 version=$4 plugin_version=$5 configuration=${6:-}
  cat >"$file" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$group</groupId>
  <artifactId>$artifact</artifactId>
  <version>$version</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>dev.componentize</groupId>
        <artifactId>componentize-maven-plugin</artifactId>
        <version>$plugin_version</version>
        <executions><execution><goals><goal>componentize</goal></goals></execution></executions>
        <configuration>$configuration</configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
}
