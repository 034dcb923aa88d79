/* The interface of text.so (see text.c), shared by shop.c. */
#include <stddef.h>
#include <stdint.h>

/* A WIT string in the canonical ABI: UTF-8 bytes, not NUL-terminated. */
struct str {
  const char *ptr;
  size_t len;
};

/* A growable byte buffer on the cabi_realloc heap. */
struct buf {
  char *ptr;
  size_t len;
  size_t cap;
};

void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size);
void buf_bytes(struct buf *b, const char *bytes, size_t len);
void buf_u32(struct buf *b, uint32_t value);
struct str buf_str(const struct buf *b);

/* Inline so that the length of each literal is a constant (no strlen: there is no libc here). */
static inline void buf_cstr(struct buf *b, const char *s) { buf_bytes(b, s, __builtin_strlen(s)); }
