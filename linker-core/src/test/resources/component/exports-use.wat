;; Core module for exports-use.wit; exports-use.wasm = `wasm-tools parse exports-use.wat`.
(module
  (func (export "test:x/a@0.1.0#f") (result i32) i32.const 41)
  (func (export "test:x/b@0.1.0#g") (param i32) (result i32) local.get 0 i32.const 1 i32.add))
