/*
 * Exercises libdl (runtime/src/main/c/libdl/dl.c) against a hand-made lookup table laid out as
 * docs/design/dlopen-table.md describes. Linked statically with the bundle's sdk (libdl.a, libc.a): this
 * program's strong definition of __componentize_dl_table satisfies libdl's weak reference, the
 * way the componentize linker's table does in a component. Prints one line per check.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct symbol {
  uint32_t name_len;
  const char *name;
  uint32_t address;
};

struct library {
  uint32_t name_len;
  const char *name;
  uint32_t symbol_count;
  const struct symbol *symbols;
};

struct table {
  uint32_t magic;
  uint32_t version;
  uint32_t library_count;
  const struct library *libraries;
};

#define NAME(s) (uint32_t)(sizeof(s) - 1), s

/* Sorted by unsigned byte-wise comparison; "PyInit_b" < "PyInit_ba" (prefix first). */
static const struct symbol first_symbols[] = {
    {NAME("PyInit_b"), 7},
    {NAME("PyInit_ba"), 8},
    {NAME("data"), 4096},
};
static const struct symbol second_symbols[] = {
    {NAME("PyInit__core"), 42},
};
static const struct library libraries[] = {
    {NAME("/python/site-packages/a/_b.cpython-313-wasm32-wasi.so"), 3, first_symbols},
    {NAME("/python/site-packages/fastmath/_core.cpython-313-wasm32-wasi.so"), 1, second_symbols},
};
const struct table __componentize_dl_table = {0x4c44434du, 1, 2, libraries};

static void show(const char *label, const void *value) {
  const char *error = dlerror();
  printf("%s=%lu error=%s\n", label, (unsigned long)(uintptr_t)value, error ? error : "none");
}

int main(void) {
  void *first = dlopen("/python/site-packages/a/_b.cpython-313-wasm32-wasi.so", RTLD_NOW);
  printf("first-is-record=%d\n", first == (const void *)&libraries[0]);
  void *second = dlopen("/python/site-packages/fastmath/_core.cpython-313-wasm32-wasi.so", RTLD_LAZY);
  printf("second-is-record=%d\n", second == (const void *)&libraries[1]);
  show("sym-b", dlsym(first, "PyInit_b"));
  show("sym-ba", dlsym(first, "PyInit_ba"));
  show("sym-data", dlsym(first, "data"));
  show("sym-core", dlsym(second, "PyInit__core"));
  show("sym-missing", dlsym(second, "PyInit_b"));
  show("after-error", NULL);
  show("open-prefix", dlopen("/python/site-packages/a/_b", RTLD_NOW));
  show("open-longer", dlopen("/python/site-packages/fastmath/_core.cpython-313-wasm32-wasi.so.1", 0));
  show("open-null", dlopen(NULL, RTLD_NOW));
  show("sym-default", dlsym(RTLD_DEFAULT, "PyInit_b"));
  printf("close=%d\n", dlclose(first));
  return 0;
}
