/*
 * The first library of the linked custom-world test, without libc or WASI: the program's
 * cabi_realloc (a bump allocator over pages it grows itself) and a string builder. Built with
 * -mbulk-memory so that __builtin_memcpy is memory.copy rather than a call to libc's memcpy.
 */
#include "text.h"

static uintptr_t top;
static uintptr_t end;

/* Canonical ABI realloc (CanonicalABI.md): never frees; copies on growth. */
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  uintptr_t p = (top + align - 1) & ~(uintptr_t)(align - 1);
  if (top == 0 || p + new_size > end) {
    size_t pages = (new_size + align + 0xffff) / 0x10000;
    size_t first = __builtin_wasm_memory_grow(0, pages);
    if (first == (size_t)-1) {
      __builtin_trap();
    }
    end = (first + pages) * 0x10000;
    p = (first * 0x10000 + align - 1) & ~(uintptr_t)(align - 1);
  }
  top = p + new_size;
  if (old != 0 && old_size != 0) {
    __builtin_memcpy((void *)p, old, old_size < new_size ? old_size : new_size);
  }
  return (void *)p;
}

void buf_bytes(struct buf *b, const char *bytes, size_t len) {
  if (b->len + len > b->cap) {
    size_t cap = (b->len + len) * 2 + 16;
    b->ptr = cabi_realloc(b->ptr, b->len, 1, cap);
    b->cap = cap;
  }
  __builtin_memcpy(b->ptr + b->len, bytes, len);
  b->len += len;
}

void buf_u32(struct buf *b, uint32_t value) {
  char digits[10];
  size_t n = 0;
  do {
    digits[sizeof digits - 1 - n++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  buf_bytes(b, digits + sizeof digits - n, n);
}

struct str buf_str(const struct buf *b) {
  struct str s = {b->ptr, b->len};
  return s;
}
