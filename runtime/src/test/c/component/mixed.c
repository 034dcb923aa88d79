/*
 * The export library of the linked mixed test: greet-all prints one line per name with greet
 * (greet.so, printf through libc.so and the preview1 adapter), joins the names, has the host
 * decorate them, and returns the result. Memory comes from libc's allocator (cabi_realloc below).
 */
#include <stdlib.h>
#include <string.h>

void greet(const char *who, int times);

/* A WIT string in the canonical ABI: UTF-8 bytes, not NUL-terminated. */
struct str {
  char *ptr;
  size_t len;
};

/* test:mixed/host.decorate: (ptr, len, return area) -> (). */
__attribute__((import_module("test:mixed/host@0.1.0"), import_name("decorate"))) void
host_decorate(const char *ptr, size_t len, struct str *result);

static struct str result;

__attribute__((export_name("greet-all"))) struct str *greet_all(const struct str *names,
                                                                 size_t count) {
  size_t joined_len = 0;
  for (size_t i = 0; i < count; i++) {
    char *name = malloc(names[i].len + 1);
    memcpy(name, names[i].ptr, names[i].len);
    name[names[i].len] = '\0';
    greet(name, 1);
    free(name);
    joined_len += names[i].len + 1;
  }
  char *joined = malloc(joined_len + 1);
  size_t at = 0;
  for (size_t i = 0; i < count; i++) {
    if (i > 0) {
      joined[at++] = '+';
    }
    memcpy(joined + at, names[i].ptr, names[i].len);
    at += names[i].len;
  }
  host_decorate(joined, at, &result);
  free(joined);
  return &result;
}

/* Frees what the host's decorate result and greet-all's own result took from the heap. */
__attribute__((export_name("cabi_post_greet-all"))) void post_greet_all(struct str *returned) {
  free(returned->ptr);
}

/* malloc aligns to 16, which covers every alignment the canonical ABI asks for. */
__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *ptr, size_t old_size,
                                                                 size_t align, size_t new_size) {
  (void)old_size;
  (void)align;
  return realloc(ptr, new_size);
}
