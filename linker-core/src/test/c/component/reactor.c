// A wasi-libc *reactor* (a library-style module: _initialize instead of _start) exporting one
// world function through the canonical ABI, and printing through WASI preview1 (printf). Wrapped
// with jco's preview1 reactor adapter, this is the shape of the Python runtime's components.
// Built by build.sh (when the runtime bundle's sysroot is present) into reactor.wasm.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

// malloc's 16-byte alignment covers every canonical ABI alignment (at most 8).
EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align;
  return realloc(old, new_size);
}

static uint32_t ret_area[2];

// greet: func(name: string) -> string. (ptr len) in; a pointer to (ptr len) out.
EXPORT("greet") uint32_t *greet(const char *name, size_t len) {
  printf("greet called with %.*s\n", (int)len, name);
  fflush(stdout);
  char *out = malloc(len + 8);
  memcpy(out, "Hello, ", 7);
  memcpy(out + 7, name, len);
  out[7 + len] = '!';
  ret_area[0] = (uint32_t)(uintptr_t)out;
  ret_area[1] = (uint32_t)(len + 8);
  return ret_area;
}

// Runs after the host has copied the result: free the string.
EXPORT("cabi_post_greet") void greet_post(uint32_t *ret) { free((void *)(uintptr_t)ret[0]); }
