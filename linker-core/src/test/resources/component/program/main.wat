;; The memory owner of the linked-program test (main.wasm = `wasm-tools parse main.wat`).
(module (memory (export "memory") 1))
