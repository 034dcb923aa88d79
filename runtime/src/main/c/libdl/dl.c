/*
 * libdl for componentize-wasi: dlopen/dlsym over the linker-written lookup table.
 *
 * The contract (layout, sort order, semantics) is docs/design/dlopen-table.md; this file only reads it.
 * The table lives in linear memory; the componentize linker satisfies the weak data import
 * GOT.mem.__componentize_dl_table with its address. Without such a linker (CPython's static
 * python.wasm links this file from libdl.a) the weak symbol resolves to address 0 and every
 * dlopen fails with a clear message.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define DL_TABLE_MAGIC 0x4c44434du /* "MCDL" in memory order */
#define DL_TABLE_VERSION 1u

struct componentize_dl_symbol {
  uint32_t name_len;
  const unsigned char *name;
  uint32_t address; /* functions: table index; data: memory address */
};

struct componentize_dl_library {
  uint32_t name_len;
  const unsigned char *name;
  uint32_t symbol_count;
  const struct componentize_dl_symbol *symbols;
};

struct componentize_dl_table {
  uint32_t magic;
  uint32_t version;
  uint32_t library_count;
  const struct componentize_dl_library *libraries;
};

/* On wasm32 pointers are u32, so these structs match the table's all-u32 records exactly. */
_Static_assert(sizeof(void *) == 4, "the dlopen table stores 32-bit addresses");
_Static_assert(sizeof(struct componentize_dl_symbol) == 12, "symbol record is 3 x u32");
_Static_assert(sizeof(struct componentize_dl_library) == 16, "library record is 4 x u32");
_Static_assert(sizeof(struct componentize_dl_table) == 16, "table header is 4 x u32");

extern const struct componentize_dl_table __componentize_dl_table __attribute__((weak));

static const char *pending_error;

static void *fail(const char *message) {
  pending_error = message;
  return NULL;
}

/* Unsigned byte-wise order of (a, a_len) against the NUL-terminated key, as the table is sorted. */
static int compare_name(const unsigned char *a, uint32_t a_len, const char *key, size_t key_len) {
  size_t common = a_len < key_len ? a_len : key_len;
  int c = memcmp(a, key, common);
  if (c != 0) {
    return c;
  }
  if (a_len == key_len) {
    return 0;
  }
  return a_len < key_len ? -1 : 1;
}

static const struct componentize_dl_table *table(void) {
  const struct componentize_dl_table *t = &__componentize_dl_table;
  if (t == NULL) {
    return fail("dlopen: no dynamically linkable libraries in this program");
  }
  if (t->magic != DL_TABLE_MAGIC || t->version != DL_TABLE_VERSION) {
    return fail("dlopen: the dlopen table is malformed (bad magic or version)");
  }
  return t;
}

void *dlopen(const char *path, int flags) {
  (void)flags; /* everything is linked already: RTLD_LAZY/NOW/GLOBAL/LOCAL make no difference */
  if (path == NULL) {
    return fail("dlopen: dlopen(NULL) is not supported (no global symbol namespace)");
  }
  const struct componentize_dl_table *t = table();
  if (t == NULL) {
    return NULL;
  }
  size_t path_len = strlen(path);
  uint32_t lo = 0;
  uint32_t hi = t->library_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    const struct componentize_dl_library *lib = &t->libraries[mid];
    int c = compare_name(lib->name, lib->name_len, path, path_len);
    if (c == 0) {
      return (void *)lib;
    }
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return fail("dlopen: library not linked into this component");
}

void *dlsym(void *__restrict handle, const char *__restrict name) {
  if (handle == RTLD_DEFAULT || handle == RTLD_NEXT) {
    return fail("dlsym: RTLD_DEFAULT and RTLD_NEXT are not supported");
  }
  const struct componentize_dl_library *lib = handle;
  size_t name_len = strlen(name);
  uint32_t lo = 0;
  uint32_t hi = lib->symbol_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    const struct componentize_dl_symbol *sym = &lib->symbols[mid];
    int c = compare_name(sym->name, sym->name_len, name, name_len);
    if (c == 0) {
      return (void *)(uintptr_t)sym->address;
    }
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return fail("dlsym: symbol not found in library");
}

int dlclose(void *handle) {
  (void)handle; /* nothing is ever unloaded */
  return 0;
}

char *dlerror(void) {
  const char *message = pending_error;
  pending_error = NULL;
  return (char *)message;
}
