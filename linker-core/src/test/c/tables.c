/* Fixture: a second table (externref) next to the indirect function table, via clang's wasm
   table builtins (reference-types). */
static __externref_t table[0];

int callee(int x) { return x + 1; }
int (*fp)(int) = callee;

int tables_grow(int n) {
  return __builtin_wasm_table_grow(table, __builtin_wasm_ref_null_extern(), n);
}

int tables_size(void) { return __builtin_wasm_table_size(table) + fp(1); }
