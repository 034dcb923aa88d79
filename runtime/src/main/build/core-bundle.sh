# The build of the core runtime bundle: every command that makes it, sourced by
# runtime/build-runtime.sh while it holds the build lock (not run on its own). The cache key hashes
# this file's commands (not its comment lines), so a change here gives a new bundle; the driver
# around it (arguments, download, cache, lock, publishing) is not part of the key.
#
# In:  the variables of build-runtime.sh (ROOT, HERE, SOURCES, KEY, the pinned versions, the
#      native key and prefix, CC_WASM/LD_WASM/AR_WASM, CLANG_VERSION, JOBS) and scripts/lib.sh.
# Out: OUT, the finished bundle directory (build-runtime.sh publishes it), with manifest.json.
# shellcheck shell=bash

unpack_source() { # package version dirname [dpkg-source options...] -> echoes the tree
  local pkg=$1 version=$2 name=$3 dest tmp
  shift 3
  dest=$SOURCES/$name
  if [ ! -f "$dest/.unpacked" ]; then
    tmp=$SOURCES/.tmp-$name-$$
    rm -rf "$tmp" "$dest"
    run_logged "$SOURCES/$name.log" "unpack $pkg=$version" dpkg-source "$@" -x "$(dsc_path "$pkg" "$version")" "$tmp"
    touch "$tmp/.unpacked"
    mv -T "$tmp" "$dest"
  fi
  echo "$dest"
}

# CPython: the upstream 3.13.15 tree inside the Debian source package, without Debian's patches
# (they adapt the Debian multiarch install layout and ensurepip, neither of which applies to a
# wasm32-wasi cross build). wasi-libc and zlib: with Debian's patches (build flags only).
PY_SRC=$(unpack_source "$PY_SOURCE_PACKAGE" "$PY_DEB_VERSION" "python3.13-$PY_DEB_VERSION-upstream" --skip-patches)
ZLIB_SRC=$(unpack_source zlib "$ZLIB_DEB_VERSION" "zlib-${ZLIB_DEB_VERSION#*:}")
WASI_LIBC_SRC=$(unpack_source wasi-libc "$WASI_LIBC_DEB_VERSION" "wasi-libc-$WASI_LIBC_DEB_VERSION")
SQLITE_SRC=$(unpack_source sqlite3 "$SQLITE_DEB_VERSION" "sqlite3-$SQLITE_DEB_VERSION")

if [ ! -f "$NATIVE/.complete" ]; then
  log "native CPython $PY_VERSION not cached (key $NATIVE_KEY): building it"
  native_tmp=$ROOT/native/.tmp-$NATIVE_KEY-$$
  native_logs=$ROOT/logs/native-$NATIVE_KEY
  rm -rf "$native_tmp"
  mkdir -p "$native_tmp/build" "$native_logs"
  run_logged "$native_logs/configure.log" "configure native CPython" \
    bash -c 'cd "$1" && "$2/configure" --prefix="$3" "${@:4}"' _ "$native_tmp/build" "$PY_SRC" "$NATIVE" "${NATIVE_CONFIGURE[@]}"
  run_logged "$native_logs/make.log" "build native CPython (make -j$JOBS)" make -C "$native_tmp/build" -j"$JOBS"
  # Installed straight to its final prefix (the prefix is compiled in); the marker comes last.
  rm -rf "$NATIVE"
  run_logged "$native_logs/install.log" "install native CPython" make -C "$native_tmp/build" install
  rm -rf "$native_tmp"
  touch "$NATIVE/.complete"
fi
"$NATIVE_PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 13)' ||
  die "native python $NATIVE_PYTHON is broken: delete $NATIVE and rerun"

log "building runtime bundle (key $KEY); logs in $ROOT/logs/$KEY"
build_started=$(date +%s)
LOGS=$ROOT/logs/$KEY
# A fixed work path (the build lock makes it private; not the key, which CPython's
# _sysconfigdata would record) and the mappings below keep build paths out of the compiled
# outputs, and SOURCE_DATE_EPOCH (the Debian changelog date of the python3.13 source) fixes
# __DATE__/__TIME__ in sys.version, so rebuilding the same inputs gives the same bytes.
WORK=$ROOT/build/runtime
SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l "$PY_SRC/debian/changelog" -STimestamp)
export SOURCE_DATE_EPOCH
REPRO_FLAGS="-ffile-prefix-map=$WORK=/build -ffile-prefix-map=$SOURCES=/src"
OUT=$WORK/out
rm -rf "$LOGS" "$WORK"
mkdir -p "$LOGS" "$WORK" "$OUT"
trap 'rm -rf "$WORK"' EXIT

SYSROOT=$WORK/sysroot
SL=$SYSROOT/lib/wasm32-wasi
WCC="$CC_WASM --target=wasm32-wasi --sysroot=$SYSROOT"
BUILTINS=$("$CC_WASM" --target=wasm32-wasi -print-libgcc-file-name)
[ -f "$BUILTINS" ] || die "compiler-rt builtins for wasm32 missing ($BUILTINS): install libclang-rt-19-dev-wasm32"
PIC_FLAGS="-O2 -DNDEBUG -fPIC -fvisibility=default"

# ---- 1. wasi-libc, every object position-independent with default visibility ----------------
cp -a "$WASI_LIBC_SRC" "$WORK/wasi-libc"
run_logged "$LOGS/wasi-libc.log" "build wasi-libc $WASI_LIBC_REVISION (-fPIC)" \
  make -C "$WORK/wasi-libc" -j"$JOBS" CC="$CC_WASM" AR="$AR_WASM" NM=llvm-nm-19 \
  EXTRA_CFLAGS="$PIC_FLAGS -fno-stack-protector" SYSROOT="$SYSROOT" OBJDIR="$WORK/wasi-libc-obj" \
  startup_files libc
# Empty archives for the libraries musl folds into libc, so `-lm` etc. link as on Linux.
for n in m rt pthread crypt util xnet resolv; do "$AR_WASM" crs "$SL/lib$n.a"; done

# ---- 2. our sysroot additions: identity headers and <dlfcn.h> --------------------------------
mkdir -p "$SYSROOT/include/wasi"
sed -e "s|@TOOLCHAIN_VERSION@|$TOOLCHAIN_VERSION|" \
  -e "s|@WASI_LIBC_REVISION@|$WASI_LIBC_REVISION|" \
  -e "s|@WASI_LIBC_SOURCE@|debian:wasi-libc/$WASI_LIBC_DEB_VERSION|" \
  -e "s|@CLANG_VERSION@|$CLANG_VERSION|" \
  "$HERE/src/main/sysroot/include/wasi/version.h.in" >"$SYSROOT/include/wasi/version.h"
cp "$HERE/src/main/sysroot/include/wasi/toolchain-id.h" "$SYSROOT/include/wasi/"
cp "$HERE/src/main/sysroot/include/dlfcn.h" "$SYSROOT/include/"

TID=$WORK/toolchain-id.o
run_logged "$LOGS/toolchain-id.log" "compile the toolchain identity object" \
  $WCC $PIC_FLAGS -c "$HERE/src/main/c/toolchain-id/toolchain-id.c" -o "$TID"

# ---- 3. hand-linked shared libraries (this libc has no libc_so target) -----------------------
# libwasi-emulated-signal's musl objects use libc-internal hidden symbols, so it cannot be a
# library of its own: it is folded into libc.so. __heap_base and main are provided by whoever
# links the program (our linker, or the static executable).
mkdir -p "$OUT/lib"
printf '__heap_base\nmain\n' >"$WORK/libc.undefined"
run_logged "$LOGS/libc.so.log" "link libc.so" \
  "$LD_WASM" -shared --no-entry --export=__wasm_call_ctors --strip-debug -o "$OUT/lib/libc.so" \
  --whole-archive "$SL/libc.a" "$SL/libwasi-emulated-signal.a" --no-whole-archive "$TID" "$BUILTINS" \
  --allow-undefined-file="$WORK/libc.undefined"
EMULATED=()
for e in getpid process-clocks mman; do
  if [ -f "$SL/libwasi-emulated-$e.a" ]; then
    EMULATED+=("libwasi-emulated-$e.so")
    run_logged "$LOGS/libwasi-emulated-$e.so.log" "link libwasi-emulated-$e.so" \
      "$LD_WASM" -shared --no-entry --export=__wasm_call_ctors --strip-debug -o "$OUT/lib/libwasi-emulated-$e.so" \
      --whole-archive "$SL/libwasi-emulated-$e.a" --no-whole-archive "$TID" "$OUT/lib/libc.so"
  else
    log "note: this wasi-libc has no libwasi-emulated-$e.a; skipping it"
  fi
done

# ---- 4. libdl: libdl.so for the linker, libdl.a for CPython's static python.wasm --------------
run_logged "$LOGS/libdl.log" "build libdl (docs/design/dlopen-table.md)" bash -c '
  set -e
  $1 $2 -Wall -Wextra -Werror -c "$3" -o "$4/dl.o"
  '"$AR_WASM"' crs "$5/libdl.a" "$4/dl.o"
  '"$LD_WASM"' -shared --no-entry --export=__wasm_call_ctors --strip-debug -o "$6/libdl.so" \
    "$4/dl.o" "$7" "$6/libc.so"
' _ "$WCC" "$PIC_FLAGS" "$HERE/src/main/c/libdl/dl.c" "$WORK" "$SL" "$OUT/lib" "$TID"

# ---- 5. zlib, static and position-independent --------------------------------------------------
cp -a "$ZLIB_SRC" "$WORK/zlib"
run_logged "$LOGS/zlib.log" "build zlib (static, -fPIC)" bash -c '
  set -e
  cd "$1"
  CC="$2" AR='"$AR_WASM"' RANLIB=llvm-ranlib-19 CFLAGS="-O2 -fPIC" CHOST=wasm32-wasi \
    ./configure --static --prefix="$3"
  make -j'"$JOBS"' libz.a
  cp libz.a "$3/lib/wasm32-wasi/"
  cp zlib.h zconf.h "$3/include/"
' _ "$WORK/zlib" "$WCC" "$SYSROOT"

# ---- 5b. SQLite, static and position-independent -------------------------------------------------
# The Debian source is SQLite's full tree; its amalgamation (sqlite3.c) is generated natively
# (this needs tclsh). The wasi-libc of this sysroot has no threads and no fcntl locks:
# single-threaded build, no loadable extensions (CPython's default, and there is no dlopen of
# files anyway). In-memory databases work; file databases cannot lock.
mkdir -p "$WORK/sqlite-native"
run_logged "$LOGS/sqlite-amalgamation.log" "generate the SQLite amalgamation (native, needs tclsh)" bash -c '
  set -e
  cd "$1"
  "$2/configure" --disable-tcl
  make sqlite3.c
' _ "$WORK/sqlite-native" "$SQLITE_SRC"
run_logged "$LOGS/sqlite.log" "build SQLite (static, -fPIC)" bash -c '
  set -e
  $1 $2 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -D_WASI_EMULATED_GETPID \
    -D_WASI_EMULATED_MMAN -c "$3/sqlite3.c" -o "$3/sqlite3.o"
  '"$AR_WASM"' crs "$4/lib/wasm32-wasi/libsqlite3.a" "$3/sqlite3.o"
  cp "$3/sqlite3.h" "$4/include/"
' _ "$WCC" "$PIC_FLAGS" "$WORK/sqlite-native" "$SYSROOT"

# ---- 6. CPython cross build, -fPIC, WITH dynamic loading ---------------------------------------
# - the old libc has no <pthread.h>: CPython uses its pthread_stubs.h, but configure cannot size
#   the stub types, so we state them (pthread_stubs.h: typedef unsigned pthread_t/pthread_key_t);
# - dlopen is ours (libdl.a + <dlfcn.h> in the sysroot); the cache variables make configure pick
#   dynload_shlib.o and add -ldl without depending on a link probe.
PY_BUILD=$WORK/cpython
PY_PREFIX=/python
mkdir -p "$PY_BUILD"
run_logged "$LOGS/cpython-configure.log" "configure CPython $PY_VERSION for wasm32-wasi" bash -c '
  cd "$1" && env CONFIG_SITE="$2/Tools/wasm/config.site-wasm32-wasi" \
    ac_cv_have_pthread_t=yes ac_cv_sizeof_pthread_t=4 ac_cv_sizeof_pthread_key_t=4 \
    ac_cv_pthread_key_t_is_arithmetic_type=yes \
    ac_cv_header_dlfcn_h=yes ac_cv_lib_dl_dlopen=yes ac_cv_func_dlopen=yes \
    PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=/nonexistent \
    CC="$3" CPP="$3 -E" AR='"$AR_WASM"' RANLIB=llvm-ranlib-19 READELF=true \
    CFLAGS="-fPIC -Wno-error=int-conversion $6" \
    "$(realpath --relative-to=. "$2")/configure" -C --host=wasm32-unknown-wasi \
    --build=x86_64-pc-linux-gnu \
    --prefix="$4" --with-build-python="$5" --with-ensurepip=no --disable-test-modules
 ' _ "$PY_BUILD" "$PY_SRC" "$WCC" "$PY_PREFIX" "$NATIVE_PYTHON" "$REPRO_FLAGS"

# Verify that configure really chose dynamic loading and the wasi SOABI (a silent fallback to
# dynload_stub would make every extension module unloadable).
grep -q '^DYNLOADFILE=[[:space:]]*dynload_shlib.o' "$PY_BUILD/Makefile" ||
  die "CPython configure did not select dynload_shlib.o (see $LOGS/cpython-configure.log and $PY_BUILD/config.log)"
grep -q '^#define HAVE_DYNAMIC_LOADING 1' "$PY_BUILD/pyconfig.h" ||
  die "pyconfig.h lacks HAVE_DYNAMIC_LOADING (see $LOGS/cpython-configure.log)"
SOABI=$(sed -n 's/^SOABI=[[:space:]]*//p' "$PY_BUILD/Makefile")
EXT_SUFFIX=$(sed -n 's/^EXT_SUFFIX=[[:space:]]*//p' "$PY_BUILD/Makefile")
[ "$SOABI" = cpython-313-wasm32-wasi ] || die "unexpected SOABI '$SOABI' (want cpython-313-wasm32-wasi)"
[ "$EXT_SUFFIX" = .cpython-313-wasm32-wasi.so ] || die "unexpected EXT_SUFFIX '$EXT_SUFFIX'"
grep -q '^MODULE__SQLITE3_STATE=yes' "$PY_BUILD/Makefile" ||
  die "CPython configure did not enable _sqlite3 (see $PY_BUILD/config.log)"

run_logged "$LOGS/cpython-make.log" "build CPython (make -j$JOBS)" make -C "$PY_BUILD" -j"$JOBS"

# ---- 7. libpython3.13.so: the static library re-linked as a position-independent dylib -------
PY_STATIC_LIBS=("$PY_BUILD/Modules/_decimal/libmpdec/libmpdec.a" "$PY_BUILD/Modules/expat/libexpat.a")
for a in "$PY_BUILD"/Modules/_hacl/*.a; do PY_STATIC_LIBS+=("$a"); done
EMULATED_PATHS=()
for e in "${EMULATED[@]}"; do EMULATED_PATHS+=("$OUT/lib/$e"); done
run_logged "$LOGS/libpython.log" "link libpython3.13.so" \
  "$LD_WASM" -shared --no-entry --export=__wasm_call_ctors --strip-debug -o "$OUT/lib/libpython3.13.so" \
  --whole-archive "$PY_BUILD/libpython3.13.a" --no-whole-archive "$TID" \
  "${PY_STATIC_LIBS[@]}" "$SL/libz.a" "$SL/libsqlite3.a" \
  "$OUT/lib/libc.so" "$OUT/lib/libdl.so" "${EMULATED_PATHS[@]}" "$BUILTINS"

# CPython links python.wasm with DWARF (-g): 28 MB, of which 21 MB debug info that only slows
# down parsing it in the smoke test. The name section stays, for readable traps.
mkdir -p "$OUT/bin"
run_logged "$LOGS/python.wasm.log" "strip debug info from python.wasm" \
  llvm-objcopy-19 --strip-debug "$PY_BUILD/python.wasm" "$OUT/bin/python.wasm"

# ---- 8. standard library -----------------------------------------------------------------------
# `make libinstall` byte-compiles with the native python at optimization levels 0, 1 and 2; we ask
# for unchecked-hash .pyc (reproducible, and an interpreted wasm CPython then never recompiles at
# import time) and keep only level 0, the one a default interpreter imports.
INSTALL=$WORK/install
run_logged "$LOGS/cpython-install.log" "install the standard library (and byte-compile it)" \
  make -C "$PY_BUILD" DESTDIR="$INSTALL" COMPILEALL_OPTS="-q -j$JOBS --invalidation-mode unchecked-hash" \
  libinstall inclinstall
STDLIB=$INSTALL$PY_PREFIX/lib/python3.13
rm -rf "$STDLIB"/{test,idlelib,tkinter,turtledemo,ensurepip} "$STDLIB"/config-3.13-*/libpython3.13.a
find "$STDLIB" -name '*.opt-[12].pyc' -delete
# _sysconfigdata records the build's command lines, which name the cache root (the sysroot, the
# -ffile-prefix-map flags, the native build python): write them as the mapped paths (/build, /src,
# and /cache for the rest of the root), so that the bundle does not depend on where the cache is
# (the source directory is given to configure as a relative path for the same reason: CPython
# compiles it into libpython and python.wasm as VPATH).
for sc in "$STDLIB"/_sysconfigdata_*.py; do
  "$NATIVE_PYTHON" -I -B - "$sc" "$WORK" "$SOURCES" "$ROOT" "$PY_PREFIX/lib/python3.13/${sc##*/}" <<'PY'
import py_compile, sys
path, work, sources, root, dfile = sys.argv[1:]
with open(path, encoding="utf-8") as f:
    text = f.read()
text = text.replace(work, "/build").replace(sources, "/src").replace(root, "/cache")
with open(path, "w", encoding="utf-8") as f:
    f.write(text)
py_compile.compile(path, dfile=dfile, doraise=True,
                   invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
PY
done
# CPython's getpath looks for lib-dynload to find exec_prefix (and warns when it is missing). Our
# extension modules are built in, so it only holds a note (jars keep no empty directories).
mkdir -p "$STDLIB/lib-dynload"
echo "The runtime's extension modules are built into libpython3.13.so; this directory marks exec_prefix." \
  >"$STDLIB/lib-dynload/README.txt"
py_count=$(find "$STDLIB" -name '*.py' | wc -l)
pyc_count=$(find "$STDLIB" -name '*.cpython-313.pyc' | wc -l)
log "standard library: $py_count .py files, $pyc_count .pyc files"
[ "$pyc_count" -gt $((py_count * 9 / 10)) ] ||
  die "byte-compiling the standard library failed for many files (see $LOGS/cpython-install.log)"
mkdir -p "$OUT/python/lib"
cp -a "$STDLIB" "$OUT/python/lib/python3.13"

# ---- 9. sdk: what an extension module build needs ----------------------------------------------
mkdir -p "$OUT/sdk/include"
cp -a "$SYSROOT" "$OUT/sdk/sysroot"
cp -a "$INSTALL$PY_PREFIX/include/python3.13" "$OUT/sdk/include/python3.13"

# ---- 10. structural checks and manifest --------------------------------------------------------
for so in "$OUT"/lib/*.so; do
  wasm-validate "$so" 2>"$LOGS/validate.log" || die "wasm-validate rejects $so (see $LOGS/validate.log)"
done
run_logged "$LOGS/check.log" "structural checks (dylink.0, identity, libpython's imports)" \
  "$NATIVE_PYTHON" -I -B "$HERE/src/main/tools/bundle_tool.py" check "$OUT"
run_logged "$LOGS/manifest.log" "write manifest.json" \
  "$NATIVE_PYTHON" -I -B "$HERE/src/main/tools/bundle_tool.py" manifest "$OUT" \
  --key "$KEY" --python-version "$PY_VERSION" --soabi "$SOABI" --ext-suffix "$EXT_SUFFIX" \
  --python-home "$PY_PREFIX" \
  --source "python3.13=$PY_DEB_VERSION" --source "zlib=$ZLIB_DEB_VERSION" \
  --source "wasi-libc=$WASI_LIBC_DEB_VERSION" --source "sqlite3=$SQLITE_DEB_VERSION" \
  --identity-header "$SYSROOT/include/wasi/version.h"

