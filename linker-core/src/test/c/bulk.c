/* Fixture: shared memory with bulk-memory and atomics: wasm-ld emits passive data segments,
   a data count section, memory.init/data.drop in __wasm_init_memory and shared limits. */

static const char text[] = "passive segment contents";
int hits;
char scratch[64] = {1, 2, 3};

int bulk_touch(int i) {
  __atomic_fetch_add(&hits, 1, __ATOMIC_SEQ_CST);
  __builtin_memcpy(scratch, text, sizeof text);
  return scratch[i & 63];
}
