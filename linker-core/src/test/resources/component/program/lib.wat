;; The library of the linked-program test (lib.wasm = `wasm-tools parse lib.wat`): it imports the
;; memory of `main` and two host functions, and exports the world's functions and cabi_realloc.
(module
  (import "env" "memory" (memory 1))
  (import "test:p/host@0.1.0" "log" (func $log (param i32 i32)))
  (import "test:p/host@0.1.0" "name" (func $name (param i32)))
  (global $top (mut i32) (i32.const 1024))
  ;; A bump allocator: align the top up, hand it out, move it by the size.
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    global.get $top
    local.get 2
    i32.const 1
    i32.sub
    i32.add
    i32.const 0
    local.get 2
    i32.sub
    i32.and
    local.tee $p
    local.get 3
    i32.add
    global.set $top
    local.get $p)
  ;; measure: func(s: string) -> u32: logs the string, returns its byte length.
  (func (export "measure") (param $ptr i32) (param $len i32) (result i32)
    local.get $ptr
    local.get $len
    call $log
    local.get $len)
  ;; name-len: func() -> u32: the host writes (ptr, len) of its name at address 16.
  (func (export "name-len") (result i32)
    i32.const 16
    call $name
    i32.const 20
    i32.load))
