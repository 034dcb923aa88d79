;; Fixture: the encodings clang does not emit. Every element segment form (0-7), multi-value
;; function types, several memories (memory64 and shared limits among them), several tables,
;; tags, passive and active data in a non-zero memory, a start function, globals of every
;; value type.
(module
  (type $pair (func (param i32 i64) (result i64 i32)))
  (type $none (func))
  (type $v (func (param v128) (result f32 f64)))
  (import "env" "f" (func $imported (type $pair)))
  (import "env" "t" (table $ti 1 10 funcref))
  (import "env" "m" (memory $mi 1 2 shared))
  (import "env" "g" (global $gi i64))
  (import "env" "gm" (global $gm (mut i32)))
  (import "env" "e" (tag $ei (param i32)))
  (table $t0 4 funcref)
  (table $t1 2 20 externref)
  (memory $m0 1)
  (memory $m1 i64 1 3)
  (tag $e1 (param i64 f32))
  (global $c32 i32 (i32.const -7))
  (global $c64 (mut i64) (i64.const 0x7fffffffffffffff))
  (global $cf32 f32 (f32.const 1.5))
  (global $cf64 f64 (f64.const -2.25))
  (global $cv v128 (v128.const i32x4 1 2 3 4))
  (global $cref funcref (ref.func $a))
  (global $cext externref (ref.null extern))
  (global $cget i64 (global.get $gi))
  (export "a" (func $a))
  (export "t0" (table $t0))
  (export "m1" (memory $m1))
  (export "c64" (global $c64))
  (export "e1" (tag $e1))
  (start $s)
  (func $a (type $pair) (local i32 i32 f64) (local.get 1) (local.get 0))
  (func $s (type $none))
  (func $w (type $v) (f32.const 0) (f64.const 0))
  (elem (i32.const 0) $a $s)                                   ;; form 0
  (elem func $a $w)                                            ;; form 1
  (elem (table $t0) (i32.const 1) func $s)                     ;; form 2
  (elem declare func $s)                                       ;; form 3
  (elem (i32.const 2) funcref (ref.func $a) (ref.null func))   ;; form 4
  (elem externref (ref.null extern))                           ;; form 5
  (elem (table $t1) (i32.const 0) externref (ref.null extern)) ;; form 6
  (elem declare funcref (ref.func $w))                         ;; form 7
  (data (memory $m0) (i32.const 16) "active in memory 1")
  (data "passive bytes")
  (data (memory $m1) (i64.const 32) "active in memory64")
)
