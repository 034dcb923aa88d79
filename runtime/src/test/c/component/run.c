/*
 * The entry library of the linked component that exports wasi:cli/run#run itself, as a Python
 * component's glue library does: no _start, the preview1 reactor adapter, and a cabi_realloc
 * (libc's allocator) that the adapter takes from the program for its own state.
 */
#include <stdlib.h>

void greet(const char *who, int times);

/* wasi:cli/run.run: func() -> result; the flat result is 0 for ok (canonical ABI, discriminant). */
__attribute__((export_name("wasi:cli/run@0.2.12#run"))) int run(void) {
  greet("run export", 3);
  return 0;
}

/* malloc aligns to 16, which covers every alignment the canonical ABI asks for. */
__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *ptr, size_t old_size,
                                                                 size_t align, size_t new_size) {
  (void)old_size;
  (void)align;
  return realloc(ptr, new_size);
}
